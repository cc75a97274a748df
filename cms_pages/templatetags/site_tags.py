"""The footer's editor-chosen content: the footer text, the funders with
their logos, in the active language. Reads the site settings already cached
for the request by Wagtail's settings context processor."""

from django import template
from django.conf import settings as django_settings

from cms_pages.models import FooterText, Funder
from cms_pages.templatetags.navigation_tags import active_language

register = template.Library()


@register.inclusion_tag("includes/footer_settings.html", takes_context=True)
def footer_settings(context):
    """Context: `settings` (Wagtail's context processor) and `request`.
    Two queries: the footer text and the funders (with logos and renditions
    prefetched, one more each)."""
    if context.get("request") is None or "settings" not in context:
        return {}  # e.g. the bare 500 page: nothing to read settings with
    site_settings = context["settings"]["cms_pages"]["SiteSettings"]
    language = active_language()
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
    """What a shared link says about the page: its search description, else
    its lead or introduction."""
    page = context.get("page")
    for attribute in ("search_description", "lead", "intro"):
        value = getattr(page, attribute, "")
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""
