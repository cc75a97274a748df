"""Fixtures for scorecards: the network page and a municipality's page, each
with its English alias."""

import pytest

from wagtail_localize.synctree import create_aliases_for_new_page

from scorecards.models import MunicipalityScorecardPage, ScorecardIndexPage


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
