"""The demo's citable releases reproduce the network's published results,
frozen from its assessments (no figure typed), at permanent addresses."""

import pytest

from scorecards.models import Release, ScorecardIndexPage


@pytest.fixture
def releases(demo):
    return {release.slug: release for release in Release.objects.all()}


def test_year_one_release_reproduces_17_58_25_in_nine_municipalities(releases):
    release = releases["mandati-2019-2023-viti-1"]
    card = release.card
    assert release.municipalities.count() == 9
    assert card.not_assessed == 0
    assert (card.fully_percent, card.partially_percent, card.not_addressed_percent) == (
        17.0,
        58.0,
        25.0,
    )
    assert release.titles["en"] == "Year 1 of the 2019–2023 mandate, as of 2020-12-31"


def test_end_of_mandate_release_reproduces_74_5_in_twelve_municipalities(releases, client, en):
    release = releases["mandati-2019-2023"]
    assert release.municipalities.count() == 12
    assert release.card.addressed_percent == 74.5
    index = ScorecardIndexPage.objects.get(locale__language_code="sq").get_translation(en)
    response = client.get(f"{index.url}releases/{release.slug}/")
    assert response.status_code == 200
    assert "74.5 % of priorities addressed" in response.content.decode()
