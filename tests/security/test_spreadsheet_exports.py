"""No spreadsheet formula in any file the site writes.

Texts that citizens, visitors or editors wrote reach the CSV and XLSX files:
a consultation's results (titles of accepted suggestions), the scorecard
downloads (a municipality's with its replies, the network's), the releases,
the open-data archive, the contact form's submissions and every report and
listing Wagtail's admin exports (site history, aging, locked pages,
workflows, redirects). The programme report's XLSX holds no text a person
wrote (figures, fixed labels, dates, API addresses). Each hostile text
below goes through every export; no CSV cell may start with a formula
character unescaped, no XLSX cell may be a formula, and numbers stay
numbers."""

import csv
import datetime
import io
import zipfile

import pytest
from openpyxl import load_workbook

from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone, translation

from wagtail.contrib.forms.models import FormSubmission
from wagtail.contrib.redirects.models import Redirect
from wagtail.log_actions import log
from wagtail.models import GroupApprovalTask, Page, Workflow, WorkflowTask
from wagtail_localize.synctree import create_aliases_for_new_page

from cms_pages.models import FormField
from consultations.models import ConsultationIndexPage, ConsultationPage
from scorecards.models import OpenDataArchive, Release, Reply, Respondent, ScorecardIndexPage
from scorecards.opendata import build_archive

from ..accounts.factories import UserFactory
from ..cms_pages.factories import (
    ContactPageFactory,
    ElectionFactory,
    MunicipalityFactory,
    StandardPageFactory,
)
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


def assert_no_formula_in_csv(cells, corpus=HOSTILE):
    for cell in cells:
        assert not cell.startswith(FORMULA_STARTS) or is_plain_number(cell), repr(cell)
    for hostile in corpus:
        assert "'" + hostile in cells, f"{hostile!r} is shown, escaped"


def assert_no_formula_in_xlsx(cells, corpus=HOSTILE):
    for cell in cells:
        assert cell.data_type != "f", repr(cell.value)
    # XML keeps no carriage return: it is read back as a line feed.
    values = [
        cell.value.replace("\n", "\r") if isinstance(cell.value, str) else cell.value
        for cell in cells
    ]
    for hostile in corpus:
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


# Wagtail's admin exports ------------------------------------------------------


@pytest.fixture
def admin():
    return UserFactory(is_superuser=True, is_staff=True, verified=True)


@pytest.fixture
def hostile_admin_records(home, admin):
    """For each hostile text: a page so titled, published, locked and in
    moderation, logged; a record whose log label it is (as a moderated
    comment's label quotes what a citizen wrote); a redirect to it."""
    workflow = Workflow.objects.create(name="Miratimi")
    task = GroupApprovalTask.objects.create(name="Redaktorët")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    municipality = MunicipalityFactory()
    for n, hostile in enumerate(HOSTILE):
        page = StandardPageFactory(
            parent=home,
            title=hostile,
            slug=f"armiqesore-{n}",
            last_published_at=timezone.now(),
        )
        log(page, "wagtail.edit", user=admin)
        log(municipality, "wagtail.edit", user=admin, title=hostile)
        page.save_revision(user=admin)
        workflow.start(page, admin)
        # Locked once in moderation (its task unlocks what others locked).
        Page.objects.filter(pk=page.pk).update(
            locked=True, locked_by=admin, locked_at=timezone.now()
        )
        Redirect.objects.create(old_path=f"/vjeter-{n}", redirect_link=hostile)


ADMIN_EXPORTS = [
    "wagtailadmin_reports:site_history",
    "wagtailadmin_reports:aging_pages",
    "wagtailadmin_reports:locked_pages",
    "wagtailadmin_reports:workflow",
    "wagtailadmin_reports:workflow_tasks",
    "wagtailredirects:index",
]


