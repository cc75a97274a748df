"""Factories for forums: parties, candidacies, positions and endorsements."""

import factory
from factory.django import DjangoModelFactory

from forums.models import (
    Candidacy,
    CandidacyStatus,
    Endorsement,
    Party,
    Position,
    Stance,
)

from ..accounts.factories import UserFactory
from ..cms_pages.factories import albanian
from ..consultations.factories import PriorityFactory, SocialContractFactory


class PartyFactory(DjangoModelFactory):
    class Meta:
        model = Party

    name = factory.Sequence(lambda n: f"Partia {n}")
    short_name = factory.Sequence(lambda n: f"P{n}")
    colour = "#1f5fa8"
    locale = factory.LazyFunction(albanian)


class CandidacyFactory(DjangoModelFactory):
    """A confirmed candidacy, with its own verified account, for the
    municipality and election of `contract` (a finalised one by default)."""

    class Meta:
        model = Candidacy
        exclude = ("contract",)

    contract = factory.SubFactory(SocialContractFactory, phase="finalised")
    full_name = factory.Sequence(lambda n: f"Kandidati Numër {n}")
    party = factory.SubFactory(PartyFactory)
    municipality = factory.LazyAttribute(lambda o: o.contract.municipality)
    election = factory.LazyAttribute(lambda o: o.contract.election)
    user = factory.SubFactory(UserFactory, verified=True)
    status = CandidacyStatus.CONFIRMED


class PositionFactory(DjangoModelFactory):
    class Meta:
        model = Position

    candidacy = factory.SubFactory(CandidacyFactory)
    priority = factory.SubFactory(PriorityFactory, in_contract=True)
    stance = Stance.COMMIT
    statement = factory.Sequence(lambda n: f"Qëndrimi {n}")


class EndorsementFactory(DjangoModelFactory):
    class Meta:
        model = Endorsement

    candidacy = factory.SubFactory(CandidacyFactory)
    contract = factory.LazyAttribute(lambda o: o.candidacy.contract())
    signed_name = factory.LazyAttribute(lambda o: o.candidacy.full_name)
    committed = True
