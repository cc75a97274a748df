"""The municipality's right of reply: who may reply to which assessment and
when (every role × state), the reply form's refusals keeping what was typed,
the reply beside the assessment on the scorecard page, in the API and in the
exports (hostile input inert), hiding by editors, and the query budget."""

import datetime
import io
import json

import pytest
from openpyxl import load_workbook

from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wagtail.models import ModelLogEntry

from forums.models import Refused
from scorecards import rules
from scorecards.models import Reply, Respondent
from scorecards.wagtail_hooks import priority_section

from ..accounts.factories import UserFactory
from ..cms_pages.factories import MunicipalityFactory
from .factories import AssessmentFactory, MonitoredPriorityFactory

pytestmark = pytest.mark.django_db

D = datetime.date
HOSTILE = [
    '<script>alert("x")</script>',
    "<img src=x onerror=alert(1)>",
    '=HYPERLINK("http://evil.example","Kliko")',
    "+1+1",
    "@SUM(A1)",
]


def make_respondent(municipality, email="zyra@durres.gov.al", revoked=False):
    user = UserFactory(email=email, verified=True)
    now = timezone.now()
    return Respondent.objects.create(
        municipality=municipality,
        email=email,
        user=user,
        claimed_at=now,
        revoked_at=now if revoked else None,
    )


@pytest.fixture
def respondent(municipality):
    return make_respondent(municipality)


@pytest.fixture
def assessment(contract):
    priority = MonitoredPriorityFactory(contract=contract, title="Ujë i pijshëm")
    return AssessmentFactory(
        priority=priority,
        as_of=D(2020, 12, 31),
        published_at=timezone.now() - datetime.timedelta(days=2),
    )


@pytest.fixture
def page(make_scorecard_page, municipality, en):
    return make_scorecard_page(municipality).get_translation(en)


def reply_url(page, assessment):
    return page.url + page.reverse_subpage("reply", args=[assessment.pk])


# Rules: every role × state ---------------------------------------------------

ROLES = ["anonymous", "citizen", "monitor", "editor", "respondent", "other", "revoked"]
STATES = ["draft", "within", "late"]
EXPECTED = {
    "anonymous": "anonymous",
    "citizen": "not_respondent",
    "monitor": "not_respondent",
    "editor": "not_respondent",
    "other": "other_municipality",
    "revoked": "revoked",
}


def user_in_role(role, municipality):
    if role == "anonymous":
        return AnonymousUser()
    if role == "citizen":
        return UserFactory(verified=True, municipality=municipality)
    if role == "monitor":
        return UserFactory(verified=True, groups=["Monitors"], staff_municipality=municipality)
    if role == "editor":
        return UserFactory(verified=True, groups=["Editors"])
    if role == "other":
        return make_respondent(MunicipalityFactory(), email="zyra@tirana.gov.al").user
    return make_respondent(municipality, revoked=role == "revoked").user


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_who_may_reply_to_which_assessment_and_when(role, state, contract, municipality):
    now = timezone.now()
    published_at = {
        "draft": None,
        "within": now - datetime.timedelta(days=29),
        "late": now - datetime.timedelta(days=31),
    }[state]
    assessment = AssessmentFactory(
        priority=MonitoredPriorityFactory(contract=contract), published_at=published_at
    )
    user = user_in_role(role, municipality)
    decision = rules.can_reply(user, assessment, now)
    if role == "respondent":
        expected = {"draft": "not_published", "within": "", "late": "late"}[state]
    else:
        expected = EXPECTED[role]
    assert bool(decision) == (expected == "")
    assert decision.reason == expected
    if expected:
        assert decision.message


def test_post_refuses_a_second_reply(respondent, assessment):
    Reply.objects.post(respondent.user, assessment, "Po punojmë.")
    with pytest.raises(Refused) as refused:
        Reply.objects.post(respondent.user, assessment, "Edhe një herë.")
    assert refused.value.reason == "replied"
    assert Reply.objects.get().text == "Po punojmë."
    assert ModelLogEntry.objects.filter(action="scorecards.reply.post").count() == 1


# The reply form ------------------------------------------------------------------


def test_respondent_replies_and_the_reply_shows_beside_the_assessment(
    client, page, respondent, assessment
):
    client.force_login(respondent.user)
    scorecard = client.get(page.url).text
    assert reply_url(page, assessment) in scorecard  # the respondent sees the way to reply
    response = client.get(reply_url(page, assessment))
    assert response.status_code == 200
    assert "Ujë i pijshëm" in response.text
    pdf = SimpleUploadedFile("vendimi.pdf", b"%PDF-1.4 vendimi", content_type="application/pdf")
    response = client.post(
        reply_url(page, assessment), {"text": "Ujësjellësi u financua në 2021.", "documents": pdf}
    )
    assert response.status_code == 302
    reply = Reply.objects.get(assessment=assessment)
    assert reply.respondent == respondent
    assert reply.documents.get().name.startswith("vendimi")
    client.logout()
    html = client.get(page.url).text
    assert "The municipality's reply" in html
    assert "Ujësjellësi u financua në 2021." in html
    assert reply.documents.get().file.url in html
    assert reply_url(page, assessment) not in html


