"""Forums models: candidates (parties, candidacies, positions, endorsements),
forum pages and citizens' questions.
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
