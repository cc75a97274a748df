"""Consultations: the Social Contract of a municipality for one local election,
its draft priorities, and what citizens do with them (supports, comments,
reports). Split by kind: contracts, participation, pages."""

from .contracts import Phase, Priority, PriorityOrigin, Sector, SocialContract
from .pages import ConsultationIndexPage, ConsultationPage
from .participation import (
    Comment,
    CommentState,
    PrioritySuggestion,
    Report,
    SuggestionState,
    Vote,
)

__all__ = [
    "Comment",
    "CommentState",
    "ConsultationIndexPage",
    "ConsultationPage",
    "Phase",
    "Priority",
    "PrioritySuggestion",
    "PriorityOrigin",
    "Report",
    "Sector",
    "SocialContract",
    "SuggestionState",
    "Vote",
]
