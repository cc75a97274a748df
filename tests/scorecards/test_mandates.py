"""Elections and contracts as the scorecards read them: the mandate's dates,
the monitored elections and the default one, a municipality's contracts,
called directly and through the pages, the API and the downloads that use
them."""

import datetime

import pytest

from django.utils import translation

from scorecards.models import Mandate, choose_election, contracts, elections

from ..cms_pages.factories import ElectionFactory
from ..cms_pages.test_reference_data import translate
from .factories import AssessmentFactory, FinalisedContractFactory, MonitoredPriorityFactory

pytestmark = pytest.mark.django_db

D = datetime.date


def test_a_mandate_runs_to_the_next_election_or_four_years_on():
    assert Mandate(D(2019, 6, 30)).end == D(2023, 6, 30)
    assert Mandate(D(2019, 6, 30), following=D(2023, 5, 14)).end == D(2023, 5, 14)
    mandate = Mandate(D(2019, 6, 30), following=D(2023, 5, 14))
    assert mandate.year_ends(today=D(2030, 1, 1)) == [
        D(2020, 12, 31),
        D(2021, 12, 31),
        D(2022, 12, 31),
        D(2023, 5, 14),
    ]
    assert mandate.year_ends(today=D(2021, 12, 31)) == [D(2020, 12, 31), D(2021, 12, 31)]
    assert mandate.year_ends(today=D(2020, 6, 1)) == []
    # The over-time chart adds today while the mandate runs.
    assert mandate.timeline_dates(today=D(2022, 3, 1)) == [
        D(2020, 12, 31),
        D(2021, 12, 31),
        D(2022, 3, 1),
    ]
    assert mandate.timeline_dates(today=D(2020, 6, 1)) == [D(2020, 6, 1)]
    assert mandate.timeline_dates(today=D(2023, 5, 14))[-1] == D(2023, 5, 14)


@pytest.fixture
def three_elections():
    """2015 (no contract), 2019 (contracts, assessed), 2023 (a contract, not
    assessed yet)."""
    old = ElectionFactory(name="Zgjedhjet 2015", date=D(2015, 6, 21))
    first = ElectionFactory(name="Zgjedhjet 2019", date=D(2019, 6, 30))
    latest = ElectionFactory(name="Zgjedhjet 2023", date=D(2023, 5, 14))
    AssessmentFactory(priority=MonitoredPriorityFactory(contract__election=first))
    FinalisedContractFactory(election=latest)
    FinalisedContractFactory(election=old, finalised_at=None)  # never finalised
    return old, first, latest


def test_monitored_elections_in_one_query(three_elections, django_assert_num_queries, en):
    old, first, latest = three_elections
    translate(first, en, name="Local elections 2019")
    with translation.override("en"), django_assert_num_queries(1):
        monitored = list(elections().monitored().localized("name"))
    assert monitored == [latest, first]
    assert [e.has_assessments for e in monitored] == [False, True]
    assert [e.following for e in monitored] == [None, D(2023, 5, 14)]
    assert [e.localized_name for e in monitored] == ["Zgjedhjet 2023", "Local elections 2019"]


def test_the_default_election_is_the_latest_assessed_else_the_latest(three_elections):
    old, first, latest = three_elections
    monitored = list(elections().monitored())
    assert choose_election(monitored) == first
    assert choose_election(monitored, latest.pk) == latest
    assert choose_election(monitored, old.pk) is None  # not monitored: not chosen
    assert choose_election([e for e in monitored if e != first]) == latest
    assert choose_election([]) is None


def test_the_default_election_is_the_same_on_the_page_api_and_download(
    client, three_elections, scorecard_index
):
    first = three_elections[1]
    assert client.get(scorecard_index.url).context["election"] == first
    assert client.get("/api/v1/scorecards/network").json()["election"]["id"] == first.pk
    response = client.get("/en/open-data/scorecards/network.csv")
    assert "-network-2019-" in response["Content-Disposition"]


def test_a_municipalitys_contracts(municipality):
    first = FinalisedContractFactory(
        municipality=municipality, election=ElectionFactory(date=D(2019, 6, 30))
    )
    latest = FinalisedContractFactory(
        municipality=municipality, election=ElectionFactory(date=D(2023, 5, 14))
    )
    FinalisedContractFactory(
        municipality=municipality, election=ElectionFactory(date=D(2015, 6, 21)), finalised_at=None
    )
    FinalisedContractFactory(election=first.election)  # another municipality's
    found = list(
        contracts().finalised().of_municipality(municipality).with_mandate().latest_first()
    )
    assert found == [latest, first]
    assert [c.following for c in found] == [None, D(2023, 5, 14)]
    assert not contracts().finalised().of_municipality(municipality).assessed().exists()
    AssessmentFactory(priority=MonitoredPriorityFactory(contract=first))
    AssessmentFactory(priority=MonitoredPriorityFactory(contract=latest), published_at=None)
    assert list(contracts().of_municipality(municipality).assessed()) == [first]


def test_the_badge_counts_the_latest_assessed_contract(client, make_scorecard_page, municipality):
    first = FinalisedContractFactory(
        municipality=municipality, election=ElectionFactory(name="Zgjedhjet 2019")
    )
    FinalisedContractFactory(
        municipality=municipality,
        election=ElectionFactory(name="Zgjedhjet 2023", date=D(2023, 5, 14)),
    )
    AssessmentFactory(priority=MonitoredPriorityFactory(contract=first), status="fully")
    svg = client.get(make_scorecard_page(municipality).url + "badge/").content.decode()
    assert "Zgjedhjet 2019" in svg
    assert "Zgjedhjet 2023" not in svg
