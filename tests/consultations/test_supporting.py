"""Supporting and withdrawing support, with and without JavaScript, and every
refusal's message."""

import pytest

from django.db import connection
from django.urls import reverse

from consultations.models import Phase, Vote

from ..accounts.factories import UserFactory
from .factories import PriorityFactory, SocialContractFactory, VoteFactory

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}


def support_url(page, priority):
    return f"{page.url}support/{priority.pk}/"


def withdraw_url(page, priority):
    return f"{page.url}withdraw/{priority.pk}/"


def test_support_without_javascript_redirects_back_to_the_priority(
    client, consultation, priorities, citizen
):
    client.force_login(citizen)
    response = client.post(support_url(consultation, priorities[0]))
    assert response.status_code == 302
    assert response["Location"] == f"{consultation.url}#priority-{priorities[0].pk}"
    assert Vote.objects.filter(citizen=citizen, priority=priorities[0]).count() == 1
    page = client.get(response["Location"]).content.decode()
    assert "Mbështet" in page  # the Albanian page the citizen came from
    assert "withdraw/" in page


def test_support_with_javascript_returns_the_new_count(client, consultation, priorities, citizen):
    VoteFactory(priority=priorities[0])
    client.force_login(citizen)
    response = client.post(support_url(consultation, priorities[0]), **JSON)
    data = response.json()
    assert data["ok"] is True
    assert data["count"] == 2
    assert data["supported"] is True
    assert data["supports_used"] == 1
    assert data["max_supports"] == 3


def test_supporting_twice_keeps_one_support(client, consultation, priorities, citizen):
    client.force_login(citizen)
    client.post(support_url(consultation, priorities[0]))
    response = client.post(support_url(consultation, priorities[0]), **JSON)
    assert response.json()["count"] == 1
    assert Vote.objects.filter(citizen=citizen).count() == 1


def test_withdraw(client, consultation, priorities, citizen):
    VoteFactory(priority=priorities[0], citizen=citizen)
    client.force_login(citizen)
    response = client.post(withdraw_url(consultation, priorities[0]), **JSON)
    assert response.json()["supported"] is False
    assert not Vote.objects.filter(citizen=citizen).exists()


def test_get_is_not_allowed(client, consultation, priorities, citizen):
    client.force_login(citizen)
    assert client.get(support_url(consultation, priorities[0])).status_code == 405
    assert not Vote.objects.exists()


def test_translated_priority_cannot_be_supported_directly(
    client, consultation, priorities, citizen, en
):
    translated = priorities[0].copy_for_translation(en)
    translated.save()
    client.force_login(citizen)
    assert client.post(support_url(consultation, translated)).status_code == 404


def test_cap_reached_says_withdraw_one(client, consultation, priorities, citizen):
    client.force_login(citizen)
    for priority in priorities[:3]:
        client.post(support_url(consultation, priority))
    response = client.post(support_url(consultation, priorities[3]), **JSON)
    assert response.status_code == 409
    assert response.json()["reason"] == "cap_reached"
    assert "Tërhiqni" in response.json()["message"]
    assert Vote.objects.filter(citizen=citizen).count() == 3
    # Without JavaScript: a message on the page, back at the priority.
    response = client.post(support_url(consultation, priorities[3]), follow=True)
    assert response.redirect_chain[-1][0].endswith(f"#priority-{priorities[3].pk}")
    messages = [str(m) for m in response.context["messages"]]
    assert "Tërhiqni" in messages[-1]


def test_anonymous_gets_a_sign_in_link_that_comes_back(client, consultation, priorities):
    response = client.post(support_url(consultation, priorities[0]), **JSON)
    assert response.status_code == 403
    data = response.json()
    assert data["reason"] == "anonymous"
    assert data["link_url"].startswith(reverse("account_login"))
    assert "next=" in data["link_url"] and consultation.url.replace("/", "%2F") in data["link_url"]
    html = client.get(consultation.url).content.decode()
    assert 'data-reason="anonymous"' in html
    assert "?next=" in html


def test_unverified_gets_a_resend_link(client, consultation, priorities, municipality):
    client.force_login(UserFactory(municipality=municipality, verified=False))
    data = client.post(support_url(consultation, priorities[0]), **JSON).json()
    assert data["reason"] == "unverified"
    assert data["link_url"] == reverse("account_email")
    assert not Vote.objects.exists()


def test_non_resident_is_told_who_may_take_part(client, consultation, priorities):
    client.force_login(UserFactory(verified=True))
    data = client.post(support_url(consultation, priorities[0]), **JSON).json()
    assert data["reason"] == "not_resident"
    assert "Durrës" in data["message"]


@pytest.mark.parametrize(
    ("phase", "reason", "date_field"),
    [(Phase.UPCOMING, "not_open_yet", "opens_at"), (Phase.CLOSED, "closed", "closes_at")],
)
def test_outside_the_window_says_when(
    client, make_page, municipality, citizen, phase, reason, date_field
):
    from django.utils import formats, timezone, translation

    contract = SocialContractFactory(municipality=municipality, phase=phase)
    priority = PriorityFactory(contract=contract)
    page = make_page(contract)
    client.force_login(citizen)
    data = client.post(support_url(page, priority), **JSON).json()
    assert data["reason"] == reason
    with translation.override("sq"):
        date = formats.date_format(timezone.localtime(getattr(contract, date_field)), "DATE_FORMAT")
    assert date in data["message"]
    assert not Vote.objects.exists()


def test_english_refusal_messages_are_in_english(client, consultation, priorities, en):
    client.force_login(UserFactory(verified=True))
    page_en = consultation.get_translation(en)
    data = client.post(support_url(page_en, priorities[0]), **JSON).json()
    assert data["message"] == "This consultation is open only to residents of Durrës."


def test_supporting_makes_a_small_fixed_number_of_queries(
    client, consultation, priorities, citizen, django_assert_num_queries
):
    client.force_login(citizen)
    client.get(consultation.url)
    with django_assert_num_queries(SUPPORT_QUERIES):
        client.post(support_url(consultation, priorities[0]), **JSON)
    with django_assert_num_queries(SUPPORT_QUERIES):
        client.post(support_url(consultation, priorities[1]), **JSON)


# Wagtail finds the page (site, locale, page path, aliases, restrictions: 9);
# then the priority, session, user (with the e-mail check), the citizen's row
# locked (PostgreSQL; SQLite has one writer at a time and no row locks), the
# insert under the cap, the priority's kept count raised (returning it and
# the citizen's supports), with the transaction's savepoints.
SUPPORT_QUERIES = 17 if connection.vendor == "postgresql" else 16