@pytest.mark.parametrize("name", ADMIN_EXPORTS)
def test_wagtails_admin_exports_hold_no_formula(client, admin, hostile_admin_records, name):
    client.force_login(admin)

    response = client.get(reverse(name), {"export": "csv"})
    assert response.status_code == 200
    assert_no_formula_in_csv(csv_cells(response))
    response = client.get(reverse(name), {"export": "xlsx"})
    assert response.status_code == 200
    assert_no_formula_in_xlsx(xlsx_cells(response))


# The scorecards' downloads, releases and open data -----------------------------


@pytest.fixture
def network(election):
    """A municipality per hostile name, each with a monitored priority, so
    titled, assessed and answered by the municipality in hostile words."""
    as_of = datetime.date(2020, 12, 31)
    for n, hostile in enumerate(HOSTILE):
        municipality = MunicipalityFactory(name=hostile, slug=f"bashkia-{n}")
        contract = FinalisedContractFactory(municipality=municipality, election=election)
        priority = MonitoredPriorityFactory(contract=contract, title=hostile)
        assessment = AssessmentFactory(priority=priority, as_of=as_of, status="partially")
        respondent = Respondent.objects.create(municipality=municipality, email=f"z{n}@e.org")
        Reply.objects.create(assessment=assessment, respondent=respondent, text=hostile)
    return as_of


@pytest.fixture
def election():
    return ElectionFactory(name="Zgjedhjet vendore 2019", date=datetime.date(2019, 6, 30))


def test_the_network_scorecard_holds_no_formula(client, network, election):
    with translation.override("sq"):
        csv_url = reverse("scorecards_download_network", kwargs={"fmt": "csv"})
        xlsx_url = reverse("scorecards_download_network", kwargs={"fmt": "xlsx"})
    query = {"election": election.pk, "as_of": network.isoformat()}

    assert_no_formula_in_csv(csv_cells(client.get(csv_url, query)))
    cells = xlsx_cells(client.get(xlsx_url, query))
    assert_no_formula_in_xlsx(cells)
    assert 1 in [cell.value for cell in cells], "numbers stay numbers"


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_municipality_scorecard_with_its_replies_holds_no_formula(client, network, fmt):
    for n, hostile in enumerate(HOSTILE):
        with translation.override("sq"):
            url = reverse(
                "scorecards_download_municipality", kwargs={"slug": f"bashkia-{n}", "fmt": fmt}
            )
        response = client.get(url)
        if fmt == "csv":
            cells = csv_cells(response)
            assert_no_formula_in_csv(cells, [hostile])
            assert cells.count("'" + hostile) == 2, "the title and the reply"
        else:
            cells = xlsx_cells(response)
            assert_no_formula_in_xlsx(cells, [hostile])


@pytest.fixture
def release(home, network, election):
    index = ScorecardIndexPage(title="Kartat e vlerësimit", slug="kartat")
    home.add_child(instance=index)
    create_aliases_for_new_page(index)
    editor = UserFactory(verified=True, groups=["Editors"])
    Release.objects.freeze(editor, election, network, {"sq": "Botimi", "en": "Release"}, "b1")
    return f"{index.url}releases/b1/"


@pytest.mark.parametrize("table", ["priorities", "figures"])
def test_a_release_holds_no_formula(client, release, table):
    assert_no_formula_in_csv(csv_cells(client.get(f"{release}csv/", {"table": table})))
    assert_no_formula_in_xlsx(xlsx_cells(client.get(f"{release}xlsx/", {"table": table})))


def test_the_open_data_archive_holds_no_formula(client, network, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    build_archive()
    archive = OpenDataArchive.objects.current()
    with default_storage.open(archive.file, "rb") as file:
        zipped = zipfile.ZipFile(io.BytesIO(file.read()))

    cells = []
    for name in zipped.namelist():
        if name.endswith(".csv"):
            text = zipped.read(name).decode("utf-8-sig")
            cells += [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]
    assert_no_formula_in_csv(cells)
