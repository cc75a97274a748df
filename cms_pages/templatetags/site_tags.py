"""The footer's editor-chosen content: the footer text, the funders with
their logos, in the active language. Reads the site settings already cached
for the request by Wagtail's settings context processor. The footer is the
same on every page of a site and language: it is rendered once and kept while
the site keeps its chrome between pages (see `cms_pages.caching`)."""

from django import template
from django.conf import settings as django_settings
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext, gettext_noop

from wagtail.models import Site

from cms_pages.caching import cached
from cms_pages.models import FooterText, Funder
from cms_pages.search import page_description, plain_text
from cms_pages.templatetags.navigation_tags import active_language

register = template.Library()

SITE_DESCRIPTION = gettext_noop(
    "The POP Network: citizens choose their municipality's priorities, candidates for "
    "mayor sign them as a Social Contract, and the network monitors the whole mandate."
)


@register.simple_tag(takes_context=True)
def footer_settings(context):
    """The footer's content, rendered with includes/footer_settings.html.

    Context: `settings` (Wagtail's context processor) and `request`.
    The settings, the footer text and the funders (with logos and renditions
    prefetched, one more each): none when kept from an earlier page."""
    request = context.get("request")
    if request is None or "settings" not in context:
        return ""  # e.g. the bare 500 page: nothing to read settings with
    site = Site.find_for_request(request)
    language = active_language()

    def render():
        footer = _footer_context(context["settings"]["cms_pages"]["SiteSettings"], language)
        return str(render_to_string("includes/footer_settings.html", footer))

    site_key = site.pk if site is not None else None
    return mark_safe(cached(("footer_settings", site_key, language, get_language()), render))  # noqa: S308 - a rendered template


def _footer_context(site_settings, language):
    languages = {language, django_settings.LANGUAGE_CODE}

    footer_text = None
    if site_settings.footer_text_id:
        chosen_key = FooterText.objects.filter(pk=site_settings.footer_text_id).values(
            "translation_key"
        )
        by_language = {
            item.locale.language_code: item
            for item in FooterText.objects.filter(
                translation_key__in=chosen_key, locale__language_code__in=languages
            ).select_related("locale")
        }
        footer_text = by_language.get(language) or by_language.get(django_settings.LANGUAGE_CODE)

    funders = []
    ids = site_settings.funder_ids()
    if ids:
        chosen = dict(Funder.objects.filter(pk__in=ids).values_list("pk", "translation_key"))
        rows = (
            Funder.objects.filter(
                translation_key__in=chosen.values(), locale__language_code__in=languages
            )
            .select_related("locale", "logo")
            .prefetch_related("logo__renditions")
        )
        by_key = {}
        for funder in rows:
            if funder.translation_key not in by_key or funder.locale.language_code == language:
                by_key[funder.translation_key] = funder
        funders = [by_key[chosen[pk]] for pk in ids if chosen.get(pk) in by_key]
    return {
        "site_settings": site_settings,
        "footer_text": footer_text,
        "funders": funders,
        "social_links": site_settings.social_links,
    }


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    """`url` made absolute with the request's scheme and host."""
    request = context.get("request")
    if request is None or not url:
        return url
    return request.build_absolute_uri(url)


@register.simple_tag(takes_context=True)
def share_description(context):
    """What a shared link and search engines say about the page, in plain
    text: what the view offers (`meta_description`), else the page's own
    description (`cms_pages.search.page_description`), else what the site
    is."""
    offered = plain_text(context.get("meta_description", ""))
    if offered:
        return offered
    return page_description(context.get("page")) or gettext(SITE_DESCRIPTION)
