"""Fixtures for forums: a finalised contract whose election is ahead, its
priorities, and one person per role around a candidacy."""

import datetime

import pytest

from django.utils import timezone

from ..accounts.factories import UserFactory
from ..cms_pages.factories import ElectionFactory
from ..consultations.factories import PriorityFactory, SocialContractFactory
from .factories import CandidacyFactory

ROLES = [
    "anonymous",
    "citizen",
    "editor",
    "unverified_candidate",
    "requested_candidate",
    "declined_candidate",
    "other_municipality_candidate",
    "candidate",
]


@pytest.fixture
def election():
    return ElectionFactory(
        name="Zgjedhjet vendore", date=timezone.localdate() + datetime.timedelta(days=30)
    )


@pytest.fixture
def contract(municipality, election):
    return SocialContractFactory(municipality=municipality, election=election, phase="finalised")


@pytest.fixture
def priorities(contract):
    return PriorityFactory.create_batch(3, contract=contract, in_contract=True)


@pytest.fixture
def candidacy(contract):
    return CandidacyFactory(contract=contract, full_name="Elira Marku")


@pytest.fixture
def actor(contract, candidacy):
    """`(user, candidacy)` for a role: who asks, and the candidacy they act for."""

    def make(role):
        if role == "anonymous":
            from django.contrib.auth.models import AnonymousUser

            return AnonymousUser(), candidacy
        if role == "citizen":
            return UserFactory(verified=True, municipality=contract.municipality), candidacy
        if role == "editor":
            return UserFactory(verified=True, groups=["Editors"]), candidacy
        if role == "unverified_candidate":
            other = CandidacyFactory(contract=contract, user=UserFactory(verified=False))
            return other.user, other
        if role == "requested_candidate":
            other = CandidacyFactory(contract=contract, status="requested")
            return other.user, other
        if role == "declined_candidate":
            other = CandidacyFactory(contract=contract, status="declined")
            return other.user, other
        if role == "other_municipality_candidate":
            other = CandidacyFactory(
                contract=SocialContractFactory(election=contract.election, phase="finalised")
            )
            return other.user, other
        if role == "candidate":
            return candidacy.user, candidacy
        raise ValueError(role)

    return make
