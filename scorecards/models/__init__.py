"""The models of `scorecards`: assessments and the counts the scorecards are
computed from (`assessments`), elections and contracts as the scorecards read
them (`mandates`), and the scorecard pages (`pages`). The calculator itself is
`scorecards.scoring`; its names are re-exported here for convenience."""

from ..scoring import (
    NOT_YET_ASSESSED,
    NOT_YET_ASSESSED_LABEL,
    Scorecard,
    Status,
    largest_remainder,
    status_in_history,
)
from .assessments import (
    Assessment,
    AssessmentDocument,
    AssessmentQuerySet,
    AssessmentSource,
    RoundRefused,
    end_of_day,
    monitored_priorities,
)
from .mandates import (
    ContractQuerySet,
    ElectionQuerySet,
    Mandate,
    choose_election,
    contracts,
    elections,
    next_election_date,
)
from .pages import MunicipalityScorecardPage, ScorecardIndexPage
from .reports import (
    ContractDocument,
    ContractDocumentKind,
    ProgrammeReport,
    ReportRefused,
    ReportState,
)

__all__ = [
    "ContractDocument",
    "ContractDocumentKind",
    "ProgrammeReport",
    "ReportRefused",
    "ReportState",
    "NOT_YET_ASSESSED",
    "NOT_YET_ASSESSED_LABEL",
    "Assessment",
    "AssessmentDocument",
    "AssessmentQuerySet",
    "AssessmentSource",
    "ContractQuerySet",
    "ElectionQuerySet",
    "Mandate",
    "MunicipalityScorecardPage",
    "RoundRefused",
    "ScorecardIndexPage",
    "Scorecard",
    "Status",
    "choose_election",
    "contracts",
    "elections",
    "end_of_day",
    "largest_remainder",
    "monitored_priorities",
    "next_election_date",
    "status_in_history",
]
