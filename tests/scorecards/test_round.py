"""Assessment rounds in the Wagtail admin: a monitor records the status of
every priority of their own municipality's contract on one screen (drafts,
rows left empty skipped, errors per row with nothing typed lost; another
municipality refused with 403); an editor publishes the round in one action,
logged per assessment."""

import datetime

import pytest

from django.urls import reverse
from django.utils import timezone, translation

from wagtail.models import ModelLogEntry

from scorecards import rules
from scorecards.models import Assessment, RoundRefused, Status

from ..accounts.factories import UserFactory
from ..markup import soup
from .factories import AssessmentFactory, FinalisedContractFactory, MonitoredPriorityFactory

pytestmark = pytest.mark.django_db

ROUND = "scorecards_round"
PUBLISH = "scorecards_publish_round"
LIST = "wagtailsnippets_scorecards_assessment:list"
AS_OF = "2021-12-31"


@pytest.fixture
def contract():
    return FinalisedContractFactory()


@pytest.fixture
def priorities(contract):
    return MonitoredPriorityFactory.create_batch(3, contract=contract)


@pytest.fixture
def other_contract():
    return FinalisedContractFactory()


@pytest.fixture
def monitor(contract):
    return UserFactory(verified=True, groups=["Monitors"], staff_municipality=contract.municipality)


@pytest.fixture
def editor():
    return UserFactory(verified=True, groups=["Editors"])


def round_data(contract, rows, as_of=AS_OF):
    data = {"contract": contract.pk, "as_of": as_of}
    for priority, (status, evidence, url) in rows.items():
        data[f"p{priority.pk}-status"] = status
        data[f"p{priority.pk}-evidence"] = evidence
        data[f"p{priority.pk}-source_url"] = url
    return data


def test_monitor_sees_one_row_per_priority_with_its_published_status(
    client, monitor, contract, priorities, other_contract
):
    AssessmentFactory(priority=priorities[0], as_of=datetime.date(2020, 12, 31), status="not")
    client.force_login(monitor)
    response = client.get(reverse(ROUND))
    assert response.status_code == 200
    assert list(response.context["choice"].fields["contract"].queryset) == [contract]
    response = client.get(reverse(ROUND), {"contract": contract.pk, "as_of": AS_OF})
    rows = response.context["rows"]
    assert [row["priority"] for row in rows] == priorities
    assert rows[0]["published"].status == Status.NOT
    assert rows[1]["published"] is None
    html = response.content.decode()
    assert "I paadresuar" in html
    assert priorities[2].title in html


def test_monitor_records_a_round_as_drafts_skipping_empty_rows(
    client, monitor, contract, priorities
):
    client.force_login(monitor)
    data = round_data(
        contract,
        {
            priorities[0]: ("fully", "Works finished.\nSeen on site.", "https://example.org/a"),
            priorities[1]: ("not", "No decision yet.", ""),
            priorities[2]: ("", "", ""),
        },
    )
    response = client.post(reverse(ROUND), data)
    assert response.status_code == 302
    drafts = {a.priority_id: a for a in Assessment.objects.all()}
    assert set(drafts) == {priorities[0].pk, priorities[1].pk}
    first = drafts[priorities[0].pk]
    assert first.status == Status.FULLY
    assert first.as_of == datetime.date(2021, 12, 31)
    assert first.author == monitor
    assert not first.is_published
    assert first.evidence == "<p>Works finished.<br>Seen on site.</p>"
    assert [(s.title, s.url) for s in first.sources.all()] == [
        ("example.org", "https://example.org/a")
    ]
    assert not drafts[priorities[1].pk].sources.exists()
    assert not Assessment.objects.published().exists()
    entries = ModelLogEntry.objects.filter(action="wagtail.create", user=monitor)
    assert sorted(int(e.object_id) for e in entries) == sorted(a.pk for a in drafts.values())
    # The round's drafts are listed, without a publish button for the monitor.
    page = client.get(response.url)
    assert len(page.context["drafts"]) == 2
    assert reverse(PUBLISH).encode() not in page.content


