"""Site-wide navigation: the main menu, the language switcher and the
partner organisations listed in the footer.

Each tag reads the active language and, where it needs them, `request` and
`page` from the template context; each costs one or two queries, none while
the site keeps its chrome between pages (see `cms_pages.caching`): what is
kept is the data shared by every visitor, never the current page's marking.
"""

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django import template
from django.conf import settings
from django.db.models import Q
from django.db.models.functions import Length, Substr
from django.http import Http404
from django.urls import resolve, translate_url
from django.utils.translation import (
    get_language,
    get_language_from_path,
    get_language_info,
    override,
)

from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from cms_pages.caching import cached
from cms_pages.models import PartnerOrganisation
from cms_pages.models.localization import localized_name

register = template.Library()

# Each language is named in itself, so that a reader finds their own.
LANGUAGE_NAMES = {"sq": "Shqip", "en": "English"}


def active_language():
    """The active content language ("sq" or "en"), the default if unknown."""
    try:
        return get_supported_content_language_variant(get_language() or settings.LANGUAGE_CODE)
    except LookupError:
        return settings.LANGUAGE_CODE


def _wagtail_page(context):
    """The Wagtail page being shown, if any (`page` may also be a paginator page)."""
    page = context.get("page")
    if isinstance(page, Page) and page.pk:
        return page
    return None


def _home_paths(site, language):
    """Tree paths of the site root page's translation in `language` (a subquery)."""
    root_key = Page.objects.filter(pk=site.root_page_id).values("translation_key")
    return Page.objects.filter(translation_key__in=root_key, locale__language_code=language).values(
        "path"
    )


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    """The pages shown in menus under the home page of the active language.

    Context: `request` (required for a menu), `page` (optional, marks the
    current section). One query.
    """
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    items = []
    if site is not None:
        language = active_language()

        def compute():
            children = (
                Page.objects.live()
                .in_menu()
                .annotate(parent_path=Substr("path", 1, Length("path") - Page.steplen))
                .filter(parent_path__in=_home_paths(site, language))
                .order_by("path")
            )
            return [
                {
                    "pk": child.pk,
                    "path": child.path,
                    "title": child.title,
                    "url": child.get_url(request),
                }
                for child in children
            ]

        current = _wagtail_page(context)
        for child in cached(("main_menu", site.pk, language), compute):
            items.append(
                {
                    "title": child["title"],
                    "url": child["url"],
                    "is_current": current is not None and current.pk == child["pk"],
                    "is_ancestor": current is not None
                    and current.pk != child["pk"]
                    and current.path.startswith(child["path"]),
                }
            )
    return {"items": items}


def _page_translation_path(request, path, language):
    """The path, in `language`, of the Wagtail page that serves `path`: its
    live translation's URL followed by what `path` has after the page's own
    (a routable page's sub-route, e.g. `calendar/`); `path` itself if the
    page has no live translation in `language` (better its only version than
    a 404). None if no live page serves `path`."""
    source = get_language_from_path(path)
    if source is None:
        return None
    with override(source):
        try:
            if resolve(path).url_name != "wagtail_serve":
                return None
            site = Site.find_for_request(request)
            if site is None:
                return None
            components = [part for part in path.split("/")[2:] if part]
            page = site.root_page.localized.specific.route(request, components).page
        except Http404:  # not a page's address, or no live page there
            return None
        page_url = page.get_url(request)
    target = page.get_translation_or_none(Locale.objects.get_for_language(language))
    target_url = target.get_url(request) if target is not None and target.live else None
    if not page_url:
        return None
    if not target_url:
        return path
    return target_url + (path[len(page_url) :] if path.startswith(page_url) else "")


def _local_path_in(request, url, language):
    """A local address (path and query) in `language`: a page's path becomes
    its translation's, any other path the same under `language`'s prefix; a
    local `next=` in the query is translated the same way, the rest kept."""
    parts = urlsplit(url)
    path = _page_translation_path(request, parts.path, language) if request else None
    path = path or translate_url(parts.path, language)
    return urlunsplit(("", "", path, _query_in(request, parts.query, language), parts.fragment))