def test_with_the_page_cache_on_only_the_respondent_sees_the_way_to_reply_until_revoked(
    client, page, respondent, assessment, settings
):
    """Who replies for the municipality is kept with the page's contracts
    (one read for every reader): a reader is told apart without a query,
    and revoking the role retires what was kept."""
    settings.POP_PAGE_CACHE_SECONDS = 300
    citizen = UserFactory(verified=True)
    for _ in range(2):  # the second time from what was kept
        client.force_login(respondent.user)
        assert reply_url(page, assessment) in client.get(page.url).text
        client.force_login(citizen)
        assert reply_url(page, assessment) not in client.get(page.url).text
    respondent.revoke(None)
    client.force_login(respondent.user)
    assert reply_url(page, assessment) not in client.get(page.url).text


@pytest.mark.parametrize("case", ["second", "late", "other", "citizen", "revoked"])
def test_refusals_say_why_and_keep_the_typed_text(
    case, client, page, respondent, assessment, municipality
):
    user = respondent.user
    message = ""
    if case == "second":
        Reply.objects.post(user, assessment, "E para.")
        message = "has already replied to this assessment"
    elif case == "late":
        assessment.published_at = timezone.now() - datetime.timedelta(days=31)
        assessment.save()
        message = "The time to reply ended on"
    elif case == "other":
        user = make_respondent(MunicipalityFactory(), email="zyra@tirana.gov.al").user
        message = "only to the assessments of your own municipality"
    elif case == "citizen":
        user = UserFactory(verified=True)
        message = "Only the mayor&#x27;s office, invited by the network"
    else:
        respondent.revoke(None)
        message = "no longer replies for this municipality"
    client.force_login(user)
    typed = "Përgjigjja që shkruam me kujdes."
    response = client.post(reply_url(page, assessment), {"text": typed})
    assert response.status_code == 403
    assert message in response.text
    assert typed in response.text  # nothing typed is lost
    assert Reply.objects.filter(text=typed).count() == 0


def test_anonymous_visitor_is_asked_to_sign_in_and_cannot_post(client, page, assessment):
    response = client.get(reply_url(page, assessment))
    assert response.status_code == 200
    assert reverse("account_login") in response.text
    assert client.post(reply_url(page, assessment), {"text": "x"}).status_code == 403
    assert not Reply.objects.exists()


def test_drafts_and_other_municipalities_assessments_have_no_reply_form(
    client, page, respondent, contract
):
    client.force_login(respondent.user)
    draft = AssessmentFactory(
        priority=MonitoredPriorityFactory(contract=contract), published_at=None
    )
    assert client.get(reply_url(page, draft)).status_code == 404
    elsewhere = AssessmentFactory()
    assert client.get(reply_url(page, elsewhere)).status_code == 404


def test_too_long_text_and_bad_documents_are_refused_with_the_text_kept(
    client, page, respondent, assessment
):
    client.force_login(respondent.user)
    long_text = "a" * 2001
    response = client.post(reply_url(page, assessment), {"text": long_text})
    assert response.status_code == 400
    assert "at most 2000 characters" in response.text
    exe = SimpleUploadedFile("vendimi.exe", b"MZ", content_type="application/octet-stream")
    response = client.post(reply_url(page, assessment), {"text": "Mirë.", "documents": exe})
    assert response.status_code == 400
    assert "File extension “exe” is not allowed" in response.text
    assert "Mirë." in response.text
    assert not Reply.objects.exists()


# After 30 days, hidden replies -------------------------------------------------------


def test_no_reply_after_thirty_days_is_said(client, page, contract):
    now = timezone.now()
    for days, title in ((31, "E vjetër"), (3, "E re")):
        AssessmentFactory(
            priority=MonitoredPriorityFactory(contract=contract, title=title),
            published_at=now - datetime.timedelta(days=days),
        )
    html = client.get(page.url).text
    assert html.count("No reply from the municipality.") == 1