def test_errors_are_shown_per_row_and_nothing_typed_is_lost(client, monitor, contract, priorities):
    client.force_login(monitor)
    data = round_data(
        contract,
        {
            priorities[0]: ("fully", "Works finished.", "https://example.org/a"),
            priorities[1]: ("", "Typed evidence without a status", "not a link"),
            priorities[2]: ("partially", "", ""),
        },
    )
    response = client.post(reverse(ROUND), data)
    assert response.status_code == 200
    assert not Assessment.objects.exists()
    forms = {row["priority"].pk: row["form"] for row in response.context["rows"]}
    assert not forms[priorities[0].pk].errors
    assert set(forms[priorities[1].pk].errors) == {"status", "source_url"}
    assert set(forms[priorities[2].pk].errors) == {"evidence"}
    html = response.content.decode()
    assert "Typed evidence without a status" in html
    assert 'value="not a link"' in html
    assert "Zgjidhni një status ose zbrazeni rreshtin për ta kapërcyer." in html
    assert "Disa rreshta duhen korrigjuar: asgjë nuk u ruajt." in html


def test_an_empty_round_saves_nothing(client, monitor, contract, priorities):
    client.force_login(monitor)
    response = client.post(reverse(ROUND), round_data(contract, {}))
    assert response.status_code == 200
    assert "Plotësoni të paktën një prioritet" in response.content.decode()
    assert not Assessment.objects.exists()


def test_a_future_date_is_refused(client, monitor, contract, priorities):
    client.force_login(monitor)
    future = (timezone.localdate() + datetime.timedelta(days=2)).isoformat()
    data = round_data(contract, {priorities[0]: ("fully", "Done.", "")}, as_of=future)
    response = client.post(reverse(ROUND), data)
    assert response.status_code == 200
    assert "as_of" in response.context["choice"].errors
    assert not Assessment.objects.exists()


def test_monitor_is_refused_another_municipalitys_round(client, monitor, other_contract):
    other = MonitoredPriorityFactory(contract=other_contract)
    client.force_login(monitor)
    data = round_data(other_contract, {other: ("fully", "Done.", "")})
    assert client.post(reverse(ROUND), data).status_code == 403
    assert client.get(reverse(ROUND), data).status_code == 403
    assert not Assessment.objects.exists()


@pytest.mark.parametrize(
    "make_user",
    [
        lambda contract: UserFactory(verified=True, groups=["Monitors"]),  # no municipality
        lambda contract: UserFactory(verified=True),  # a citizen
    ],
    ids=["monitor-without-municipality", "citizen"],
)
def test_others_cannot_record_rounds(client, contract, priorities, make_user):
    client.force_login(make_user(contract))
    response = client.post(
        reverse(ROUND), round_data(contract, {priorities[0]: ("fully", "Done.", "")})
    )
    assert response.status_code in (302, 403)
    assert not Assessment.objects.exists()


def test_editor_reviews_and_publishes_the_round(client, monitor, editor, contract, priorities):
    for priority in priorities[:2]:
        AssessmentFactory(
            priority=priority, as_of=datetime.date(2021, 12, 31), published_at=None, author=monitor
        )
    other_round = AssessmentFactory(
        priority=priorities[2], as_of=datetime.date(2020, 12, 31), published_at=None
    )
    client.force_login(editor)
    page = client.get(reverse(ROUND), {"contract": contract.pk, "as_of": AS_OF})
    assert "Publikoni 2 drafte" in page.content.decode()
    response = client.post(
        reverse(PUBLISH), {"contract": contract.pk, "as_of": AS_OF, "confirm": "yes"}
    )
    assert response.status_code == 302
    published = Assessment.objects.published()
    assert {a.priority_id for a in published} == {priorities[0].pk, priorities[1].pk}
    assert {a.published_by for a in published} == {editor}
    other_round.refresh_from_db()
    assert not other_round.is_published
    entries = ModelLogEntry.objects.filter(action="scorecards.assessment.publish")
    assert sorted(int(e.object_id) for e in entries) == sorted(a.pk for a in published)
    assert {e.user for e in entries} == {editor}


