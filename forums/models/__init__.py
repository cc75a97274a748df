"""Forums models: candidates (parties, candidacies, positions, endorsements)
and the invitations that link a candidacy to its account.
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
]
