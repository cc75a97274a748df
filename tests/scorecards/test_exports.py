"""CSV and XLSX downloads of the scorecard tables: linked from the pages with
their election and date, in the page's language, safe against formula
injection, with proper file names and a fixed query budget."""

import csv
import datetime
import io

import pytest
from openpyxl import load_workbook

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from cms_pages.models import Municipality

from ..cms_pages.factories import ElectionFactory
from .factories import AssessmentFactory, FinalisedContractFactory, MonitoredPriorityFactory

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def election():
    return ElectionFactory(name="Zgjedhjet vendore 2019", date=D(2019, 6, 30))


@pytest.fixture
def assessed(election, municipality, en):
    """Durrës 2019: three priorities (the first translated, the second with
    a title a spreadsheet would run), fully, partially after not, and one
    never assessed."""
    contract = FinalisedContractFactory(municipality=municipality, election=election)
    first = MonitoredPriorityFactory(contract=contract, title="Ujë i pijshëm", order=1)
    second = MonitoredPriorityFactory(
        contract=contract, title='=HYPERLINK("http://evil.example","Kliko")', order=2
    )
    third = MonitoredPriorityFactory(contract=contract, title="+Rrugë", order=3)
    english = first.copy_for_translation(en)
    english.title = "Drinking water"
    english.save()
    AssessmentFactory(priority=first, as_of=D(2020, 12, 31), status="fully")
    AssessmentFactory(priority=second, as_of=D(2020, 12, 31), status="not")
    AssessmentFactory(priority=second, as_of=D(2021, 12, 31), status="partially")
    return [first, second, third]


def url(name, language="en", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


def read_csv(response):
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def read_xlsx(response):
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    return load_workbook(io.BytesIO(response.content)).active


def test_network_csv_in_english(client, assessed, election):
    response = client.get(
        url("scorecards_download_network", fmt="csv"),
        {"election": election.pk, "as_of": "2020-12-31"},
    )
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="pop-scorecard-network-2019-2020-12-31-en.csv"'
    )
    header, durres, total = read_csv(response)
    assert header[:4] == ["Municipality", "Fully addressed", "Partially addressed", "Not addressed"]
    assert header[-3:] == ["Addressed (%)", "Score", "As of"]
    assert durres[:6] == ["Durrës", "1", "0", "1", "1", "3"]
    assert durres[-1] == "2020-12-31"
    assert total[0] == "All municipalities"
    assert total[-3] == "33.4"  # addressed: 1 of 3 (largest remainder)


def test_network_download_in_the_page_language(client, assessed, election):
    response = client.get(url("scorecards_download_network", "sq", fmt="xlsx"))
    assert response["Content-Disposition"].endswith('-sq.xlsx"')
    sheet = read_xlsx(response)
    with translation.override("sq"):
        assert sheet["A1"].value == gettext("Municipality")
        assert sheet["A3"].value == gettext("All municipalities")


def test_municipality_csv_honours_date_and_election(client, assessed, election):
    path = url("scorecards_download_municipality", slug="durres", fmt="csv")
    response = client.get(path, {"election": election.pk, "as_of": "2021-12-31"})
    assert response["Content-Disposition"] == (
        'attachment; filename="pop-scorecard-durres-2019-2021-12-31-en.csv"'
    )
    header, *rows = read_csv(response)
    assert header == [
        "No.",
        "Priority",
        "Sector",
        "Status",
        "Assessed as of",
        "As of",
        "Reply of the municipality",
        "Reply posted on",
    ]
    assert rows[0][1:2] + rows[0][3:] == [
        "Drinking water",
        "Fully addressed",
        "2020-12-31",
        "2021-12-31",
        "",
        "",
    ]
    assert rows[1][3:5] == ["Partially addressed", "2021-12-31"]
    assert rows[2][3:5] == ["Not yet assessed", ""]
    earlier = read_csv(client.get(path, {"as_of": "2020-12-31"}))
    assert earlier[2][3:5] == ["Not addressed", "2020-12-31"]


def test_csv_cells_are_safe_against_formula_injection(client, assessed):
    rows = read_csv(client.get(url("scorecards_download_municipality", slug="durres", fmt="csv")))
    assert rows[2][1] == '\'=HYPERLINK("http://evil.example","Kliko")'
    assert rows[3][1] == "'+Rrugë"


def test_xlsx_keeps_texts_as_texts_and_numbers_as_numbers(client, assessed, election):
    response = client.get(
        url("scorecards_download_municipality", slug="durres", fmt="xlsx"),
        {"as_of": "2021-12-31"},
    )
    assert response["Content-Disposition"].endswith('-2021-12-31-en.xlsx"')
    sheet = read_xlsx(response)
    assert sheet.title == "Durrës"
    assert sheet["B3"].value == '=HYPERLINK("http://evil.example","Kliko")'
    assert sheet["B3"].data_type == "s"  # never a formula
    assert sheet["A2"].value == 1
    assert sheet["E2"].value.date() == D(2020, 12, 31)
    network = read_xlsx(client.get(url("scorecards_download_network", fmt="xlsx")))
    assert network["B2"].value == 1  # fully addressed, a number


