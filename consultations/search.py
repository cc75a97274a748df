"""Priorities in the site search (cms_pages' `register_public_search` hook):
a priority is found by its title or description in the visitor's language
or in Albanian, and leads to its place on its consultation page."""

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext

from wagtail import hooks
from wagtail.models import Locale
from wagtail.search.backends import get_search_backend

from cms_pages.search import SEARCH_HOOK, SearchHit, plain_text

from .models import ConsultationPage, Priority

MAX_PRIORITIES = 30


@hooks.register(SEARCH_HOOK)
def find_priorities(words, language_code):
    locales = dict(
        Locale.objects.filter(
            language_code__in={language_code, settings.LANGUAGE_CODE}
        ).values_list("language_code", "pk")
    )
    found = get_search_backend().search(words, Priority.objects.filter(locale__in=locales.values()))
    keys = list(dict.fromkeys(p.translation_key for p in found[:MAX_PRIORITIES]))
    if not keys:
        return []
    # Drafts are not public: only contracts whose consultation has a date.
    pages = {
        page.contract_id: page
        for page in ConsultationPage.objects.live()
        .public()
        .filter(locale=locales.get(language_code))
        .filter(Q(contract__opens_at__isnull=False) | Q(contract__finalised_at__isnull=False))
    }
    priorities = {
        p.translation_key: p
        for p in Priority.objects.source()
        .filter(translation_key__in=keys, contract__in=pages.keys())
        .localized(
            "title", "description", "contract__municipality__name", "contract__election__name"
        )
    }
    return [
        SearchHit(
            title=priority.localized_title,
            url=f"{pages[priority.contract_id].url}#{priority.anchor}",
            summary=plain_text(priority.localized_description),
            kind=gettext("Priority in %(municipality)s, %(election)s")
            % {
                "municipality": priority.localized_contract_municipality_name,
                "election": priority.localized_contract_election_name,
            },
        )
        for key in keys
        if (priority := priorities.get(key))
    ]
