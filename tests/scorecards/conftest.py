"""Fixtures for scorecards: the network page and a municipality's page, each
with its English alias."""

import datetime

import pytest

from wagtail_localize.synctree import create_aliases_for_new_page

from scorecards.models import MunicipalityScorecardPage, ScorecardIndexPage

from ..cms_pages.factories import ElectionFactory
from .factories import (
    AssessmentFactory,
    AssessmentSourceFactory,
    FinalisedContractFactory,
    MonitoredPriorityFactory,
)

D = datetime.date


@pytest.fixture
def scorecard_index(home):
    page = ScorecardIndexPage(title="Kartat e vlerësimit", slug="kartat")
    home.add_child(instance=page)
    create_aliases_for_new_page(page)
    return page


@pytest.fixture
def make_scorecard_page(scorecard_index):
    def make(municipality):
        page = MunicipalityScorecardPage(
            title=f"Karta: {municipality.name}", slug=municipality.slug, municipality=municipality
        )
        scorecard_index.add_child(instance=page)
        create_aliases_for_new_page(page)
        return page

    return make


@pytest.fixture
def election():
    return ElectionFactory(name="Zgjedhjet vendore 2019", date=D(2019, 6, 30))


@pytest.fixture
def contract(election, municipality):
    return FinalisedContractFactory(municipality=municipality, election=election)


@pytest.fixture
def assessed(contract):
    """Four priorities: fully, partially (after not), not, and one never assessed."""
    first, second, third, fourth = MonitoredPriorityFactory.create_batch(4, contract=contract)
    AssessmentFactory(priority=first, as_of=D(2020, 12, 31), status="fully")
    AssessmentFactory(priority=second, as_of=D(2020, 12, 31), status="not")
    later = AssessmentFactory(priority=second, as_of=D(2021, 12, 31), status="partially")
    AssessmentSourceFactory(assessment=later, title="Buxheti 2022", url="https://example.org/b")
    AssessmentFactory(priority=third, as_of=D(2021, 12, 31), status="not")
    AssessmentFactory(priority=fourth, as_of=D(2021, 12, 31), status="fully", published_at=None)
    return [first, second, third, fourth]