def test_editor_hides_a_reply_with_a_reason_logged_and_shown(client, page, respondent, assessment):
    reply = Reply.objects.post(respondent.user, assessment, "Tekst fyes.")
    editor = UserFactory(verified=True, groups=["Editors"])
    client.force_login(editor)
    url = reverse("scorecards_reply_hide", args=[reply.pk])
    assert client.post(url, {"reason": ""}).status_code == 200  # a reason is needed
    assert client.post(url, {"reason": "Fyese për një qytetar."}).status_code == 302
    reply.refresh_from_db()
    assert reply.is_hidden and reply.hidden_by == editor
    assert ModelLogEntry.objects.filter(
        action="scorecards.reply.hide", object_id=str(reply.pk), user=editor
    ).exists()
    client.logout()
    html = client.get(page.url).text
    assert "Hidden by the editors: Fyese për një qytetar." in html
    assert "Tekst fyes." not in html
    api = client.get("/api/v1/assessments").json()
    (item,) = [a for a in api["items"] if a["id"] == assessment.pk]
    assert item["reply"]["hidden"] is True
    assert item["reply"]["text"] is None
    assert item["reply"]["hidden_reason"] == "Fyese për një qytetar."


def test_only_editors_hide_and_nobody_edits_a_reply(client, respondent, assessment, municipality):
    reply = Reply.objects.post(respondent.user, assessment, "Përgjigje.")
    monitor = UserFactory(verified=True, groups=["Monitors"], staff_municipality=municipality)
    client.force_login(monitor)
    response = client.post(reverse("scorecards_reply_hide", args=[reply.pk]), {"reason": "x"})
    assert response.status_code in (302, 403)
    reply.refresh_from_db()
    assert not reply.is_hidden
    client.force_login(UserFactory(verified=True, groups=["Editors"]))
    assert client.get(reverse("wagtailsnippets_scorecards_reply:list")).status_code == 200
    edit = client.get(reverse("wagtailsnippets_scorecards_reply:edit", args=[reply.pk]))
    assert edit.status_code in (302, 403)
    assert Reply.objects.get().text == "Përgjigje."


# Hostile input: pages, API, exports ------------------------------------------------


def test_hostile_reply_text_is_inert_on_the_page_the_api_and_the_exports(
    client, page, respondent, contract, municipality
):
    now = timezone.now()
    for n, text in enumerate(HOSTILE):
        assessment = AssessmentFactory(
            priority=MonitoredPriorityFactory(contract=contract, order=n, title=f"P{n}"),
            as_of=D(2021, 12, 31),
            published_at=now,
        )
        Reply.objects.post(respondent.user, assessment, text)
    html = client.get(page.url).text
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    items = client.get("/api/v1/assessments").json()["items"]
    assert sorted(i["reply"]["text"] for i in items) == sorted(HOSTILE)
    assert all("respondent" not in json.dumps(i["reply"]) for i in items)
    assert all("zyra@" not in json.dumps(i) for i in items)  # never who
    path = reverse("scorecards_download_municipality", kwargs={"slug": "durres", "fmt": "csv"})
    csv_text = client.get(path).content.decode("utf-8-sig")
    for text in HOSTILE[2:]:
        assert "'" + text.replace('"', '""') in csv_text or "'" + text in csv_text
    xlsx = client.get(path.replace(".csv", ".xlsx"))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row[6:7]]
    assert sorted(c.value for c in cells) == sorted(HOSTILE)
    assert all(c.data_type == "s" for c in cells)


# The priority page's section ----------------------------------------------------------


def test_priority_section_lists_assessments_with_their_replies(rf, respondent, assessment):
    Reply.objects.post(respondent.user, assessment, "Po e zgjidhim.")
    older = AssessmentFactory(
        priority=assessment.priority,
        as_of=D(2019, 12, 31),
        published_at=timezone.now() - datetime.timedelta(days=40),
    )
    section = priority_section(rf.get("/"), assessment.priority)
    assert section["order"] == 40
    assert section["template"] == "scorecards/replies/priority_section.html"
    shown = section["context"]["assessments"]
    assert [a.pk for a in shown] == [assessment.pk, older.pk]
    assert shown[0].public_reply.text == "Po e zgjidhim."
    assert shown[1].public_reply is None and not shown[1].reply_open


# Query budget -------------------------------------------------------------------------------


def test_scorecard_page_with_replies_costs_the_same_at_two_sizes(
    client, page, respondent, contract, django_assert_max_num_queries
):
    def add(n):
        for priority in MonitoredPriorityFactory.create_batch(n, contract=contract):
            assessment = AssessmentFactory(priority=priority, as_of=D(2020, 12, 31))
            Reply.objects.post(respondent.user, assessment, "Përgjigje.")

    add(1)
    client.get(page.url)
    with CaptureQueriesContext(connection) as small:
        client.get(page.url)
    add(6)
    with CaptureQueriesContext(connection) as large:
        response = client.get(page.url)
    assert response.text.count("The municipality's reply") == 7
    # The page's own budget (28 in English, with council decisions and who
    # replies for the municipality) and one query for the replies' documents.
    assert len(small) == len(large) <= 29
    with django_assert_max_num_queries(len(small)):
        client.get(page.url)
