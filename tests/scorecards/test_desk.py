"""The editors' side of monitoring: publishing a round first shows what
changes on the public scorecard (each priority and the municipality's
figures, before → after) and publishes only once confirmed; a monitor's
saved round tells the editors in one e-mail; the assessments listing shows
and filters municipality, contract, status, date and state."""

import datetime

import pytest

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from wagtail.models import ModelLogEntry

from scorecards.models import Assessment, Status

from ..accounts.factories import UserFactory
from ..cms_pages.factories import MunicipalityFactory
from ..markup import soup, text
from .factories import AssessmentFactory, FinalisedContractFactory, MonitoredPriorityFactory

pytestmark = pytest.mark.django_db

ROUND = "scorecards_round"
PUBLISH = "scorecards_publish_round"
LIST = "wagtailsnippets_scorecards_assessment:list"
AS_OF = datetime.date(2021, 12, 31)


@pytest.fixture
def contract(municipality):
    return FinalisedContractFactory(municipality=municipality)


@pytest.fixture
def fier_contract():
    return FinalisedContractFactory(municipality=MunicipalityFactory(name="Fier", slug="fier"))


@pytest.fixture
def priorities(contract):
    return MonitoredPriorityFactory.create_batch(3, contract=contract)


@pytest.fixture
def editor():
    return UserFactory(verified=True, groups=["Editors"], email="redaktore@example.org")


@pytest.fixture
def monitor(contract):
    return UserFactory(
        verified=True,
        groups=["Monitors"],
        staff_municipality=contract.municipality,
        display_name="Monitoruesi",
    )


@pytest.fixture
def round_2021(priorities, monitor):
    """Published: the first priority partially (2020). Drafts of the 2021
    round: the first fully, the second not addressed."""
    AssessmentFactory(priority=priorities[0], as_of=datetime.date(2020, 12, 31))
    AssessmentFactory(
        priority=priorities[0], as_of=AS_OF, status=Status.FULLY, published_at=None, author=monitor
    )
    AssessmentFactory(
        priority=priorities[1], as_of=AS_OF, status=Status.NOT, published_at=None, author=monitor
    )


def preview_rows(response):
    return [
        [cell.get_text(" ", strip=True) for cell in row.select("th, td")]
        for row in soup(response).select("tr.scorecards-preview__row")
    ]


def figure_rows(response):
    return [
        [cell.get_text(" ", strip=True) for cell in row.select("th, td")]
        for row in soup(response).select("tr.scorecards-preview__figure")
    ]


def round_query(contract):
    return {"contract": contract.pk, "as_of": AS_OF.isoformat()}


def test_the_round_page_leads_to_the_preview_not_to_publication(
    client, editor, contract, round_2021
):
    client.force_login(editor)
    page = soup(client.get(reverse(ROUND), round_query(contract)))
    button = page.find("button", string=lambda s: s and "Publikoni 2 drafte" in s)
    assert button.find_parent("form")["method"] == "get"
    assert not Assessment.objects.filter(as_of=AS_OF).published().exists()


def test_the_preview_shows_before_and_after_and_publishes_nothing(
    client, editor, contract, priorities, round_2021
):
    client.force_login(editor)
    response = client.get(reverse(PUBLISH), round_query(contract))
    assert response.status_code == 200
    assert preview_rows(response) == [
        [priorities[0].title, "Pjesërisht i adresuar", "Plotësisht i adresuar"],
        [priorities[1].title, "Ende i pavlerësuar", "I paadresuar"],
        [priorities[2].title, "Ende i pavlerësuar", "Ende i pavlerësuar (pa ndryshim)"],
    ]
    assert figure_rows(response) == [
        ["Plotësisht i adresuar", "0 (0,0%)", "1 (33,4%)"],
        ["Pjesërisht i adresuar", "1 (33,3%)", "0 (0,0%)"],
        ["I paadresuar", "0 (0,0%)", "1 (33,3%)"],
        ["Ende i pavlerësuar", "2 (66,7%)", "1 (33,3%)"],
        ["I adresuar (plotësisht ose pjesërisht)", "33,3%", "33,4%"],
        ["Rezultati", "50,0", "50,0"],
    ]
    assert "Asgjë nuk publikohet derisa ta konfirmoni." in text(response)
    assert "Konfirmoni: publikoni 2 vlerësime" in text(response)
    # Neither looking nor posting without the confirmation publishes.
    client.post(reverse(PUBLISH), round_query(contract))
    assert Assessment.objects.published().count() == 1
    assert not ModelLogEntry.objects.filter(action="scorecards.assessment.publish").exists()


