"""The indicators the network reports to its funders, computed from the
platform's own records for a period (a programme year), written once and
read by the report's page, its PDF and its XLSX.

`compute(start, end)` returns plain JSON (stored on the `ProgrammeReport`,
so a report never changes once generated): the counts, each with the
open-data API query that reproduces it (path and query string), and for
each election monitored in the period the scorecard at its start and end.
Nothing here is about a person: counts only.

Extension point: another module adds its own counts (council decisions
recorded, municipal replies…) with `register(fn)`, where `fn(start, end)`
returns a list of `indicator(...)` dicts; `compute` appends them. Labels
for their keys go in `LABELS` through `register(fn, labels={key: label})`.
"""

import datetime
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from cms_pages.models import Election
from consultations.models import Comment, SocialContract, Vote
from consultations.models.participation import CommentState
from forums.models import (
    CandidacyStatus,
    Endorsement,
    EndorsementMethod,
    ForumPage,
    Question,
    QuestionState,
)

from .models import Assessment, Mandate, elections, end_of_day

API = "/api/v1"

#: What each figure is called, in the reader's language.
LABELS = {
    "forums_held": _("Public forums held"),
    "contracts_finalised": _("Social Contracts finalised"),
    "priorities_in_contracts": _("Priorities in the finalised contracts"),
    "signatures": _("Signatures of the contracts"),
    "signatures_online": _("Signed online"),
    "signatures_forum": _("Signed at the forum"),
    "signatures_withdrawn": _("Signatures withdrawn since"),
    "candidates_signed": _("Candidates who signed"),
    "questions_asked": _("Questions asked for the forums"),
    "questions_answered": _("Questions asked in the period and answered at the forums"),
    "consultations": _("Consultations closed during the period"),
    "participants": _("Citizens who took part in the consultations"),
    "supports": _("Supports given to priorities"),
    "comments": _("Comments published"),
    "citizens_registered": _("Citizens registered during the period"),
    "citizens_total": _("Citizens registered at the end of the period"),
    "assessment_rounds": _("Assessment rounds published"),
    "assessments": _("Assessments published"),
}

#: Counts added by other modules: `fn(start, end) -> [indicator(...), …]`.
EXTENSIONS = []


def register(fn, labels=None):
    """Add the counts `fn(start, end)` returns to every report computed from
    now on (see the module's docstring)."""
    EXTENSIONS.append(fn)
    LABELS.update(labels or {})
    return fn


def api_query(endpoint, **params):
    """The API's address for `endpoint` with `params` (None left out)."""
    query = urlencode({k: v for k, v in params.items() if v is not None})
    return f"{API}/{endpoint}" + (f"?{query}" if query else "")


def indicator(key, value, api=None, parent=None, election=None):
    """One figure: its key (for the label), value, the API query that
    reproduces it (None when the open data does not publish it: counts of
    people's accounts, questions not yet answered), the figure it details,
    if any, and the election it is about (`{"id", "date"}`), if any."""
    return {"key": key, "value": value, "api": api, "parent": parent, "election": election}


def moments(start, end):
    """The first moment of `start` and the first after `end` (Tirana)."""
    return end_of_day(start - datetime.timedelta(days=1)), end_of_day(end)


def _election(election):
    return {"id": election.pk, "date": election.date.isoformat()}


def forum_indicators(start, end):
    """Forums held, questions asked and answered, signatures (online, at the
    forum, withdrawn since) and the candidates who signed, in the period."""
    since, until = moments(start, end)
    period = {"since": start.isoformat(), "until": end.isoformat()}
    forums = ForumPage.objects.live().filter(
        locale__language_code=settings.LANGUAGE_CODE, starts_at__gte=since, starts_at__lt=until
    )
    asked = (
        Question.objects.filter(created_at__gte=since, created_at__lt=until)
        .exclude(state=QuestionState.REJECTED)
        .count()
    )
    answered = (
        Question.objects.approved()
        .filter(answered_at__isnull=False, created_at__gte=since, created_at__lt=until)
        .count()
    )
    signed = Endorsement.objects.filter(
        candidacy__status=CandidacyStatus.CONFIRMED, signed_at__gte=since, signed_at__lt=until
    ).aggregate(
        total=Count("pk"),
        online=Count("pk", filter=Q(method=EndorsementMethod.ONLINE)),
        forum=Count("pk", filter=Q(method=EndorsementMethod.FORUM)),
        withdrawn=Count("pk", filter=Q(withdrawn_at__isnull=False)),
        candidates=Count("candidacy", distinct=True),
    )
    endorsements = api_query("endorsements", **period)
    return [
        indicator("forums_held", forums.count(), api_query("forums", **period)),
        indicator("questions_asked", asked),
        indicator("questions_answered", answered, api_query("questions", **period)),
        indicator("signatures", signed["total"], endorsements),
        indicator(
            "signatures_online",
            signed["online"],
            endorsements,
            parent="signatures",
        ),
        indicator(
            "signatures_forum",
            signed["forum"],
            endorsements,
            parent="signatures",
        ),
        indicator("signatures_withdrawn", signed["withdrawn"], endorsements, parent="signatures"),
        indicator("candidates_signed", signed["candidates"], endorsements),
    ]


