"""Forums models: candidates (parties, candidacies), their positions and
endorsements, the invitations that link a candidacy to its account, forum
pages and citizens' questions. Each module adds its models here so that
``forums.models`` stays the one import path."""

from ..rules.candidates import TIRANE, endorsement_closes
from .candidates import Candidacy, CandidacyQuerySet, CandidacyStatus, Party
from .endorsements import (
    Endorsement,
    EndorsementMethod,
    EndorsementQuerySet,
    Position,
    PositionQuerySet,
    Stance,
    contract_priorities,
)
from .invitations import INVITATION_MAX_AGE, Invitation, InvitationQuerySet
from .pages import ForumIndexPage, ForumPage, ForumPageQuerySet
from .questions import Question, QuestionQuerySet, QuestionState, Upvote, UpvoteQuerySet
from .refusals import Refused

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
    "PositionQuerySet",
    "Refused",
    "Stance",
    "contract_priorities",
    "endorsement_closes",
    "ForumIndexPage",
    "ForumPage",
    "ForumPageQuerySet",
    "Question",
    "QuestionQuerySet",
    "QuestionState",
    "Upvote",
    "UpvoteQuerySet",
]
