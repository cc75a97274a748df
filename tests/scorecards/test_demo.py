"""The demo reproduces the network's published results through the
scorecard computation and the pages (the figures are nowhere stored)."""

import datetime
import io

import pytest

from django.core.management import call_command

from cms_pages.models import Election
from scorecards.models import Assessment, MunicipalityScorecardPage, ScorecardIndexPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_demo_data", stdout=io.StringIO())
    return Election.objects.get(locale__language_code="sq", date=datetime.date(2019, 6, 30))


def test_demo_is_idempotent(demo):
    counts = (Assessment.objects.count(), MunicipalityScorecardPage.objects.count())
    call_command("load_demo_data", stdout=io.StringIO())
    assert (Assessment.objects.count(), MunicipalityScorecardPage.objects.count()) == counts
    assert counts[1] == 24  # 12 municipalities, sq and en


def test_first_year_of_the_2019_mandate_across_nine_municipalities(demo):
    network, per_municipality = Assessment.objects.network_scorecard(
        demo, as_of=datetime.date(2020, 12, 31)
    )
    assert len(per_municipality) == 9
    assert network.not_assessed == 0
    assert (network.fully_percent, network.partially_percent, network.not_addressed_percent) == (
        17.0,
        58.0,
        25.0,
    )


def test_whole_2019_mandate_across_twelve_municipalities(demo):
    network, per_municipality = Assessment.objects.network_scorecard(
        demo, as_of=datetime.date(2023, 5, 14)
    )
    assert len(per_municipality) == 12
    assert network.not_assessed == 0
    assert network.addressed_percent == 74.5


def test_the_network_page_shows_the_published_results(client, demo, en):
    index = ScorecardIndexPage.objects.get(locale__language_code="sq")
    response = client.get(index.url, {"election": demo.pk, "as_of": "2020-12-31"})
    assert response.status_code == 200
    network = response.context["network"]
    assert (network.fully_percent, network.partially_percent, network.not_addressed_percent) == (
        17.0,
        58.0,
        25.0,
    )
    english = index.get_translation(en)
    assert english.title == "Scorecards"
    response = client.get(english.url, {"election": demo.pk, "as_of": "2023-05-14"})
    assert "74.5 % of priorities addressed" in response.content.decode()


def test_a_municipality_page_shows_a_correction(client, demo):
    corrected = Assessment.objects.filter(corrects__isnull=False).select_related(
        "priority__contract"
    )[0]
    page = MunicipalityScorecardPage.objects.get(
        locale__language_code="sq", municipality=corrected.priority.contract.municipality
    )
    response = client.get(page.url, {"election": demo.pk, "as_of": "2023-05-14"})
    row = next(r for r in response.context["priorities"] if r["priority"] == corrected.priority)
    assert row["current"] == corrected
    assert corrected.corrects in row["history"]
