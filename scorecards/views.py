"""The scorecard pages' context: figures computed from published assessments
as of a date, in a fixed number of queries whatever the number of
municipalities, priorities and assessment rounds."""

import datetime

from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch, Subquery
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from cms_pages.caching import cached
from cms_pages.models import Election, Municipality
from consultations.models import SocialContract
from forums.models import Position

from .models import (
    NOT_YET_ASSESSED,
    NOT_YET_ASSESSED_LABEL,
    Assessment,
    AssessmentDocument,
    MunicipalityScorecardPage,
    Scorecard,
    ScorecardIndexPage,
    end_of_day,
    monitored_priorities,
)

UNKNOWN = object()


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


def next_election_date(election_date_field="date"):
    """A subquery: the date of the next local election after the outer row's
    `election_date_field` (None if none is planned yet)."""
    return Subquery(
        Election.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
        .filter(date__gt=OuterRef(election_date_field))
        .order_by("date")
        .values("date")[:1]
    )


def mandate_year_ends(election, today=None, following=UNKNOWN):
    """The end of each calendar year of the mandate that has passed, and the
    end of the mandate itself (the next local election, or four years on).
    `following` is the next election's date when the caller already has it."""
    today = today or timezone.localdate()
    if following is UNKNOWN:
        nxt = (
            Election.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
            .filter(date__gt=election.date)
            .order_by("date")
            .first()
        )
        following = nxt.date if nxt else None
    end = following or election.date.replace(year=election.date.year + 4)
    dates = [
        datetime.date(year, 12, 31)
        for year in range(election.date.year + 1, end.year + 1)
        if datetime.date(year, 12, 31) < end
    ]
    dates.append(end)
    return [day for day in dates if day <= today]


def timeline_dates(quick_dates, today=None):
    """The over-time chart's dates: the end of each mandate year passed, and today."""
    today = today or timezone.localdate()
    return [*quick_dates, today] if not quick_dates or quick_dates[-1] < today else quick_dates


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


def elections_with_contracts():
    """The elections with finalised contracts, newest first, each with
    `has_assessments` and `following` (the next election's date): one query."""
    return [
        election
        for election in Election.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
        .annotate(
            has_contracts=Exists(
                SocialContract.objects.filter(election=OuterRef("pk"), finalised_at__isnull=False)
            ),
            has_assessments=Exists(
                Assessment.objects.published().filter(priority__contract__election=OuterRef("pk"))
            ),
            following=next_election_date(),
        )
        .order_by("-date")
        if election.has_contracts
    ]


def latest_assessed_election():
    """The latest election whose contracts have published assessments, or None."""
    return next((e for e in elections_with_contracts() if e.has_assessments), None)


def _election_choice(request):
    """The elections with finalised contracts, and the one asked for (by
    default the latest whose contracts have published assessments, else the
    latest)."""
    elections = elections_with_contracts()
    asked = request.GET.get("election", "")
    for election in elections:
        if str(election.pk) == asked:
            return elections, election
    for election in elections:
        if election.has_assessments:
            return elections, election
    return elections, (elections[0] if elections else None)


def _date_context(request, election):
    as_of, error = parse_as_of(request)
    quick_dates = (
        mandate_year_ends(election, following=getattr(election, "following", None))
        if election
        else []
    )
    return {
        "as_of": as_of,
        "as_of_error": error,
        "quick_dates": quick_dates,
        "timeline_dates": timeline_dates(quick_dates) if election else [],
    }


#: The over-time chart's geometry, in SVG user units: 100 units = 100 %.
COLUMN_WIDTH = 26
COLUMN_STEP = 40
CHART_LEFT = 30
CHART_TOP = 6


def timeline_columns(dates, cards):
    """The over-time chart's stacked columns, one per date, with their parts
    placed from the bottom up (`y`, `height` in the chart's units)."""
    today = timezone.localdate()
    columns = []
    for n, (day, card) in enumerate(zip(dates, cards, strict=True)):
        x = CHART_LEFT + n * COLUMN_STEP + (COLUMN_STEP - COLUMN_WIDTH) / 2
        parts = [
            {
                **part,
                "y": CHART_TOP + 100 - part["x"] - part["width"],
                "height": part["width"],
                "text_y": CHART_TOP + 100 - part["middle"] + 2,
            }
            for part in card.segments()
        ]
        columns.append(
            {
                "day": day,
                "card": card,
                "is_today": day == today,
                "x": x,
                "middle": x + COLUMN_WIDTH / 2,
                "parts": parts,
            }
        )
    return {
        "columns": columns,
        "width": CHART_LEFT + len(columns) * COLUMN_STEP + 4,
        # Shown at three times its units, at most (the SVG scales down to fit).
        "display_width": 3 * (CHART_LEFT + len(columns) * COLUMN_STEP + 4),
        "column_width": COLUMN_WIDTH,
        "bottom": CHART_TOP + 100,
    }


