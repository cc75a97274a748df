"""The scorecard pages' context: figures computed from published assessments
as of a date, in a fixed number of queries whatever the number of
municipalities, priorities and assessment rounds."""

import datetime

from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from cms_pages.models import Election, Municipality
from consultations.models import SocialContract

from .models import (
    NOT_YET_ASSESSED,
    NOT_YET_ASSESSED_LABEL,
    Assessment,
    AssessmentDocument,
    MunicipalityScorecardPage,
    Scorecard,
    monitored_priorities,
)


def parse_as_of(request):
    """`(date, error)`: the `as_of` parameter, or today with a message saying
    why the one given could not be used."""
    today = timezone.localdate()
    value = request.GET.get("as_of", "").strip()
    if not value:
        return today, ""
    try:
        return datetime.date.fromisoformat(value), ""
    except ValueError:
        return today, _(
            "“%(value)s” is not a date written as YYYY-MM-DD: the figures below are as of today."
        ) % {"value": value[:20]}


def mandate_year_ends(election, today=None):
    """The end of each calendar year of the mandate that has passed, and the
    end of the mandate itself (the next local election, or four years on)."""
    today = today or timezone.localdate()
    following = (
        Election.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
        .filter(date__gt=election.date)
        .order_by("date")
        .first()
    )
    end = following.date if following else election.date.replace(year=election.date.year + 4)
    dates = [
        datetime.date(year, 12, 31)
        for year in range(election.date.year + 1, end.year + 1)
        if datetime.date(year, 12, 31) < end
    ]
    dates.append(end)
    return [day for day in dates if day <= today]


def localized_municipality_names(pks):
    """`{municipality pk: name}` in the active language; two queries at most."""
    rows = list(
        Municipality.objects.filter(pk__in=pks).values_list("pk", "translation_key", "name")
    )
    names = {pk: name for pk, _key, name in rows}
    language = get_language() or settings.LANGUAGE_CODE
    if language != settings.LANGUAGE_CODE and rows:
        translated = dict(
            Municipality.objects.filter(
                translation_key__in=[key for _pk, key, _name in rows],
                locale__language_code=language,
            ).values_list("translation_key", "name")
        )
        names.update({pk: translated.get(key, name) for pk, key, name in rows})
    return names


def _election_choice(request):
    """The elections with finalised contracts, and the one asked for (by
    default the latest whose contracts have published assessments, else the
    latest)."""
    elections = list(
        Election.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
        .filter(social_contracts__finalised_at__isnull=False)
        .distinct()
        .order_by("-date")
    )
    asked = request.GET.get("election", "")
    for election in elections:
        if str(election.pk) == asked:
            return elections, election
    assessed = set(
        Assessment.objects.published()
        .values_list("priority__contract__election", flat=True)
        .distinct()
    )
    for election in elections:
        if election.pk in assessed:
            return elections, election
    return elections, (elections[0] if elections else None)


def _date_context(request, election):
    as_of, error = parse_as_of(request)
    return {
        "as_of": as_of,
        "as_of_error": error,
        "quick_dates": mandate_year_ends(election) if election else [],
    }


def index_context(request, page):
    elections, election = _election_choice(request)
    context = _date_context(request, election)
    context.update({"elections": elections, "election": election, "rows": [], "network": None})
    if election is None:
        return context
    network, per_municipality = Assessment.objects.network_scorecard(election, context["as_of"])
    names = localized_municipality_names(per_municipality)
    pages = {
        p.municipality_id: p
        for p in MunicipalityScorecardPage.objects.child_of(page).live().filter(locale=page.locale)
    }
    rows = [
        {
            "municipality": names[pk],
            "page": pages.get(pk),
            "card": card,
            "bar_id": f"bar-{pk}",
        }
        for pk, card in per_municipality.items()
    ]
    rows.sort(key=lambda row: row["municipality"])
    context.update({"rows": rows, "network": network})
    return context


def municipality_context(request, page):
    municipality = page.municipality
    contracts = list(
        SocialContract.objects.filter(municipality=municipality, finalised_at__isnull=False)
        .select_related("election")
        .order_by("-election__date")
    )
    asked = request.GET.get("election", "")
    contract = next((c for c in contracts if str(c.election_id) == asked), None)
    if contract is None:
        contract = contracts[0] if contracts else None
    context = _date_context(request, contract.election if contract else None)
    context.update({"contracts": contracts, "contract": contract, "priorities": []})
    if contract is None:
        return context
    as_of = context["as_of"]
    priorities = monitored_priorities().filter(contract=contract).select_related("sector")
    card = Assessment.objects.scorecards(priorities, as_of).get(contract.pk, Scorecard())
    texts = priorities.localized_texts()
    history = (
        Assessment.objects.published()
        .filter(priority__in=priorities, as_of__lte=as_of)
        .latest_first()
        .prefetch_related(
            "sources",
            Prefetch("documents", queryset=_documents()),
        )
    )
    by_priority = {}
    for assessment in history:
        by_priority.setdefault(assessment.priority_id, []).append(assessment)
    rows = []
    for priority in priorities:
        title, description = texts.get(
            priority.translation_key, (priority.title, priority.description)
        )
        assessments = by_priority.get(priority.pk, [])
        current = assessments[0] if assessments else None
        rows.append(
            {
                "priority": priority,
                "title": title,
                "description": description,
                "current": current,
                "status": current.status if current else NOT_YET_ASSESSED,
                "status_label": current.get_status_display() if current else NOT_YET_ASSESSED_LABEL,
                "history": assessments,
            }
        )
    context.update({"card": card, "priorities": rows})
    return context


def _documents():
    return AssessmentDocument.objects.select_related("document")
