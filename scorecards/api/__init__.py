"""The open-data API of the POP Platform: read-only JSON under /api/v1/.

Municipalities, elections, finalised Social Contracts and their priorities
(both languages), published assessments (no personal data), and the
scorecards computed from them as of any date. Every list is paginated; every
answer is cacheable (ETag and Last-Modified, 304 when unchanged) and costs a
fixed number of queries whatever the size of the data.
"""

from typing import Annotated

from ninja import NinjaAPI, Path, Query
from ninja.decorators import decorate_view
from ninja.errors import HttpError
from ninja.openapi.docs import Swagger
from ninja.pagination import paginate

from django.utils.translation import gettext as _

from cms_pages.models import texts_by_language

from .. import parameters
from ..models import LICENCE_NAME, LICENCE_URL
from ..scoring import NOT_YET_ASSESSED, Scorecard
from . import data, record
from .answers import Page, cacheable
from .releases import router as releases_router
from .schemas import (
    AssessmentOut,
    ContractOut,
    ElectionOut,
    Error,
    Figures,
    InvalidInput,
    MunicipalityOut,
    MunicipalityScorecardOut,
    NetworkScorecardOut,
    PriorityOut,
)

MAX_ID = parameters.MAX_ID
SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"

DESCRIPTION = """
Open data of the POP Network (Rrjeti POP): the municipalities it works in,
the local elections, the Social Contracts candidates signed and their
priorities (in Albanian and English), the published monitoring assessments,
and the scorecards computed from them as of any date.

Read-only and public. Lists are paginated (`page`, `page_size` up to 100).
Answers carry `ETag` and `Last-Modified`: send them back as `If-None-Match` /
`If-Modified-Since` to get `304 Not Modified` when nothing changed.

`election` is an election's `id` (see `/elections`). `as_of` is a date written
`YYYY-MM-DD` (default: today in Europe/Tirane); a scorecard counts the latest
published assessment of each priority on or before it.

The public record is here too: forums, candidacies, the positions candidates
signed, endorsements, consultation results (counts only) and the questions
answered at the forums. Nothing personal about citizens is ever shown.

Licence: the data is open under Creative Commons Attribution 4.0
International (CC BY 4.0): reuse it freely, citing "Rrjeti POP".
"""

#: The open licence of all the data (also on the open-data page and in the archive).
LICENCE = {"name": LICENCE_NAME, "url": LICENCE_URL}

api = NinjaAPI(
    title="POP Platform open data",
    version="1",
    description=DESCRIPTION,
    urls_namespace="opendata",
    # Swagger UI from the files bundled with ninja (never a CDN), without the
    # badge that would fetch the online validator.
    docs=Swagger(settings={"validatorUrl": None}),
    docs_url="/docs",
    openapi_url="/openapi.json",
    openapi_extra={"info": {"license": LICENCE}},
)


ElectionFilter = Annotated[
    parameters.ElectionId | None,
    Query(None, description="Only this election's (an id from /elections)."),
]
ElectionId = Annotated[
    parameters.ElectionId | None,
    Query(
        None,
        description="An election's id (see /elections). Default: the latest election "
        "whose contracts have published assessments.",
    ),
]


Date = parameters.AsOf
AsOf = Annotated[
    Date | None,
    Query(None, description="YYYY-MM-DD; default today (Europe/Tirane)."),
]
SlugFilter = Annotated[
    str | None,
    Query(None, pattern=SLUG_PATTERN, max_length=100, description="A municipality's slug."),
]


@api.get(
    "/municipalities", response={200: list[MunicipalityOut], 422: InvalidInput}, tags=["reference"]
)
@decorate_view(cacheable)
@paginate(Page)
def list_municipalities(request):
    """The municipalities of the network, by name."""
    return data.municipalities()


@api.get("/elections", response={200: list[ElectionOut], 422: InvalidInput}, tags=["reference"])
@decorate_view(cacheable)
@paginate(Page)
def list_elections(request):
    """Local elections, latest first."""
    return data.election_list()


@api.get("/contracts", response={200: list[ContractOut], 422: InvalidInput}, tags=["contracts"])
@decorate_view(cacheable)
@paginate(Page)
def list_contracts(request, election: ElectionFilter = None, municipality: SlugFilter = None):
    """Finalised Social Contracts (one per municipality and election)."""
    contracts = data.contract_list()
    if election is not None:
        contracts = contracts.filter(election_id=election)
    if municipality is not None:
        contracts = contracts.filter(municipality__slug=municipality)
    return contracts