def test_monitor_cannot_publish_a_round(client, monitor, contract, priorities):
    AssessmentFactory(priority=priorities[0], as_of=datetime.date(2021, 12, 31), published_at=None)
    client.force_login(monitor)
    response = client.post(
        reverse(PUBLISH), {"contract": contract.pk, "as_of": AS_OF, "confirm": "yes"}
    )
    assert response.status_code == 403
    assert not Assessment.objects.published().exists()


def test_round_rules_for_every_role(monitor, editor, contract, other_contract):
    citizen = UserFactory(verified=True)
    lost = UserFactory(verified=True, groups=["Monitors"])
    assert rules.can_enter_round(monitor, contract)
    assert rules.can_enter_round(monitor, other_contract).reason == "not_own"
    assert rules.can_enter_round(editor, other_contract)
    assert not rules.can_enter_round(citizen, contract)
    assert not rules.can_enter_round(lost, contract)
    assert rules.can_publish_round(editor)
    for user in (monitor, citizen, lost):
        assert rules.can_publish_round(user).reason == "not_editor"


# The writes themselves, called directly (the view above only turns their
# refusals into messages).


def row(status="fully", evidence="Works finished.", source_url=""):
    return {"status": status, "evidence": evidence, "source_url": source_url}


def test_draft_round_records_drafts_with_sources_each_logged(monitor, contract, priorities):
    as_of = datetime.date(2021, 12, 31)
    drafts = Assessment.objects.draft_round(
        monitor,
        contract,
        as_of,
        [
            (priorities[0], row(evidence=" Seen <b>on</b> site.\n", source_url="https://a.org/x")),
            (priorities[2], row(status="not", evidence="No decision.")),
        ],
    )
    assert [d.priority for d in drafts] == [priorities[0], priorities[2]]
    assert all(not d.is_published and d.author == monitor and d.as_of == as_of for d in drafts)
    assert drafts[0].evidence == "<p>Seen &lt;b&gt;on&lt;/b&gt; site.</p>"
    assert [(s.title, s.url) for s in drafts[0].sources.all()] == [("a.org", "https://a.org/x")]
    assert not drafts[1].sources.exists()
    logged = ModelLogEntry.objects.filter(action="wagtail.create", user=monitor)
    assert sorted(int(e.object_id) for e in logged) == sorted(d.pk for d in drafts)
    assert set(Assessment.objects.drafts().of_round(contract, as_of)) == set(drafts)


def test_draft_round_refuses_an_empty_round(monitor, contract, priorities):
    with translation.override("en"), pytest.raises(RoundRefused) as refused:
        Assessment.objects.draft_round(monitor, contract, datetime.date(2021, 12, 31), [])
    assert refused.value.message == "Fill in at least one priority, or go back."
    assert not Assessment.objects.exists()


def test_draft_round_refuses_a_date_that_has_not_come(monitor, contract, priorities):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with translation.override("en"), pytest.raises(RoundRefused) as refused:
        Assessment.objects.draft_round(monitor, contract, tomorrow, [(priorities[0], row())])
    assert refused.value.message == "An assessment describes a date that has come."
    assert not Assessment.objects.exists()


def test_draft_round_is_all_or_nothing_and_only_for_the_contracts_priorities(
    monitor, contract, priorities, other_contract
):
    other = MonitoredPriorityFactory(contract=other_contract)
    as_of = datetime.date(2021, 12, 31)
    for rows in (
        [(priorities[0], row()), (other, row())],  # another contract's priority
        [(priorities[0], row()), (priorities[0], row())],  # the same priority twice
    ):
        with pytest.raises(ValueError):
            Assessment.objects.draft_round(monitor, contract, as_of, rows)
    assert not Assessment.objects.exists()
    with pytest.raises(KeyError):  # a row without a status: nothing kept
        Assessment.objects.draft_round(
            monitor, contract, as_of, [(priorities[0], row()), (priorities[1], {"evidence": "x"})]
        )
    assert not Assessment.objects.exists()
    assert not ModelLogEntry.objects.filter(action="wagtail.create").exists()