def test_confirming_publishes_and_logs_as_today(client, editor, contract, priorities, round_2021):
    client.force_login(editor)
    response = client.post(reverse(PUBLISH), {**round_query(contract), "confirm": "yes"})
    assert response.status_code == 302
    published = Assessment.objects.published().filter(as_of=AS_OF)
    assert {a.priority_id for a in published} == {priorities[0].pk, priorities[1].pk}
    entries = ModelLogEntry.objects.filter(action="scorecards.assessment.publish")
    assert entries.count() == 2
    today = timezone.localdate()
    assert {timezone.localdate(e.timestamp) for e in entries} == {today}
    assert {timezone.localdate(a.published_at) for a in published} == {today}
    # The public status now is the round's.
    statuses = Assessment.objects.status_on(
        type(priorities[0]).objects.filter(pk__in=[p.pk for p in priorities])
    )
    assert statuses[priorities[0].pk].status == Status.FULLY


def test_an_older_round_changes_nothing(contract, priorities):
    AssessmentFactory(priority=priorities[0], as_of=datetime.date(2022, 6, 30), status=Status.NOT)
    AssessmentFactory(priority=priorities[0], as_of=AS_OF, status=Status.FULLY, published_at=None)
    rows, before, after = Assessment.objects.publication_preview(contract, AS_OF)
    assert [(r["before"], r["after"], r["changes"]) for r in rows][0] == (
        Status.NOT,
        Status.NOT,
        False,
    )
    assert before == after


def test_a_monitor_cannot_see_the_preview(client, monitor, contract, round_2021):
    client.force_login(monitor)
    assert client.get(reverse(PUBLISH), round_query(contract)).status_code == 403


def test_a_monitors_saved_round_tells_the_editors_once(
    client, monitor, editor, contract, priorities
):
    other_editor = UserFactory(verified=True, groups=["Editors"], email="tjeter@example.org")
    client.force_login(monitor)
    data = {"contract": contract.pk, "as_of": AS_OF.isoformat()}
    for priority, status in zip(priorities, ["fully", "not", "partially"], strict=True):
        data[f"p{priority.pk}-status"] = status
        data[f"p{priority.pk}-evidence"] = "U pa në terren."
        data[f"p{priority.pk}-source_url"] = ""
    response = client.post(reverse(ROUND), data)
    assert response.status_code == 302
    assert Assessment.objects.drafts().count() == 3
    assert sorted(m.to[0] for m in mail.outbox) == sorted([editor.email, other_editor.email])
    message = mail.outbox[0]
    assert message.subject == f"3 vlerësime draft për t'u publikuar: {contract}"
    for priority in priorities:
        assert priority.title in message.body
    assert "Monitoruesi" in message.body
    assert f"{reverse(ROUND)}?contract={contract.pk}&as_of=2021-12-31" in message.body


def test_an_editors_own_round_sends_no_mail(client, editor, contract, priorities):
    client.force_login(editor)
    data = {"contract": contract.pk, "as_of": AS_OF.isoformat()}
    data[f"p{priorities[0].pk}-status"] = "fully"
    data[f"p{priorities[0].pk}-evidence"] = "Përfunduar."
    assert client.post(reverse(ROUND), data).status_code == 302
    assert mail.outbox == []


def listing_rows(response):
    return [
        [cell.get_text(" ", strip=True) for cell in row.select("td")]
        for row in soup(response).select("table.listing tbody tr")
    ]


def test_the_listing_shows_and_filters_every_column(client, editor, contract, fier_contract):
    published = AssessmentFactory(
        priority=MonitoredPriorityFactory(contract=contract, title="Ujësjellësi")
    )
    draft = AssessmentFactory(
        priority=MonitoredPriorityFactory(contract=fier_contract, title="Shkolla"),
        as_of=AS_OF,
        status=Status.NOT,
        published_at=None,
    )
    client.force_login(editor)
    rows = listing_rows(client.get(reverse(LIST)))
    assert len(rows) == 2
    joined = [" | ".join(row) for row in rows]
    assert any(
        "Durrës" in row and str(contract) in row and "Pjesërisht i adresuar" in row
        for row in joined
    )
    assert any("Fier" in row and "I paadresuar" in row and "Në hartim" in row for row in joined)

    def listed(**query):
        return [a.pk for a in client.get(reverse(LIST), query).context["object_list"]]

    assert listed(municipality=contract.municipality.pk) == [published.pk]
    assert listed(contract=fier_contract.pk) == [draft.pk]
    assert listed(status=Status.NOT) == [draft.pk]
    assert listed(as_of_from="2021-01-01", as_of_to="2021-12-31") == [draft.pk]
    assert listed(published="false") == [draft.pk]
    assert listed(published="true") == [published.pk]
