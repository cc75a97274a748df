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
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info

from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page, Site

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


def _translate_path(full_path, language):
    """`full_path` in `language`, including a local `next=` address in its query."""
    url = translate_url(full_path, language)
    parts = urlsplit(url)
    if not parts.query:
        return url
    query = []
    for key, value in parse_qsl(parts.query, keep_blank_values=True):
        if key == "next" and value.startswith("/") and not value.startswith("//"):
            value = translate_url(value, language)
        query.append((key, value))
    return urlunsplit(parts._replace(query=urlencode(query)))


@register.simple_tag(takes_context=True)
def language_links(context):
    """One entry per language: `code`, `name` (autonym), `url`, `is_current`.

    On a Wagtail page (`page` in the context) each language links to the
    page's live translation or alias in that language, else to that
    language's home page (one query). Elsewhere (`request` only: allauth
    pages, the profile, errors) the current address is translated with
    Django's `translate_url`.
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
                        found[code] = url
                        break
            return found

        site_key = site.pk if site is not None else None
        urls = cached(("language_links", site_key, page.pk, *languages), compute)
    elif request is not None:
        urls = {code: _translate_path(full_path, code) for code in languages}

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
