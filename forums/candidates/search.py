"""Candidates in the site search (cms_pages' `register_public_search` hook):
a confirmed candidate is found by name, party or biography and leads to
their public page."""

from django.urls import reverse
from django.utils.translation import gettext

from wagtail import hooks
from wagtail.search.backends import get_search_backend

from cms_pages.search import SEARCH_HOOK, SearchHit, plain_text

from ..models import Candidacy

MAX_CANDIDATES = 30


@hooks.register(SEARCH_HOOK)
def find_candidates(query, language_code):
    found = [
        c.pk
        for c in get_search_backend().search(query, Candidacy.objects.confirmed())[:MAX_CANDIDATES]
    ]
    if not found:
        return []
    candidacies = (
        Candidacy.objects.filter(pk__in=found)
        .select_related("party")
        .localized("party__name", "municipality__name", "election__name")
        .in_bulk()
    )
    kind = gettext("Candidate for mayor")
    hits = []
    for pk in found:
        candidacy = candidacies[pk]
        party = candidacy.localized_party_name or gettext("Independent candidate")
        race = f"{candidacy.localized_municipality_name}, {candidacy.localized_election_name}"
        summary = f"{party} · {race}"
        if candidacy.biography:
            summary = f"{summary}. {candidacy.biography}"
        hits.append(
            SearchHit(
                title=candidacy.full_name,
                url=reverse("forums:candidate", args=[pk]),
                summary=plain_text(summary),
                kind=kind,
            )
        )
    return hits
