"""The network's published results, read through the open-data API from the
demo's assessments (the figures are nowhere stored)."""

import datetime

import pytest

from cms_pages.models import Election


@pytest.fixture
def election_2019(demo):
    return Election.objects.get(locale__language_code="sq", date=datetime.date(2019, 6, 30))


def network(client, election, as_of):
    response = client.get("/api/v1/scorecards/network", {"election": election.pk, "as_of": as_of})
    assert response.status_code == 200
    return response.json()


def test_published_results_and_lists_through_the_api(client, election_2019):
    first_year = network(client, election_2019, "2020-12-31")
    assert first_year["election"]["date"] == "2019-06-30"
    assert len(first_year["municipalities"]) == 9
    figures = first_year["network"]
    assert figures["not_assessed"] == 0
    assert (
        figures["fully_percent"],
        figures["partially_percent"],
        figures["not_addressed_percent"],
    ) == (17.0, 58.0, 25.0)

    mandate = network(client, election_2019, "2023-05-14")
    assert len(mandate["municipalities"]) == 12
    assert mandate["network"]["not_assessed"] == 0
    assert mandate["network"]["addressed_percent"] == 74.5
    # Each municipality's figures add up to the network's.
    assert (
        sum(row["figures"]["addressed"] for row in mandate["municipalities"])
        == (mandate["network"]["addressed"])
    )

    # The lists and a municipality's scorecard agree with the network's.
    municipalities = client.get("/api/v1/municipalities").json()
    assert municipalities["count"] == 12
    # The demo translates the reference data: English names come with the rows.
    assert all(set(item["name"]) == {"sq", "en"} for item in municipalities["items"])
    slug = municipalities["items"][0]["slug"]
    scorecard = client.get(
        f"/api/v1/scorecards/municipalities/{slug}",
        {"election": election_2019.pk, "as_of": "2023-05-14"},
    ).json()
    assert scorecard["figures"]["total"] == len(scorecard["priorities"])
    assert {row["status"] for row in scorecard["priorities"]} <= {"fully", "partially", "not"}
    assessments = client.get("/api/v1/assessments", {"municipality": slug}).json()
    assert assessments["count"] > 0
    assert all(item["municipality"] == slug for item in assessments["items"])