def test_publish_round_publishes_only_that_rounds_drafts_each_logged(editor, contract, priorities):
    as_of = datetime.date(2021, 12, 31)
    drafts = [AssessmentFactory(priority=p, as_of=as_of, published_at=None) for p in priorities[:2]]
    other_date = AssessmentFactory(
        priority=priorities[2], as_of=as_of.replace(year=2020), published_at=None
    )
    published = Assessment.objects.publish_round(editor, contract, as_of)
    assert {a.pk for a in published} == {d.pk for d in drafts}
    assert {a.published_by for a in Assessment.objects.published()} == {editor}
    other_date.refresh_from_db()
    assert not other_date.is_published
    entries = ModelLogEntry.objects.filter(action="scorecards.assessment.publish", user=editor)
    assert sorted(int(e.object_id) for e in entries) == sorted(d.pk for d in drafts)
    assert Assessment.objects.publish_round(editor, contract, as_of) == []  # nothing left


def test_the_drafts_list_shows_evidence_as_text_escaped_once(client, monitor, contract, priorities):
    client.force_login(monitor)
    evidence = "Found <script>alert(1)</script> & fixed"
    client.post(reverse(ROUND), round_data(contract, {priorities[0]: ("fully", evidence, "")}))
    html = client.get(reverse(ROUND), {"contract": contract.pk, "as_of": AS_OF}).content.decode()
    # Read as a browser reads it: the text says <script>, once, and runs nothing.
    assert "Found &lt;script&gt;alert(1)&lt;/script&gt; &amp; fixed" in html
    assert "&amp;lt;" not in html
    assert "<script>alert(1)" not in html


def test_a_draft_in_the_listing_is_published_with_its_round_after_the_preview(
    client, monitor, editor, contract, priorities
):
    """The listing's per-row action leads to the round's preview: what
    changes on the public scorecard, then the confirmation; nothing is
    published on the way."""
    draft = AssessmentFactory(
        priority=priorities[0], as_of=datetime.date(2021, 12, 31), published_at=None
    )
    sibling = AssessmentFactory(
        priority=priorities[1], as_of=datetime.date(2021, 12, 31), published_at=None
    )
    client.force_login(editor)
    listing = soup(client.get(reverse(LIST)))
    links = listing.find_all("a", string=lambda text: text and "Shqyrtoni dhe publikoni" in text)
    # One per draft, both to the preview of their round; no form publishes from here.
    assert {link["href"] for link in links} == {
        f"{reverse(PUBLISH)}?contract={contract.pk}&as_of={AS_OF}"
    }
    assert len(links) == 2
    assert not listing.select("td form")

    preview = client.get(links[0]["href"])
    assert preview.status_code == 200
    assert "Asgjë nuk publikohet derisa ta konfirmoni" in preview.content.decode()
    assert not Assessment.objects.published().exists()

    response = client.post(
        reverse(PUBLISH), {"contract": contract.pk, "as_of": AS_OF, "confirm": "yes"}
    )
    assert response.status_code == 302
    assert {a.pk for a in Assessment.objects.published()} == {draft.pk, sibling.pk}
    entries = ModelLogEntry.objects.filter(action="scorecards.assessment.publish")
    assert sorted(int(e.object_id) for e in entries) == sorted([draft.pk, sibling.pk])
    assert reverse(PUBLISH).encode() not in client.get(reverse(LIST)).content


def test_publishing_a_round_is_only_a_confirmed_post(client, editor, contract, priorities):
    AssessmentFactory(priority=priorities[0], as_of=datetime.date(2021, 12, 31), published_at=None)
    client.force_login(editor)
    url = f"{reverse(PUBLISH)}?contract={contract.pk}&as_of={AS_OF}&confirm=yes"
    assert client.get(url).status_code == 200  # a GET only shows the preview
    assert (
        client.post(reverse(PUBLISH), {"contract": contract.pk, "as_of": AS_OF}).status_code == 200
    )
    assert not Assessment.objects.published().exists()