@pytest.mark.parametrize("bad", ["31/12/2020", "2020-02-30", "20201231", "yesterday"])
def test_an_invalid_date_is_refused_visibly(client, assessed, bad):
    """Never a file as of another date than the one asked for: 400, and why,
    in plain text in the visitor's language."""
    for path in (
        url("scorecards_download_municipality", slug="durres", fmt="csv"),
        url("scorecards_download_network", fmt="xlsx"),
    ):
        response = client.get(path, {"as_of": bad})
        assert response.status_code == 400
        assert response["Content-Type"] == "text/plain; charset=utf-8"
        assert not response.has_header("Content-Disposition")
        assert response.content.decode() == (
            f"“{bad}” is not a date written as YYYY-MM-DD, for example 2021-12-31.\n"
            "Nothing was downloaded.\n"
        )


def test_an_invalid_election_is_refused_visibly_in_albanian(client, assessed):
    response = client.get(
        url("scorecards_download_network", "sq", fmt="csv"), {"election": "abc", "as_of": "x"}
    )
    assert response.status_code == 400
    with translation.override("sq"):
        expected = [
            gettext("“%(value)s” is not the id of an election.") % {"value": "abc"},
            gettext("“%(value)s” is not a date written as YYYY-MM-DD, for example 2021-12-31.")
            % {"value": "x"},
            gettext("Nothing was downloaded."),
        ]
    assert response.content.decode().splitlines() == expected
    for bad in ("0", "-1", "2147483648", "1.5"):
        response = client.get(url("scorecards_download_network", fmt="csv"), {"election": bad})
        assert response.status_code == 400
        assert response.content.decode().startswith(f"“{bad}” is not the id of an election.")


def test_an_unknown_election_is_not_found_never_replaced(client, assessed, election):
    other = ElectionFactory(name="Zgjedhjet vendore 2023", date=D(2023, 5, 14))
    for path in (
        url("scorecards_download_network", fmt="csv"),
        url("scorecards_download_municipality", slug="durres", fmt="csv"),
    ):
        assert client.get(path, {"election": election.pk + 1000}).status_code == 404
    # An election the municipality has no contract for.
    path = url("scorecards_download_municipality", slug="durres", fmt="csv")
    assert client.get(path, {"election": other.pk}).status_code == 404


def test_unknown_municipality_or_format(client, assessed):
    assert (
        client.get(url("scorecards_download_municipality", slug="tirane", fmt="csv")).status_code
        == 404
    )
    assert client.get("/en/open-data/scorecards/network.pdf").status_code == 404


def test_nothing_to_download_yet(client, municipality):
    assert client.get(url("scorecards_download_network", fmt="csv")).status_code == 404
    response = client.get(url("scorecards_download_municipality", slug="durres", fmt="csv"))
    assert response.status_code == 404


def test_the_pages_link_to_the_downloads(
    client, assessed, election, scorecard_index, make_scorecard_page, en
):
    page = make_scorecard_page(assessed[0].contract.municipality)
    html = client.get(
        scorecard_index.get_translation(en).url, {"election": election.pk, "as_of": "2020-12-31"}
    ).content.decode()
    network = url("scorecards_download_network", fmt="xlsx")
    assert f'href="{network}?election={election.pk}&amp;as_of=2020-12-31"' in html
    assert 'href="/api/v1/docs"' in html
    html = client.get(page.get_translation(en).url, {"as_of": "2021-12-31"}).content.decode()
    municipality = url("scorecards_download_municipality", slug="durres", fmt="csv")
    assert f'href="{municipality}?election={election.pk}&amp;as_of=2021-12-31"' in html


def build_network(n, election):
    for _ in range(n):
        contract = FinalisedContractFactory(election=election)
        for priority in MonitoredPriorityFactory.create_batch(3, contract=contract):
            for year, status in ((2020, "not"), (2021, "partially")):
                AssessmentFactory(priority=priority, as_of=D(year, 12, 31), status=status)


def test_downloads_query_budget_is_fixed(client, election):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def measure():
        slug = Municipality.objects.order_by("pk").first().slug
        counts = []
        for path in (
            url("scorecards_download_network", fmt="csv"),
            url("scorecards_download_network", fmt="xlsx"),
            url("scorecards_download_municipality", slug=slug, fmt="csv"),
        ):
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path, {"election": election.pk, "as_of": "2021-12-31"})
            assert response.status_code == 200
            counts.append(len(queries))
        return counts, response

    build_network(3, election)
    small, _ = measure()
    build_network(9, election)
    large, _ = measure()
    assert small == large
    assert max(large) <= 8, large
