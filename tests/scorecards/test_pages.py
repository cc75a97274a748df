"""The public scorecard pages: figures as of a date in both languages, the
priority timeline, quick dates, and a fixed query budget."""

import datetime
import re

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms_pages.models import Election

from ..cms_pages.factories import ElectionFactory
from .factories import (
    AssessmentFactory,
    AssessmentSourceFactory,
    FinalisedContractFactory,
    MonitoredPriorityFactory,
)

pytestmark = pytest.mark.django_db

D = datetime.date


def en_url(page, en):
    return page.get_translation(en).url


def test_network_page_as_of_a_date(client, scorecard_index, assessed, election):
    response = client.get(scorecard_index.url, {"as_of": "2020-12-31"})
    assert response.status_code == 200
    network = response.context["network"]
    assert (network.fully, network.partially, network.not_addressed, network.not_assessed) == (
        1,
        0,
        1,
        2,
    )
    html = response.content.decode()
    assert "Durrës" in html
    assert 'role="img"' in html
    assert "½" in html  # the formula is stated


def test_network_page_in_english(client, scorecard_index, assessed, en):
    response = client.get(en_url(scorecard_index, en), {"as_of": "2021-12-31"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "50.0 % of priorities addressed (2 of 4)." in html
    assert "Score = (fully addressed" in html
    assert response.context["network"].score == 50.0


def test_invalid_as_of_falls_back_to_today_with_a_message(client, scorecard_index, assessed, en):
    response = client.get(en_url(scorecard_index, en), {"as_of": "31/12/2020"})
    assert response.status_code == 200
    assert response.context["as_of"] == datetime.date.today()
    assert "is not a date written as YYYY-MM-DD" in response.content.decode()


def test_quick_dates_are_the_ends_of_mandate_years(client, scorecard_index, assessed):
    ElectionFactory(name="Zgjedhjet vendore 2023", date=D(2023, 5, 14))
    response = client.get(scorecard_index.url)
    assert response.context["quick_dates"] == [
        D(2020, 12, 31),
        D(2021, 12, 31),
        D(2022, 12, 31),
        D(2023, 5, 14),
    ]
    assert "as_of=2023-05-14" in response.content.decode()


@pytest.mark.parametrize("language", ["sq", "en"])
def test_municipality_page_shows_status_evidence_and_history(
    client, make_scorecard_page, assessed, municipality, language, en
):
    page = make_scorecard_page(municipality)
    url = page.url if language == "sq" else en_url(page, en)
    response = client.get(url, {"as_of": "2021-12-31"})
    assert response.status_code == 200
    rows = {row["priority"].pk: row for row in response.context["priorities"]}
    first, second, third, fourth = assessed
    assert rows[first.pk]["status"] == "fully"
    assert rows[second.pk]["status"] == "partially"
    assert [a.status for a in rows[second.pk]["history"]] == ["partially", "not"]
    assert rows[fourth.pk]["status"] == "not_yet"  # its assessment is a draft
    html = response.content.decode()
    assert "Buxheti 2022" in html
    assert "Vendimi i këshillit bashkiak." in html
    if language == "en":
        assert "Not yet assessed" in html
        assert "Partially addressed" in html


def test_municipality_page_before_any_assessment(
    client, make_scorecard_page, assessed, municipality
):
    response = client.get(make_scorecard_page(municipality).url, {"as_of": "2020-01-01"})
    assert response.context["card"].not_assessed == 4
    assert "Buxheti 2022" not in response.content.decode()


def build_network(n, election):
    """`n` municipalities, 5 priorities each, three assessment rounds."""
    for _ in range(n):
        contract = FinalisedContractFactory(election=election)
        for priority in MonitoredPriorityFactory.create_batch(5, contract=contract):
            for year, status in ((2020, "not"), (2021, "partially"), (2022, "fully")):
                AssessmentFactory(priority=priority, as_of=D(year, 12, 31), status=status)


def count_queries(client, url, django_assert_max_num_queries):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, {"as_of": "2021-12-31"})
    assert response.status_code == 200
    return len(queries), response


def test_network_page_query_budget_is_the_same_at_12_and_61_municipalities(
    client, scorecard_index, make_scorecard_page, django_assert_max_num_queries
):
    election = ElectionFactory(date=D(2019, 6, 30))
    build_network(12, election)
    client.get(scorecard_index.url)  # warm the site's caches
    small, response = count_queries(client, scorecard_index.url, django_assert_max_num_queries)
    assert response.context["network"].partially == 60
    build_network(49, election)  # all 61 municipalities of Albania
    large, response = count_queries(client, scorecard_index.url, django_assert_max_num_queries)
    assert response.context["network"].partially == 305
    assert len(response.context["rows"]) == 61
    assert small == large <= 16  # was 20 before the over-time chart joined the figures' query


def test_municipality_page_query_budget_is_fixed(client, make_scorecard_page, municipality):
    election = Election.objects.create(name="Zgjedhjet 2019", date=D(2019, 6, 30))
    contract = FinalisedContractFactory(municipality=municipality, election=election)
    page = make_scorecard_page(municipality)

    def add(n):
        for priority in MonitoredPriorityFactory.create_batch(n, contract=contract):
            for year in (2020, 2021):
                AssessmentSourceFactory(
                    assessment=AssessmentFactory(priority=priority, as_of=D(year, 12, 31))
                )

    add(3)
    client.get(page.url)
    small, _ = count_queries(client, page.url, None)
    add(12)
    large, response = count_queries(client, page.url, None)
    assert len(response.context["priorities"]) == 15
    # +1 for the priority pages' address, +2 for council decisions (rows, sources),
    # +1 for who replies for the municipality (kept with the contracts)
    assert small == large <= 24
    assert re.search(r"bar-contract-title", response.content.decode())


def test_an_election_the_page_cannot_show_is_said_not_replaced_silently(
    client, scorecard_index, make_scorecard_page, assessed, municipality, en
):
    page = make_scorecard_page(municipality)
    for url in (en_url(scorecard_index, en), en_url(page, en)):
        for bad in ("9999", "abc"):
            response = client.get(url, {"election": bad, "as_of": "2021-12-31"})
            assert response.status_code == 200
            assert (
                f"“{bad}” is not one of the elections shown here: the figures below are for "
                "Zgjedhjet vendore 2019." in response.content.decode()
            )
        assert "is not one of the elections" not in client.get(url).content.decode()


def test_municipality_page_query_budget_in_english(client, make_scorecard_page, municipality, en):
    """The priorities' texts in English come with their rows: no query per
    priority."""
    FinalisedContractFactory(
        municipality=municipality, election=ElectionFactory(date=D(2015, 6, 21))
    )
    contract = FinalisedContractFactory(  # the latest: the one shown
        municipality=municipality, election=ElectionFactory(date=D(2019, 6, 30))
    )
    url = make_scorecard_page(municipality).get_translation(en).url

    def add(n):
        for priority in MonitoredPriorityFactory.create_batch(n, contract=contract):
            english = priority.copy_for_translation(en)
            english.title = f"In English: {priority.title}"
            english.save()
            AssessmentFactory(priority=priority, as_of=D(2020, 12, 31))

    add(3)
    client.get(url)
    small, _ = count_queries(client, url, None)
    add(12)
    large, response = count_queries(client, url, None)
    assert [row["title"][:12] for row in response.context["priorities"]] == ["In English: "] * 15
    # +1 for the priority pages' address, +2 for council decisions, +1 for who
    # replies for the municipality (kept with the contracts)
    assert small == large <= 28


def test_network_page_query_budget_in_english(client, scorecard_index, en):
    """The municipalities' and elections' names in English come with their
    rows: no query per municipality or election."""
    ElectionFactory(date=D(2015, 6, 21))  # not monitored: not listed
    FinalisedContractFactory(election=ElectionFactory(date=D(2023, 5, 14)))  # listed
    election = ElectionFactory(date=D(2019, 6, 30))
    url = scorecard_index.get_translation(en).url + f"?election={election.pk}"
    build_network(3, election)
    client.get(url)  # warm the site's caches
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    build_network(9, election)
    with CaptureQueriesContext(connection) as large:
        response = client.get(url)
    assert len(response.context["rows"]) == 12
    assert len(small) == len(large) <= 19  # 24 before localized() read the names
