"""Consultations: the Social Contract of a municipality for one local election,
its draft priorities, and what citizens do with them (supports, comments,
reports, suggestions). Split by kind: contracts, participation, suggestions,
pages."""

from .contracts import Phase, Priority, PriorityOrigin, Sector, SocialContract
from .pages import ConsultationIndexPage, ConsultationPage
from .participation import (
    AlreadyReported,
    AlreadySupported,
    CapReached,
    Comment,
    CommentState,
    RateLimited,
    Report,
    Vote,
)
from .suggestions import PrioritySuggestion, SuggestionState

__all__ = [
    "AlreadyReported",
    "AlreadySupported",
    "CapReached",
    "Comment",
    "CommentState",
    "ConsultationIndexPage",
    "ConsultationPage",
    "Phase",
    "Priority",
    "PrioritySuggestion",
    "PriorityOrigin",
    "RateLimited",
    "Report",
    "Sector",
    "SocialContract",
    "SuggestionState",
    "Vote",
]
