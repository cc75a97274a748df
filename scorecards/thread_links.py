"""How the rest of the site reaches the municipality and priority pages
(`scorecards.models.thread`): the first of the related pages about a
municipality and election (cms_pages' `register_related_pages`), the
addresses other apps' templates ask for with `{% thread_url %}`
(`register_thread_url`), and municipalities in the site search
(`register_public_search`)."""

from django.db.models import Subquery
from django.utils.translation import gettext

from wagtail import hooks
from wagtail.search.backends import get_search_backend

from cms_pages.models import Municipality
from cms_pages.related import (
    RELATED_HOOK,
    THREAD_URL_HOOK,
    RelatedLink,
    RelatedSource,
    page_url,
)
from cms_pages.search import SEARCH_HOOK, SearchHit, search_locales
from consultations.models import Priority

from .models import MunicipalityIndexPage, municipality_url, priority_url

MAX_MUNICIPALITIES = 12


def expressions(municipality, election, language):
    index = MunicipalityIndexPage.objects.live().filter(locale__language_code=language)
    return {
        "thread_index": Subquery(index.values("pk")[:1]),
        "thread_index_path": Subquery(index.values("url_path")[:1]),
    }


def link(values, request):
    url = page_url(values["thread_index"], values["thread_index_path"], request)
    if not url:
        return None
    return RelatedLink(
        gettext("All about the municipality"), f"{url}{values['municipality_slug']}/"
    )


@hooks.register(RELATED_HOOK)
def municipality_page():
    return [RelatedSource(5, expressions, link)]


@hooks.register(THREAD_URL_HOOK)
def thread_address(obj, municipality_slug, request):
    if isinstance(obj, Municipality):
        return municipality_url(obj, request=request)
    if isinstance(obj, Priority) and obj.in_contract:
        return priority_url(obj, request=request, municipality_slug=municipality_slug)
    return None


@hooks.register(SEARCH_HOOK)
def find_municipalities(words, language_code):
    """A municipality is found by its name in the visitor's language or in
    Albanian, and leads to its page."""
    locales = set(search_locales(language_code).values())
    found = get_search_backend().search(words, Municipality.objects.all())
    keys = list(
        dict.fromkeys(
            m.translation_key for m in found[: 3 * MAX_MUNICIPALITIES] if m.locale_id in locales
        )
    )[:MAX_MUNICIPALITIES]
    if not keys or not municipality_url("x", language_code):
        return []
    rows = {
        m.translation_key: m
        for m in Municipality.objects.source()
        .filter(translation_key__in=keys)
        .localized("name", language=language_code)
    }
    name = f"localized_name_{language_code}"
    return [
        SearchHit(
            title=getattr(row, name),
            url=municipality_url(row, language_code),
            summary=gettext(
                "The mayor's promises, the Social Contracts, the candidates and what was done."
            ),
            kind=gettext("Municipality"),
        )
        for key in keys
        if (row := rows.get(key))
    ]