@api.get("/priorities", response={200: list[PriorityOut], 422: InvalidInput}, tags=["contracts"])
@decorate_view(cacheable)
@paginate(Page)
def list_priorities(
    request,
    election: ElectionFilter = None,
    municipality: SlugFilter = None,
    contract: Annotated[int | None, Query(None, ge=1, le=MAX_ID)] = None,
):
    """The priorities of finalised contracts, in Albanian and English."""
    priorities = data.priorities()
    if election is not None:
        priorities = priorities.filter(contract__election_id=election)
    if municipality is not None:
        priorities = priorities.filter(contract__municipality__slug=municipality)
    if contract is not None:
        priorities = priorities.filter(contract_id=contract)
    return priorities


@api.get(
    "/assessments", response={200: list[AssessmentOut], 422: InvalidInput}, tags=["monitoring"]
)
@decorate_view(cacheable)
@paginate(Page, prepare=data.expand_evidence)
def list_assessments(
    request,
    election: ElectionFilter = None,
    municipality: SlugFilter = None,
    priority: Annotated[int | None, Query(None, ge=1, le=MAX_ID)] = None,
    as_of: Annotated[
        Date | None,
        Query(None, description="Only assessments describing this date or earlier."),
    ] = None,
):
    """Published assessments, newest first: the whole monitoring history,
    corrections included. Drafts are never shown, nor who wrote or published."""
    assessments = data.assessments()
    if election is not None:
        assessments = assessments.filter(priority__contract__election_id=election)
    if municipality is not None:
        assessments = assessments.filter(priority__contract__municipality__slug=municipality)
    if priority is not None:
        assessments = assessments.filter(priority_id=priority)
    if as_of is not None:
        assessments = assessments.filter(as_of__lte=as_of)
    return assessments


def _election_or_404(pk):
    election = data.find_election(pk)
    if election is None:
        raise HttpError(404, _("There is no election with this id."))
    return election


@api.get(
    "/scorecards/network",
    response={200: NetworkScorecardOut, 404: Error, 422: InvalidInput},
    tags=["scorecards"],
)
@decorate_view(cacheable)
def network_scorecard(request, election: ElectionId = None, as_of: AsOf = None):
    """Network-wide figures and each municipality's, for one election's
    contracts, as of a date."""
    day = parameters.effective_date(as_of)
    chosen = data.default_election() if election is None else _election_or_404(election)
    if chosen is None:
        network, rows = Scorecard(), []
    else:
        network, rows = data.network_table(chosen, day)
    return {
        "election": chosen,
        "as_of": as_of or day,
        "network": Figures.of(network),
        "municipalities": [
            {"municipality": municipality, "figures": Figures.of(card)}
            for municipality, card in rows
        ],
    }


@api.get(
    "/scorecards/municipalities/{slug}",
    response={200: MunicipalityScorecardOut, 404: Error, 422: InvalidInput},
    tags=["scorecards"],
)
@decorate_view(cacheable)
def municipality_scorecard(
    request,
    slug: Annotated[str, Path(pattern=SLUG_PATTERN, max_length=100)],
    election: Annotated[
        parameters.ElectionId | None,
        Query(
            None,
            description="An election's id. Default: the municipality's latest finalised contract.",
        ),
    ] = None,
    as_of: AsOf = None,
):
    """One municipality's contract for an election: its figures and each
    priority's status, as of a date."""
    municipality = data.find_municipality(slug)
    if municipality is None:
        raise HttpError(404, _("There is no municipality with this slug."))
    contract = data.municipality_contract(municipality, election)
    if contract is None:
        raise HttpError(404, _("This municipality has no finalised contract for this election."))
    day = parameters.effective_date(as_of)
    card, rows = data.municipality_table(contract, day)
    return {
        "municipality": municipality,
        "election": data.find_election(contract.election_id),
        "contract_id": contract.pk,
        "as_of": as_of or day,
        "figures": Figures.of(card),
        "priorities": [
            {
                "id": priority.pk,
                "order": priority.order,
                "title": texts_by_language(priority, "title"),
                "sector": priority.sector.slug,
                "status": current.status if current else NOT_YET_ASSESSED,
                "assessment_id": current.pk if current else None,
                "assessed_as_of": current.as_of if current else None,
            }
            for priority, current in rows
        ],
    }


api.add_router("/council", "scorecards.api.council.router")  # council sessions (issue 16)
api.add_router("/releases", releases_router)
api.add_router("", record.router)
