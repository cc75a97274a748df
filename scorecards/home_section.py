"""The home page's scorecards sections (rendered through the
`home_page_sections` hook): the network figures of the latest election with
published assessments, as of today, and a link to the scorecards; and the
municipalities, each leading to its own page."""

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from cms_pages.caching import cached
from cms_pages.models import Municipality

from .models import (
    Assessment,
    ScorecardIndexPage,
    elections,
    municipality_url,
    thread_index_url,
)

#: The home page's figures are kept this long (seconds), and retired with
#: every cached page as soon as anything public changes.
HOME_SECTION_TIMEOUT = 10 * 60


def home_section(request, page):
    """The section's HTML; "" when nothing is published yet. Cached under the
    page cache's generation, so that the home page makes no query for it most
    of the time."""
    html = cached(
        ("scorecards:home-section", page.locale_id, get_language()),
        lambda: _render_home_section(request, page),
        seconds=HOME_SECTION_TIMEOUT,
    )
    return mark_safe(html)  # noqa: S308 - rendered by our own template below


def _render_home_section(request, page):
    election = next(
        (e for e in elections().monitored().localized("name") if e.has_assessments), None
    )
    if election is None:
        return ""
    index = ScorecardIndexPage.objects.live().filter(locale_id=page.locale_id).first()
    if index is None:
        return ""
    network, per_municipality = Assessment.objects.network_scorecard(election)
    return str(
        render_to_string(
            "scorecards/home_section.html",
            {
                "network": network,
                "municipalities": len(per_municipality),
                "election": election,
                "index": index,
                "today": timezone.localdate(),
            },
            request=request,
        )
    )


def municipalities_section(request, page):
    """The home page's list of municipalities, each leading to its page
    (what was promised there and what was done); "" without the
    municipalities index. Cached as the scorecards section is."""
    html = cached(
        ("scorecards:home-municipalities", page.locale_id, get_language()),
        lambda: _render_municipalities(request),
        seconds=HOME_SECTION_TIMEOUT,
    )
    return mark_safe(html)  # noqa: S308 - rendered by our own template below


def _render_municipalities(request):
    base = thread_index_url(request=request)
    if base is None:
        return ""
    municipalities = [
        {"name": row.localized_name, "url": municipality_url(row.slug, request=request)}
        for row in Municipality.objects.source().localized("name").order_by("localized_name")
    ]
    if not municipalities:
        return ""
    return str(
        render_to_string(
            "scorecards/thread/home_section.html",
            {"municipalities": municipalities, "index_url": base},
            request=request,
        )
    )
