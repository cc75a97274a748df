"""Consultations: the Social Contract of a municipality for one local election,
its draft priorities, and what citizens do with them (supports, comments,
reports, suggestions). Split by kind: contracts, participation, suggestions,
pages. The phases and comment states are in `consultations.states`,
shared with the rules and forms."""

from ..states import CommentState, Phase
from .contracts import Priority, PriorityOrigin, Sector, SocialContract
from .following import (
    DIGESTS,
    RESIDENT_KINDS,
    Announcement,
    Delivery,
    Follow,
    NotFollowable,
    Notification,
    NotificationKind,
    NotificationPreference,
)
from .pages import ConsultationIndexPage, ConsultationPage
from .participation import (
    AlreadyReported,
    AlreadySupported,
    CapReached,
    Comment,
    RateLimited,
    Report,
    Vote,
)
from .revisions import PriorityRevision, PriorityRevisionQuerySet
from .suggestions import PrioritySuggestion, SuggestionState

__all__ = [
    "AlreadyReported",
    "AlreadySupported",
    "Announcement",
    "DIGESTS",
    "Delivery",
    "Follow",
    "NotFollowable",
    "Notification",
    "NotificationKind",
    "NotificationPreference",
    "RESIDENT_KINDS",
    "CapReached",
    "Comment",
    "CommentState",
    "ConsultationIndexPage",
    "ConsultationPage",
    "Phase",
    "Priority",
    "PriorityRevision",
    "PriorityRevisionQuerySet",
    "PrioritySuggestion",
    "PriorityOrigin",
    "RateLimited",
    "Report",
    "Sector",
    "SocialContract",
    "SuggestionState",
    "Vote",
]
