"""No spreadsheet formula in any file the site writes.

Texts that citizens, visitors or editors wrote reach the CSV and XLSX files:
a consultation's results (titles of accepted suggestions), the scorecard
downloads, the contact form's submissions in the admin. Each hostile text
below goes through every export; no CSV cell may start with a formula
character unescaped, no XLSX cell may be a formula, and numbers stay
numbers."""

import csv
import io

import pytest
from openpyxl import load_workbook

from django.urls import reverse
from django.utils import translation

from wagtail.contrib.forms.models import FormSubmission
from wagtail_localize.synctree import create_aliases_for_new_page

from cms_pages.models import FormField
from consultations.models import ConsultationIndexPage, ConsultationPage

from ..accounts.factories import UserFactory
from ..cms_pages.factories import ContactPageFactory
from ..consultations.factories import PriorityFactory, SectorFactory, SocialContractFactory
from ..scorecards.factories import (
    AssessmentFactory,
    FinalisedContractFactory,
    MonitoredPriorityFactory,
)

pytestmark = pytest.mark.django_db

HOSTILE = [
    "=1+1",
    "+1+1",
    "-1+1",
    "@SUM(A1)",
    '=HYPERLINK("http://x","y")',
    "-1+cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_plain_number(value):
    try:
        float(value)
    except ValueError:
        return False
    return value.strip() == value and value.lstrip("-").replace(".", "", 1).isdigit()


def csv_cells(response):
    body = b"".join(response) if response.streaming else response.content
    return [
        cell
        for row in csv.reader(io.StringIO(body.decode("utf-8-sig"), newline=""))
        for cell in row
    ]


def xlsx_cells(response):
    body = b"".join(response) if response.streaming else response.content
    book = load_workbook(io.BytesIO(body))
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


def assert_no_formula_in_csv(cells):
    for cell in cells:
        assert not cell.startswith(FORMULA_STARTS) or is_plain_number(cell), repr(cell)
    for hostile in HOSTILE:
        assert "'" + hostile in cells, f"{hostile!r} is shown, escaped"


def assert_no_formula_in_xlsx(cells):
    for cell in cells:
        assert cell.data_type != "f", repr(cell.value)
    # XML keeps no carriage return: it is read back as a line feed.
    values = [
        cell.value.replace("\n", "\r") if isinstance(cell.value, str) else cell.value
        for cell in cells
    ]
    for hostile in HOSTILE:
        assert hostile in values, f"{hostile!r} is shown as text"


@pytest.fixture
def consultation(home, municipality):
    index = ConsultationIndexPage(title="Konsultimet", slug="konsultimet")
    home.add_child(instance=index)
    create_aliases_for_new_page(index)
    contract = SocialContractFactory(municipality=municipality)
    for n, title in enumerate(HOSTILE):
        PriorityFactory(
            contract=contract, title=title, sector=SectorFactory(name=title, slug=f"s{n}")
        )
    page = ConsultationPage(title="Kontrata", slug="kontrata", contract=contract)
    index.add_child(instance=page)
    return page


def test_the_consultation_results_hold_no_formula(client, consultation):
    response = client.get(consultation.url + "results/")

    assert response.status_code == 200
    cells = csv_cells(response)
    assert_no_formula_in_csv(cells)
    assert cells.count("0") == 2 * len(HOSTILE), "the counts stay plain numbers"


@pytest.fixture
def monitored(municipality):
    contract = FinalisedContractFactory(municipality=municipality)
    priorities = [
        MonitoredPriorityFactory(contract=contract, title=title, order=n)
        for n, title in enumerate(HOSTILE)
    ]
    AssessmentFactory(priority=priorities[0], status="fully")
    return priorities


@pytest.mark.parametrize("name", ["scorecards_download_municipality"])
def test_the_scorecard_downloads_hold_no_formula(client, monitored, municipality, name):
    with translation.override("sq"):
        csv_url = reverse(name, kwargs={"slug": municipality.slug, "fmt": "csv"})
        xlsx_url = reverse(name, kwargs={"slug": municipality.slug, "fmt": "xlsx"})

    assert_no_formula_in_csv(csv_cells(client.get(csv_url)))
    cells = xlsx_cells(client.get(xlsx_url))
    assert_no_formula_in_xlsx(cells)
    assert 1 in [cell.value for cell in cells], "numbers stay numbers"


@pytest.fixture
def submissions(home):
    page = ContactPageFactory(parent=home)
    FormField.objects.create(page=page, label="Mesazhi", field_type="multiline")
    FormField.objects.create(page=page, label="Mosha", field_type="number")
    FormField.objects.create(page=page, label="@SUM(A1)", field_type="singleline")
    for hostile in HOSTILE:
        FormSubmission.objects.create(
            page=page, form_data={"mesazhi": hostile, "mosha": "-3", "suma1": hostile}
        )
    return page


def export(client, page, fmt):
    client.force_login(UserFactory(is_superuser=True, is_staff=True, verified=True))
    url = reverse("wagtailforms:list_submissions", args=[page.pk])
    response = client.get(url, {"export": fmt})
    assert response.status_code == 200
    return response


def test_the_contact_form_csv_export_holds_no_formula(client, submissions):
    cells = csv_cells(export(client, submissions, "csv"))

    assert_no_formula_in_csv(cells)
    assert "'@SUM(A1)" in cells, "an editor's label is escaped too"
    assert cells.count("-3") == len(HOSTILE), "a number a visitor gave stays a number"


def test_the_contact_form_xlsx_export_holds_no_formula(client, submissions):
    cells = xlsx_cells(export(client, submissions, "xlsx"))

    assert_no_formula_in_xlsx(cells)
