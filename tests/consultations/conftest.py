"""Fixtures for consultations: a contract with its page, and one person per role."""

import pytest

from wagtail_localize.synctree import create_aliases_for_new_page

from consultations.models import ConsultationIndexPage, ConsultationPage

from ..accounts.factories import UserFactory
from .factories import PriorityFactory, SocialContractFactory

ROLES = ["anonymous", "unverified", "non_resident", "resident", "moderator", "editor"]


@pytest.fixture
def index_page(home):
    page = ConsultationIndexPage(title="Konsultimet", slug="konsultimet")
    home.add_child(instance=page)
    create_aliases_for_new_page(page)
    return page


@pytest.fixture
def make_page(index_page):
    """A live page for `contract`, with its English alias."""

    def make(contract, title="Kontrata Sociale"):
        page = ConsultationPage(title=title, slug=f"kontrata-{contract.pk}", contract=contract)
        index_page.add_child(instance=page)
        create_aliases_for_new_page(page)
        return page

    return make


@pytest.fixture
def contract(municipality):
    """An open contract in Durrës (residents only, at most 3 supports)."""
    return SocialContractFactory(municipality=municipality)


@pytest.fixture
def priorities(contract):
    return PriorityFactory.create_batch(4, contract=contract)


@pytest.fixture
def consultation(contract, priorities, make_page):
    return make_page(contract)


@pytest.fixture
def person(municipality):
    """One person per role, by name; verified staff live elsewhere."""

    def make(role):
        if role == "anonymous":
            from django.contrib.auth.models import AnonymousUser

            return AnonymousUser()
        if role == "unverified":
            return UserFactory(municipality=municipality, verified=False)
        if role == "non_resident":
            return UserFactory(verified=True)
        if role == "resident":
            return UserFactory(municipality=municipality, verified=True)
        if role == "moderator":
            return UserFactory(verified=True, groups=["Moderators"])
        if role == "editor":
            return UserFactory(verified=True, groups=["Editors"])
        raise ValueError(role)

    return make