def _query_in(request, query, language):
    """`query` with its local `next=` address in `language`."""
    if not query:
        return ""
    pairs = []
    for key, value in parse_qsl(query, keep_blank_values=True):
        if key == "next" and value.startswith("/") and not value.startswith("//"):
            value = _local_path_in(request, value, language)
        pairs.append((key, value))
    return urlencode(pairs)


@register.simple_tag(takes_context=True)
def language_links(context):
    """One entry per language: `code`, `name` (autonym), `url`, `is_current`.

    On a Wagtail page (`page` in the context) each language links to the
    page's live translation or alias in that language, with the current
    sub-route of a routable page and the query string (a scorecard's date
    and election, filters, page number); without one, to that language's
    home page (one query). Elsewhere (`request` only: allauth pages, the
    profile, errors) the current address is translated with Django's
    `translate_url`, its query kept. Either way a local `next=` address in
    the query leads to the translation of the page it names.
    """
    request = context.get("request")
    page = _wagtail_page(context)
    current = active_language()
    languages = [code for code, _name in settings.LANGUAGES]
    full_path = request.get_full_path() if request is not None else ""

    urls = {}
    if request is not None and page is not None:
        site = Site.find_for_request(request)

        def compute():
            keys = Q(translation_key=page.translation_key)
            if site is not None:
                root_key = Page.objects.filter(pk=site.root_page_id).values("translation_key")
                keys |= Q(translation_key__in=root_key)
            translations, homes = {}, {}
            for candidate in Page.objects.live().filter(keys).select_related("locale"):
                code = candidate.locale.language_code
                if candidate.translation_key == page.translation_key:
                    translations[code] = candidate
                else:
                    homes[code] = candidate
            found = {}
            for code in languages:
                for target in (translations.get(code), homes.get(code)):
                    url = target.get_url(request) if target is not None else None
                    if url:
                        found[code] = (url, target is translations.get(code))
                        break
            return found

        site_key = site.pk if site is not None else None
        # The kept value holds (url, is_translation) pairs: "2" keeps it
        # apart from the plain URLs kept before.
        found = cached(("language_links", 2, site_key, page.pk, *languages), compute)
        page_url = page.get_url(request)
        sub_route = request.path.removeprefix(page_url) if page_url else ""
        sub_route = "" if sub_route == request.path else sub_route
        for code, (url, is_translation) in found.items():
            if is_translation and code != current:
                query = _query_in(request, request.META.get("QUERY_STRING", ""), code)
                url = f"{url}{sub_route}" + (f"?{query}" if query else "")
            urls[code] = url
    elif request is not None:
        urls = {code: _local_path_in(request, full_path, code) for code in languages}

    links = []
    for code in languages:
        is_current = code == current
        url = full_path if is_current and full_path else urls.get(code) or f"/{code}/"
        links.append(
            {
                "code": code,
                "name": LANGUAGE_NAMES.get(code) or get_language_info(code)["name_local"],
                "url": url,
                "is_current": is_current,
            }
        )
    return links


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """The language switcher as a list of links (see `language_links`)."""
    return {"links": language_links(context)}


@register.inclusion_tag("includes/partner_organisations.html")
def partner_organisations():
    """The network's partner organisations in the active language, each
    falling back to its Albanian row, with its municipality's name. One
    query; needs nothing from the context.
    """
    language = active_language()
    key = ("partner_organisations", language, get_language())
    return {"partners": cached(key, lambda: _partners(language))}


def _partners(language):
    rows = PartnerOrganisation.objects.source().localized(
        "name", "municipality__name", language=language
    )
    partners = [
        {
            "name": getattr(row, localized_name("name", language)),
            "website": row.website,
            "municipality": getattr(row, localized_name("municipality__name", language)),
        }
        for row in rows
    ]
    partners.sort(key=lambda partner: partner["name"].casefold())
    return partners
