"""The council decisions on the priority page: the section it asks for
through the `priority_page_sections` hook."""

from django.conf import settings

from cms_pages.models import active_language

from .models import CouncilDecision, MunicipalityScorecardPage


def scorecard_page_of(municipality_id):
    """The live scorecard page of a municipality in the reader's language
    (the Albanian one where none exists in it), or None: one query."""
    pages = {
        page.locale.language_code: page
        for page in MunicipalityScorecardPage.objects.live()
        .filter(municipality_id=municipality_id)
        .select_related("locale")
    }
    return pages.get(active_language()) or pages.get(settings.LANGUAGE_CODE)


def priority_section(request, priority):
    """The published council decisions that concern `priority`, newest
    first, each linked to its session on the municipality's scorecard page."""
    decisions = list(
        CouncilDecision.objects.published().concerning(priority).select_related("session")
    )
    page = scorecard_page_of(decisions[0].session.municipality_id) if decisions else None
    council_url = page.url + page.reverse_subpage("council_sessions") if page else ""
    return {
        "order": 30,
        "template": "scorecards/council/priority_section.html",
        "context": {"priority": priority, "decisions": decisions, "council_url": council_url},
    }
