"""Council sessions and decisions in the open data: published ones only,
read-only, paginated and cacheable, as the rest of the API. No personal
data: who recorded or published a session is never shown. The records'
texts are as monitors entered them; the labels of types and outcomes come in
every language of the site."""

import datetime
from typing import Annotated, Literal

from ninja import Field, Path, Query, Router, Schema
from ninja.decorators import decorate_view
from ninja.errors import HttpError
from ninja.pagination import paginate

from django.conf import settings
from django.db.models import Prefetch
from django.utils import translation
from django.utils.translation import gettext as _

from .. import parameters
from ..models import CouncilDecision, CouncilSession, CouncilSessionDocument, Outcome, SessionType
from .answers import Page, cacheable
from .schemas import DocumentOut, Error, InvalidInput, Texts

MAX_ID = parameters.MAX_ID
SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"

router = Router(tags=["council"])


def labels(choices, value):
    """`{language: label}` of a choice, in every language of the site."""
    texts = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            texts[code] = str(choices(value).label)
    return texts


class DecisionOut(Schema):
    id: int
    session_id: int
    municipality: str = Field(description="The municipality's slug.")
    date: datetime.date = Field(description="The day of the session.")
    number: str
    title: str = Field(description="As the monitors entered it.")
    outcome: Literal["approved", "rejected", "postponed", "withdrawn"]
    outcome_label: Texts
    amount: float | None = Field(description="In Albanian lek (ALL), where there is one.")
    votes_for: int | None
    votes_against: int | None
    abstaining: int | None
    priority_ids: list[int] = Field(description="The contract priorities it concerns.")

    @staticmethod
    def resolve_municipality(obj):
        return obj.session.municipality.slug

    @staticmethod
    def resolve_date(obj):
        return obj.session.date

    @staticmethod
    def resolve_outcome_label(obj):
        return labels(Outcome, obj.outcome)

    @staticmethod
    def resolve_amount(obj):
        return float(obj.amount) if obj.amount is not None else None

    @staticmethod
    def resolve_priority_ids(obj):
        return sorted(priority.pk for priority in obj.priorities.all())


class SessionOut(Schema):
    id: int
    municipality: str = Field(description="The municipality's slug.")
    date: datetime.date
    type: Literal["ordinary", "extraordinary"]
    type_label: Texts
    agenda: str = Field(description="As the monitors entered it.")
    minutes_url: str
    video_url: str
    documents: list[DocumentOut]
    decision_count: int
    published_at: datetime.datetime

    @staticmethod
    def resolve_municipality(obj):
        return obj.municipality.slug

    @staticmethod
    def resolve_type(obj):
        return obj.session_type

    @staticmethod
    def resolve_type_label(obj):
        return labels(SessionType, obj.session_type)

    @staticmethod
    def resolve_documents(obj, context):
        request = context["request"]
        return [
            {"title": d.document.title, "url": request.build_absolute_uri(d.document.url)}
            for d in obj.documents.all()
        ]

    @staticmethod
    def resolve_decision_count(obj):
        return len(obj.decisions.all())


class SessionDetailOut(SessionOut):
    decisions: list[DecisionOut]

    @staticmethod
    def resolve_decisions(obj):
        return list(obj.decisions.all())


def sessions():
    """Published sessions, newest first, with their documents and decisions
    in a fixed number of queries."""
    return (
        CouncilSession.objects.published()
        .select_related("municipality")
        .prefetch_related(
            Prefetch(
                "documents", queryset=CouncilSessionDocument.objects.select_related("document")
            ),
            Prefetch(
                "decisions",
                queryset=CouncilDecision.objects.select_related("session__municipality")
                .prefetch_related("priorities")
                .order_by("order", "pk"),
            ),
        )
        .latest_first()
    )


def decisions():
    return (
        CouncilDecision.objects.published()
        .select_related("session__municipality")
        .prefetch_related("priorities")
        .latest_first()
    )


SlugFilter = Annotated[
    str | None,
    Query(None, pattern=SLUG_PATTERN, max_length=100, description="A municipality's slug."),
]
DateFilter = Annotated[parameters.AsOf | None, Query(None, description="YYYY-MM-DD.")]


@router.get("/sessions", response={200: list[SessionOut], 422: InvalidInput})
@decorate_view(cacheable)
@paginate(Page)
def list_sessions(
    request,
    municipality: SlugFilter = None,
    since: DateFilter = None,
    until: DateFilter = None,
):
    """Published council sessions, newest first."""
    found = sessions()
    if municipality is not None:
        found = found.filter(municipality__slug=municipality)
    if since is not None:
        found = found.filter(date__gte=since)
    if until is not None:
        found = found.filter(date__lte=until)
    return found


@router.get(
    "/sessions/{session_id}", response={200: SessionDetailOut, 404: Error, 422: InvalidInput}
)
@decorate_view(cacheable)
def get_session(request, session_id: Annotated[int, Path(ge=1, le=MAX_ID)]):
    """One published session with its decisions."""
    session = sessions().filter(pk=session_id).first()
    if session is None:
        raise HttpError(404, _("There is no published council session with this id."))
    return session


@router.get("/decisions", response={200: list[DecisionOut], 422: InvalidInput})
@decorate_view(cacheable)
@paginate(Page)
def list_decisions(
    request,
    municipality: SlugFilter = None,
    priority: Annotated[int | None, Query(None, ge=1, le=MAX_ID)] = None,
    outcome: Annotated[Outcome | None, Query(None)] = None,
):
    """Decisions of published council sessions, newest first."""
    found = decisions()
    if municipality is not None:
        found = found.filter(session__municipality__slug=municipality)
    if priority is not None:
        found = found.filter(priorities=priority)
    if outcome is not None:
        found = found.filter(outcome=outcome)
    return found
