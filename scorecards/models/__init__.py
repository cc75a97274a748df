"""The models of `scorecards`: assessments and the counts the scorecards are
computed from (`assessments`), elections and contracts as the scorecards read
them (`mandates`), the scorecard pages (`pages`) and the municipality's right of
reply (`replies`). The calculator itself is
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
    AssessmentDecision,
    AssessmentDocument,
    AssessmentQuerySet,
    AssessmentSource,
    RoundRefused,
    end_of_day,
    monitored_priorities,
    priority_history,
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
from .opendata import LICENCE_NAME, LICENCE_URL, OpenDataArchive, OpenDataPage
from .pages import MunicipalityScorecardPage, ScorecardIndexPage
from .releases import (
    Release,
    ReleaseMunicipality,
    ReleasePriority,
    ReleaseQuerySet,
    ReleaseRefused,
)
from .replies import Reply, ReplyDocument, ReplyQuerySet, Respondent, reply_deadline
from .reports import (
    ContractDocument,
    ContractDocumentKind,
    ProgrammeReport,
    ReportRefused,
    ReportState,
)
from .thread import (
    MUNICIPALITY_SECTIONS_HOOK,
    PRIORITY_SECTIONS_HOOK,
    PRIORITY_WORDS,
    MunicipalityIndexPage,
    municipality_url,
    priority_url,
    thread_index_url,
)

__all__ = [
    "ContractDocument",
    "ContractDocumentKind",
    "ProgrammeReport",
    "ReportRefused",
    "ReportState",
    "MUNICIPALITY_SECTIONS_HOOK",
    "PRIORITY_SECTIONS_HOOK",
    "PRIORITY_WORDS",
    "MunicipalityIndexPage",
    "municipality_url",
    "priority_url",
    "thread_index_url",
    "NOT_YET_ASSESSED",
    "NOT_YET_ASSESSED_LABEL",
    "OpenDataArchive",
    "OpenDataPage",
    "Assessment",
    "AssessmentDecision",
    "AssessmentDocument",
    "AssessmentQuerySet",
    "AssessmentSource",
    "ContractQuerySet",
    "ElectionQuerySet",
    "LICENCE_NAME",
    "LICENCE_URL",
    "Mandate",
    "MunicipalityScorecardPage",
    "Reply",
    "ReplyDocument",
    "ReplyQuerySet",
    "Respondent",
    "Release",
    "ReleaseMunicipality",
    "ReleasePriority",
    "ReleaseQuerySet",
    "ReleaseRefused",
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
    "priority_history",
    "next_election_date",
    "reply_deadline",
    "status_in_history",
]
from .council import (  # noqa: E402 - appended: council sessions (issue 16)
    AGENDA_WINDOW,
    CouncilDecision,
    CouncilDecisionQuerySet,
    CouncilRefused,
    CouncilSession,
    CouncilSessionDocument,
    CouncilSessionQuerySet,
    Outcome,
    SessionType,
    council_priorities,
)

__all__ += [
    "AGENDA_WINDOW",
    "CouncilDecision",
    "CouncilDecisionQuerySet",
    "CouncilRefused",
    "CouncilSession",
    "CouncilSessionDocument",
    "CouncilSessionQuerySet",
    "Outcome",
    "SessionType",
    "council_priorities",
]
