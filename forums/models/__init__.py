"""Forums models: candidates (parties, candidacies, positions, endorsements),
the invitations that link a candidacy to its account, forum pages and
citizens' questions.
Each module adds its models here so that ``forums.models`` stays the one
import path."""

from .candidates import (
    TIRANE,
    Candidacy,
    CandidacyQuerySet,
    CandidacyStatus,
    Endorsement,
    EndorsementMethod,
    EndorsementQuerySet,
    Party,
    Position,
    Stance,
    endorsement_closes,
)
from .invitations import INVITATION_MAX_AGE, Invitation, InvitationQuerySet
from .pages import ForumIndexPage, ForumPage
from .questions import Question, QuestionQuerySet, QuestionState, Upvote

__all__ = [
    "TIRANE",
    "Candidacy",
    "CandidacyQuerySet",
    "CandidacyStatus",
    "Endorsement",
    "EndorsementMethod",
    "EndorsementQuerySet",
    "INVITATION_MAX_AGE",
    "Invitation",
    "InvitationQuerySet",
    "Party",
    "Position",
    "Stance",
    "endorsement_closes",
    "ForumIndexPage",
    "ForumPage",
    "Question",
    "QuestionQuerySet",
    "QuestionState",
    "Upvote",
]
