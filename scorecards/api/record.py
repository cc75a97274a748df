"""The whole public record as data: forums, candidacies, positions as
signed, endorsements, consultation results and answered forum questions.

Same conventions as the rest of /api/v1/: both languages in one answer,
`page`/`page_size` pagination, ETag and Last-Modified (304 when unchanged),
422 on bad parameters, a fixed number of queries whatever the size. Nothing
personal: candidates are public persons; citizens are only ever counted."""

import datetime
import hashlib
from functools import wraps
from typing import Annotated

from ninja import Path, Query, Router
from ninja.decorators import decorate_view
from ninja.errors import HttpError
from ninja.pagination import paginate

from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, quote_etag
from django.utils.translation import gettext as _

from .. import parameters
from . import record_data
from .answers import MAX_AGE, Page
from .record_schemas import (
    CandidacyOut,
    ConsultationOut,
    ConsultationPriorityOut,
    EndorsementOut,
    ForumOut,
    PositionOut,
    QuestionOut,
)
from .schemas import Error, InvalidInput

router = Router()

MAX_ID = parameters.MAX_ID
SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"

ElectionFilter = Annotated[
    parameters.ElectionId | None,
    Query(None, description="Only this election's (an id from /elections)."),
]
MunicipalityFilter = Annotated[
    str | None,
    Query(None, pattern=SLUG_PATTERN, max_length=100, description="A municipality's slug."),
]
IdFilter = Annotated[int | None, Query(None, ge=1, le=MAX_ID)]
Since = Annotated[
    parameters.AsOf | None, Query(None, description="YYYY-MM-DD: on this day or later.")
]
Until = Annotated[
    parameters.AsOf | None, Query(None, description="YYYY-MM-DD: on this day or earlier.")
]


def cacheable(view):
    """As `answers.cacheable`, with a fingerprint that also changes with the
    public record (supports, comments, questions, endorsements, forums)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        request.urlconf = "scorecards.api.urls"
        version, modified = record_data.fingerprint()
        midnight = timezone.make_aware(
            datetime.datetime.combine(parameters.today(), datetime.time())
        )
        last_modified = max(filter(None, [modified, midnight]))
        key = f"{version}|{request.get_full_path()}|{parameters.today()}"
        etag = quote_etag(hashlib.sha256(key.encode()).hexdigest()[:32])
        timestamp = int(last_modified.timestamp())
        response = get_conditional_response(request, etag=etag, last_modified=timestamp)
        if response is None:
            response = view(request, *args, **kwargs)
        if response.status_code in (200, 304):
            response["ETag"] = etag
            response["Last-Modified"] = http_date(timestamp)
            patch_cache_control(response, public=True, max_age=MAX_AGE)
        return response

    return wrapper


def of_election_and_municipality(queryset, election, municipality, prefix=""):
    if election is not None:
        queryset = queryset.filter(**{f"{prefix}election_id": election})
    if municipality is not None:
        queryset = queryset.filter(**{f"{prefix}municipality__slug": municipality})
    return queryset


@router.get("/forums", response={200: list[ForumOut], 422: InvalidInput}, tags=["record"])
@decorate_view(cacheable)
@paginate(Page, prepare=record_data.expand_outcomes)
def list_forums(
    request,
    election: ElectionFilter = None,
    municipality: MunicipalityFilter = None,
    since: Since = None,
    until: Until = None,
):
    """Public forums before local elections, earliest first: date, place,
    municipality, election, the contract presented, and the outcome."""
    forums = of_election_and_municipality(record_data.forums(), election, municipality)
    return record_data.between(forums, "starts_at", since, until)


@router.get("/candidacies", response={200: list[CandidacyOut], 422: InvalidInput}, tags=["record"])
@decorate_view(cacheable)
@paginate(Page)
def list_candidacies(
    request, election: ElectionFilter = None, municipality: MunicipalityFilter = None
):
    """Candidates for mayor the network confirmed: name, party, municipality,
    election, and whether they won."""
    return of_election_and_municipality(record_data.candidacies(), election, municipality)


@router.get("/positions", response={200: list[PositionOut], 422: InvalidInput}, tags=["record"])
@decorate_view(cacheable)
@paginate(Page)
def list_positions(
    request,
    election: ElectionFilter = None,
    municipality: MunicipalityFilter = None,
    candidacy: IdFilter = None,
):
    """Each candidate's position on each priority as they signed it (the
    snapshot kept with the endorsement), withdrawn endorsements included."""
    endorsements = of_election_and_municipality(
        record_data.endorsements(), election, municipality, prefix="contract__"
    )
    if candidacy is not None:
        endorsements = endorsements.filter(candidacy_id=candidacy)
    return record_data.positions(endorsements)


@router.get(
    "/endorsements", response={200: list[EndorsementOut], 422: InvalidInput}, tags=["record"]
)
@decorate_view(cacheable)
@paginate(Page)
def list_endorsements(
    request,
    election: ElectionFilter = None,
    municipality: MunicipalityFilter = None,
    since: Since = None,
    until: Until = None,
):
    """Candidates' signatures of Social Contracts: online or at the forum,
    the date, and the withdrawal (date and reason) if any."""
    endorsements = of_election_and_municipality(
        record_data.endorsements(), election, municipality, prefix="contract__"
    )
    return record_data.between(endorsements, "signed_at", since, until)


@router.get(
    "/consultations", response={200: list[ConsultationOut], 422: InvalidInput}, tags=["record"]
)
@decorate_view(cacheable)
@paginate(Page, prepare=record_data.count_participants)
def list_consultations(
    request, election: ElectionFilter = None, municipality: MunicipalityFilter = None
):
    """Each contract's public consultation: when it was open, how many
    citizens took part, supports and visible comments. Counts only."""
    return of_election_and_municipality(record_data.consultations(), election, municipality)


@router.get(
    "/consultations/{contract_id}/priorities",
    response={200: list[ConsultationPriorityOut], 404: Error, 422: InvalidInput},
    tags=["record"],
)
@decorate_view(cacheable)
@paginate(Page)
def list_consultation_priorities(request, contract_id: Annotated[int, Path(ge=1, le=MAX_ID)]):
    """The results of one consultation, priority by priority: supports,
    visible comments, and whether it entered the contract."""
    contract = record_data.consultation(contract_id)
    if contract is None:
        raise HttpError(404, _("There is no consultation with this id."))
    return record_data.consultation_priorities(contract)


@router.get("/questions", response={200: list[QuestionOut], 422: InvalidInput}, tags=["record"])
@decorate_view(cacheable)
@paginate(Page)
def list_questions(
    request,
    election: ElectionFilter = None,
    municipality: MunicipalityFilter = None,
    forum: IdFilter = None,
    since: Since = None,
    until: Until = None,
):
    """Citizens' questions answered at a forum, with the answer's summary,
    and the dates asked and answered; never who asked. `since`/`until` are
    on the date asked."""
    questions = of_election_and_municipality(
        record_data.answered_questions(), election, municipality, prefix="forum__"
    )
    if forum is not None:
        questions = questions.filter(forum_id=forum)
    return record_data.between(questions, "created_at", since, until)
