"""The demo reproduces the network's published results through the
scorecard computation and the pages (the figures are nowhere stored)."""

import datetime

import pytest

from cms_pages.models import Election
from scorecards.models import Assessment, MunicipalityScorecardPage, ScorecardIndexPage


@pytest.fixture
def election_2019(demo):
    return Election.objects.get(locale__language_code="sq", date=datetime.date(2019, 6, 30))


def test_scorecard_pages_for_every_municipality(demo):
    assert MunicipalityScorecardPage.objects.count() == 24  # 12 municipalities, sq and en


def test_first_year_of_the_2019_mandate_across_nine_municipalities(election_2019):
    network, per_municipality = Assessment.objects.network_scorecard(
        election_2019, as_of=datetime.date(2020, 12, 31)
    )
    assert len(per_municipality) == 9
    assert network.not_assessed == 0
    assert (network.fully_percent, network.partially_percent, network.not_addressed_percent) == (
        17.0,
        58.0,
        25.0,
    )


def test_whole_2019_mandate_across_twelve_municipalities(election_2019):
    network, per_municipality = Assessment.objects.network_scorecard(
        election_2019, as_of=datetime.date(2023, 5, 14)
    )
    assert len(per_municipality) == 12
    assert network.not_assessed == 0
    assert network.addressed_percent == 74.5


def test_the_network_page_shows_the_published_results(client, election_2019, en):
    index = ScorecardIndexPage.objects.get(locale__language_code="sq")
    response = client.get(index.url, {"election": election_2019.pk, "as_of": "2020-12-31"})
    assert response.status_code == 200
    network = response.context["network"]
    assert (network.fully_percent, network.partially_percent, network.not_addressed_percent) == (
        17.0,
        58.0,
        25.0,
    )
    english = index.get_translation(en)
    assert english.title == "Scorecards"
    response = client.get(english.url, {"election": election_2019.pk, "as_of": "2023-05-14"})
    assert "74.5 % of priorities addressed" in response.content.decode()


def test_a_municipality_page_shows_a_correction(client, election_2019):
    corrected = Assessment.objects.filter(corrects__isnull=False).select_related(
        "priority__contract"
    )[0]
    page = MunicipalityScorecardPage.objects.get(
        locale__language_code="sq", municipality=corrected.priority.contract.municipality
    )
    response = client.get(page.url, {"election": election_2019.pk, "as_of": "2023-05-14"})
    row = next(r for r in response.context["priorities"] if r["priority"] == corrected.priority)
    assert row["current"] == corrected
    assert corrected.corrects in row["history"]
