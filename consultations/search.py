"""Priorities in the site search (cms_pages' `register_public_search` hook):
a priority is found by its title or description in the visitor's language
or in Albanian (any form of the words typed: `cms_pages.search.search_query`),
and leads to its place on its consultation page."""

from django.db.models import OuterRef, Q, Subquery
from django.utils.translation import gettext

from wagtail import hooks
from wagtail.search.backends import get_search_backend

from cms_pages.related import page_url
from cms_pages.search import SEARCH_HOOK, SearchHit, plain_text, search_locales

from .models import ConsultationPage, Priority

MAX_PRIORITIES = 30


@hooks.register(SEARCH_HOOK)
def find_priorities(query, language_code):
    locales = search_locales(language_code)
    found = get_search_backend().search(query, Priority.objects.filter(locale__in=locales.values()))
    keys = list(dict.fromkeys(p.translation_key for p in found[:MAX_PRIORITIES]))
    if not keys:
        return []
    # Drafts are not public: only contracts whose consultation has a date.
    # Each priority comes with its consultation page's id and address.
    pages = (
        ConsultationPage.objects.live()
        .public()
        .filter(contract=OuterRef("contract"), locale=locales.get(language_code))
        .filter(Q(contract__opens_at__isnull=False) | Q(contract__finalised_at__isnull=False))
        .order_by("-path")
    )
    priorities = {
        p.translation_key: p
        for p in Priority.objects.source()
        .filter(translation_key__in=keys)
        .annotate(
            page_pk=Subquery(pages.values("pk")[:1]),
            page_path=Subquery(pages.values("url_path")[:1]),
        )
        .filter(page_pk__isnull=False)
        .localized(
            "title", "description", "contract__municipality__name", "contract__election__name"
        )
    }
    return [
        SearchHit(
            title=priority.localized_title,
            url=f"{page_url(priority.page_pk, priority.page_path, None)}#{priority.anchor}",
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