def contract_indicators(start, end):
    """Per election: the Social Contracts finalised in the period and the
    priorities they hold."""
    since, until = moments(start, end)
    rows = (
        SocialContract.objects.filter(finalised_at__gte=since, finalised_at__lt=until)
        .values("election")
        .annotate(
            contracts=Count("pk", distinct=True),
            priorities=Count(
                "priorities",
                filter=Q(
                    priorities__in_contract=True,
                    priorities__locale__language_code=settings.LANGUAGE_CODE,
                ),
            ),
        )
        .order_by("election")
    )
    by_election = {row["election"]: row for row in rows}
    found = []
    for election in Election.objects.filter(pk__in=by_election).order_by("date"):
        row, about = by_election[election.pk], _election(election)
        found += [
            indicator(
                "contracts_finalised",
                row["contracts"],
                api_query("contracts", election=election.pk, since=start, until=end),
                election=about,
            ),
            indicator(
                "priorities_in_contracts",
                row["priorities"],
                api_query("priorities", election=election.pk),
                parent="contracts_finalised",
                election=about,
            ),
        ]
    return found


def consultation_indicators(start, end):
    """Per election: the consultations that closed in the period, their
    participants (distinct citizens who supported or commented, counted per
    consultation and summed), supports and published comments."""
    since, until = moments(start, end)
    closed = SocialContract.objects.filter(
        opens_at__isnull=False, closes_at__gte=since, closes_at__lt=until
    )
    by_contract = dict(closed.values_list("pk", "election"))
    people, supports, comments = {}, {}, {}
    votes = Vote.objects.filter(priority__contract__in=list(by_contract))
    for contract, citizen in votes.values_list("priority__contract", "citizen"):
        supports[contract] = supports.get(contract, 0) + 1
        if citizen is not None:
            people.setdefault(contract, set()).add(citizen)
    written = Comment.objects.filter(priority__contract__in=list(by_contract))
    for contract, author, state in written.values_list("priority__contract", "author", "state"):
        if state == CommentState.VISIBLE:
            comments[contract] = comments.get(contract, 0) + 1
        if author is not None:
            people.setdefault(contract, set()).add(author)
    found = []
    for election in Election.objects.filter(pk__in=set(by_contract.values())).order_by("date"):
        ids = [pk for pk, of in by_contract.items() if of == election.pk]
        about, api = _election(election), api_query("consultations", election=election.pk)
        found += [
            indicator("consultations", len(ids), api, election=about),
            indicator(
                "participants", sum(len(people.get(pk, ())) for pk in ids), api, election=about
            ),
            indicator("supports", sum(supports.get(pk, 0) for pk in ids), api, election=about),
            indicator("comments", sum(comments.get(pk, 0) for pk in ids), api, election=about),
        ]
    return found


def citizen_indicators(start, end):
    """Accounts of citizens (staff left out): counts of people, never in
    the open data."""
    since, until = moments(start, end)
    citizens = get_user_model().objects.filter(is_staff=False)
    return [
        indicator(
            "citizens_registered",
            citizens.filter(date_joined__gte=since, date_joined__lt=until).count(),
        ),
        indicator("citizens_total", citizens.filter(date_joined__lt=until).count()),
    ]


def monitoring_indicators(start, end):
    """Assessments published describing a date in the period, and the
    rounds they make (a contract's assessments on one date)."""
    described = Assessment.objects.published().filter(as_of__gte=start, as_of__lte=end)
    rounds = described.values("priority__contract", "as_of").distinct().count()
    api = api_query("assessments", as_of=end, since=start)
    return [
        indicator("assessment_rounds", rounds, api),
        indicator("assessments", described.count(), api),
    ]


def mandates(start, end):
    """For each election whose mandate overlaps the period (and has a
    finalised contract by its end): the network's scorecard at the start
    and at the end of the period, and the API queries that give them. One
    query per election."""
    found = []
    for election in elections().monitored().filter(date__lte=end).order_by("date"):
        if Mandate(election.date, election.following).end < start:
            continue
        by_day = Assessment.objects.network_timeline([start, end], election)
        at_start, at_end = by_day[start][0], by_day[end][0]
        if not at_end.total:
            continue
        found.append(
            {
                "election": _election(election),
                "start": figures_of(at_start),
                "end": figures_of(at_end),
                "change": round(at_end.addressed_percent - at_start.addressed_percent, 1),
                "api_start": api_query("scorecards/network", election=election.pk, as_of=start),
                "api_end": api_query("scorecards/network", election=election.pk, as_of=end),
            }
        )
    return found


def figures_of(card):
    return {
        "total": card.total,
        "fully": card.fully,
        "partially": card.partially,
        "not_addressed": card.not_addressed,
        "not_assessed": card.not_assessed,
        "addressed": card.addressed,
        "fully_percent": card.fully_percent,
        "partially_percent": card.partially_percent,
        "not_addressed_percent": card.not_addressed_percent,
        "not_assessed_percent": card.not_assessed_percent,
        "addressed_percent": card.addressed_percent,
    }


#: The sections of a report, in order: `(key, function)`.
SECTIONS = [
    ("forums", forum_indicators),
    ("contracts", contract_indicators),
    ("consultations", consultation_indicators),
    ("monitoring", monitoring_indicators),
    ("citizens", citizen_indicators),
]


def compute(start, end, progress=None):
    """Every figure of the period from `start` to `end` (dates, both
    included), as JSON; `progress(percent)` is told as sections finish."""
    figures = {"period": {"start": start.isoformat(), "end": end.isoformat()}, "sections": []}
    steps = [*SECTIONS, ("more", lambda s, e: [i for fn in EXTENSIONS for i in fn(s, e)])]
    for n, (key, fn) in enumerate(steps, start=1):
        figures["sections"].append({"key": key, "indicators": fn(start, end)})
        if progress is not None:
            progress(10 + 50 * n // (len(steps) + 1))
    figures["mandates"] = mandates(start, end)
    if progress is not None:
        progress(60)
    return figures
