"""One reading of `election` and `as_of`: `scorecards.parameters.read()`,
used by the pages and the downloads, accepts and refuses exactly what the
API's query parameters (declared with the same types) accept and refuse;
each tells the user in its own way, none silently uses another value."""

import datetime

import pytest

from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone, translation

from scorecards import parameters

from .factories import AssessmentFactory, FinalisedContractFactory, MonitoredPriorityFactory

pytestmark = pytest.mark.django_db

D = datetime.date
GOOD_DATES = {"2021-12-31": D(2021, 12, 31), "2020-02-29": D(2020, 2, 29)}
BAD_DATES = ["31/12/2020", "2020-02-30", "20201231", "2020-W01-1", "yesterday", " 2020-12-31"]
GOOD_ELECTIONS = {"1": 1, "2147483647": 2**31 - 1}
BAD_ELECTIONS = ["0", "-1", "abc", "1.5", "2147483648"]


def test_read_what_is_asked():
    asked = parameters.read(QueryDict("election=7&as_of=2021-12-31"))
    assert (asked.election, asked.as_of, asked.errors) == (7, D(2021, 12, 31), {})
    assert asked.day == D(2021, 12, 31)
    nothing = parameters.read(QueryDict("election=&as_of="))
    assert (nothing.election, nothing.as_of, nothing.errors, nothing.written) == (
        None,
        None,
        {},
        {},
    )
    assert nothing.day == timezone.localdate()
    # The last date the figures can be computed for.
    assert parameters.read(QueryDict("as_of=9999-12-31")).day == parameters.LATEST_DATE


@pytest.mark.parametrize("value", BAD_DATES)
def test_a_bad_date_is_an_error_never_another_date(value):
    asked = parameters.read(QueryDict(mutable=True) | {"as_of": value})
    assert asked.as_of is None
    assert set(asked.errors) == {"as_of"}
    assert asked.written == {"as_of": value}


@pytest.mark.parametrize("value", BAD_ELECTIONS)
def test_a_bad_election_is_an_error(value):
    asked = parameters.read(QueryDict(mutable=True) | {"election": value})
    assert asked.election is None
    assert set(asked.errors) == {"election"}


def test_the_message_of_a_badly_written_date_is_in_the_readers_language():
    with translation.override("en"):
        asked = parameters.read(QueryDict("as_of=31/12/2020"))
    assert asked.errors["as_of"] == "Write the date as YYYY-MM-DD, for example 2021-12-31."


@pytest.fixture
def monitored(municipality):
    contract = FinalisedContractFactory(municipality=municipality)
    AssessmentFactory(priority=MonitoredPriorityFactory(contract=contract))
    return contract


def test_pages_downloads_and_api_read_alike(client, monitored, scorecard_index):
    """What the API refuses with 422, the downloads refuse with 400 and the
    pages answer with a message; what it accepts, they all accept."""
    election = monitored.election_id
    for value in BAD_DATES:
        params = {"as_of": value}
        assert client.get("/api/v1/scorecards/network", params).status_code == 422
        download = reverse("scorecards_download_network", kwargs={"fmt": "csv"})
        assert client.get(download, params).status_code == 400
        page = client.get(scorecard_index.url, params)
        assert page.status_code == 200
        assert page.context["as_of_error"]
        assert page.context["as_of"] == timezone.localdate()
    for value in BAD_ELECTIONS:
        params = {"election": value}
        assert client.get("/api/v1/scorecards/network", params).status_code == 422
        download = reverse("scorecards_download_network", kwargs={"fmt": "csv"})
        assert client.get(download, params).status_code == 400
        page = client.get(scorecard_index.url, params)
        assert page.context["election_error"]
        assert page.context["election"].pk == election
    for value, day in GOOD_DATES.items():
        params = {"as_of": value, "election": election}
        assert client.get("/api/v1/scorecards/network", params).json()["as_of"] == value
        download = reverse("scorecards_download_network", kwargs={"fmt": "csv"})
        assert f"-{value}-" in client.get(download, params)["Content-Disposition"]
        page = client.get(scorecard_index.url, params)
        assert (page.context["as_of"], page.context["as_of_error"]) == (day, "")
        assert page.context["election_error"] == ""