def index_context(request, page):
    elections, election = _election_choice(request)
    context = _date_context(request, election)
    context.update(
        {
            "elections": elections,
            "election": election,
            "rows": [],
            "network": None,
            "timeline": None,
        }
    )
    if election is None:
        return context
    as_of = context["as_of"]
    dates = context["timeline_dates"]
    by_day = Assessment.objects.network_timeline([*dates, as_of], election)
    network, per_municipality = by_day[as_of]
    names = localized_municipality_names(per_municipality)
    pages = {
        p.municipality_id: p
        for p in MunicipalityScorecardPage.objects.child_of(page)
        .live()
        .filter(locale_id=page.locale_id)
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
    context.update(
        {
            "rows": rows,
            "network": network,
            "timeline": timeline_columns(dates, [by_day[day][0] for day in dates]),
        }
    )
    return context


def mayor_positions(contract, priority_pks):
    """`(mayor, {priority pk: Position})`: the elected mayor of the contract's
    municipality and election (the winning confirmed candidacy) and their
    positions on the contract's priorities, in one query; `(None, {})` when
    the forums hold no winner."""
    rows = list(Position.objects.of_elected_mayor(contract).filter(priority_id__in=priority_pks))
    if not rows:
        return None, {}
    return rows[0].candidacy, {position.priority_id: position for position in rows}


def municipality_context(request, page):
    contracts = list(
        SocialContract.objects.filter(
            municipality_id=page.municipality_id, finalised_at__isnull=False
        )
        .select_related("election", "municipality")
        .annotate(following=next_election_date("election__date"))
        .order_by("-election__date")
    )
    asked = request.GET.get("election", "")
    contract = next((c for c in contracts if str(c.election_id) == asked), None)
    if contract is None:
        contract = contracts[0] if contracts else None
    if contract is not None:
        contract.election.following = contract.following
    context = _date_context(request, contract.election if contract else None)
    context.update(
        {"contracts": contracts, "contract": contract, "priorities": [], "timeline": None}
    )
    if contract is None:
        return context
    as_of = context["as_of"]
    priorities = list(monitored_priorities().filter(contract=contract))
    pks = [priority.pk for priority in priorities]
    texts = monitored_priorities().filter(pk__in=pks).localized_texts()
    assessments = (
        Assessment.objects.published()
        .filter(priority_id__in=pks)
        .latest_first()
        .prefetch_related("sources", Prefetch("documents", queryset=_documents()))
    )
    by_priority = {}
    for assessment in assessments:
        by_priority.setdefault(assessment.priority_id, []).append(assessment)
    mayor, positions = mayor_positions(contract, pks)
    histories = [by_priority.get(pk, []) for pk in pks]

    def card_on(day):
        if contract.finalised_at >= end_of_day(day):
            return Scorecard()  # not finalised yet: nothing to count
        return Scorecard.from_histories(histories, day)

    rows = []
    for priority in priorities:
        title, description = texts.get(
            priority.translation_key, (priority.title, priority.description)
        )
        assessments = [a for a in by_priority.get(priority.pk, []) if a.as_of <= as_of]
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
                "position": positions.get(priority.pk),
            }
        )
    dates = context["timeline_dates"]
    context.update(
        {
            "card": card_on(as_of),
            "priorities": rows,
            "mayor": mayor,
            "timeline": timeline_columns(dates, [card_on(day) for day in dates]),
            "badge": badge_context(request, page),
        }
    )
    return context


def badge_context(request, page):
    """The embeddable badge's addresses and the HTML snippet to embed it."""
    page_url = page.get_full_url(request)
    badge_path = page.reverse_subpage("badge")
    badge_url = page_url + badge_path
    alt = _("Scorecard of %(name)s: priorities of its Social Contract addressed") % {
        "name": page.title
    }
    return {
        "url": badge_url,
        "preview_url": page.get_url(request) + badge_path,
        "snippet": format_html(
            '<a href="{}"><img src="{}" alt="{}" width="{}" height="{}"></a>',
            page_url,
            badge_url,
            alt,
            BADGE_WIDTH,
            BADGE_HEIGHT,
        ),
    }


BADGE_WIDTH = 320
BADGE_HEIGHT = 96


def badge(request, page):
    """An SVG badge with the current split of the municipality's latest
    contract with published assessments: embeddable on partners' sites."""
    contract = (
        SocialContract.objects.filter(
            municipality_id=page.municipality_id,
            finalised_at__isnull=False,
            priorities__assessments__published_at__isnull=False,
        )
        .select_related("election")
        .order_by("-election__date")
        .first()
    )
    today = timezone.localdate()
    card = Scorecard()
    if contract is not None:
        card = Assessment.objects.scorecards(
            monitored_priorities().filter(contract=contract), today
        ).get(contract.pk, Scorecard())
    response = render(
        request,
        "scorecards/badge.svg",
        {
            "page": page,
            "contract": contract,
            "card": card,
            "today": today,
            "width": BADGE_WIDTH,
            "height": BADGE_HEIGHT,
        },
        content_type="image/svg+xml; charset=utf-8",
    )
    patch_cache_control(response, public=True, max_age=BADGE_MAX_AGE)
    return response


#: Seconds a badge may be cached: short, so a publication shows within the hour.
BADGE_MAX_AGE = 15 * 60


#: The home page's figures are kept this long (seconds), and retired with
#: every cached page as soon as anything public changes.
HOME_SECTION_TIMEOUT = 10 * 60


def home_section(request, page):
    """The home page's scorecards section: the network figures of the latest
    election with published assessments, as of today, and a link to the
    scorecards; "" when nothing is published yet. Cached under the page
    cache's generation, so that the home page makes no query for it most of
    the time."""
    html = cached(
        ("scorecards:home-section", page.locale_id, get_language()),
        lambda: _render_home_section(request, page),
        seconds=HOME_SECTION_TIMEOUT,
    )
    return mark_safe(html)  # noqa: S308 - rendered by our own template below


def _render_home_section(request, page):
    election = latest_assessed_election()
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


def _documents():
    return AssessmentDocument.objects.select_related("document")
