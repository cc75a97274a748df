"""Forums models: candidates (parties, candidacies, positions, endorsements).
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
]
