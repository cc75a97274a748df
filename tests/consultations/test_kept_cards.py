"""The consultation page with the page cache on (as in production): each
priority's card is kept between requests and shared by everyone who sees the
same variant, while a signed-in citizen still sees their own state (what
they support, their forms with their own CSRF token, their pending comment,
their remove and report links) and anyone's new support or comment shows on
the next load. The warm signed-in page costs the same few queries whatever
the number of priorities and comments."""

import re

import pytest

from django.test import Client

from consultations.states import CommentState

from ..accounts.factories import UserFactory
from ..markup import soup
from .factories import CommentFactory, PriorityFactory, VoteFactory

pytestmark = pytest.mark.django_db

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(autouse=True)
def cache_on(settings):
    settings.POP_PAGE_CACHE_SECONDS = 300


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def card(response, priority):
    return soup(response).select_one(f"#{priority.anchor}")


def count(response, priority):
    return int(card(response, priority).select_one("[data-support-count]").get_text())


def support_button(response, priority):
    return card(response, priority).select_one("[data-support-form] button")


def test_each_citizen_sees_their_own_supports_and_forms(consultation, priorities, citizen):
    other = UserFactory(municipality=citizen.municipality, verified=True)
    VoteFactory(citizen=citizen, priority=priorities[0])
    first, second = signed_in(citizen), signed_in(other)
    for _ in range(2):  # rendered, then kept
        mine = first.get(consultation.url)
        theirs = second.get(consultation.url)
        assert support_button(mine, priorities[0]).get("aria-pressed") == "true"
        assert support_button(mine, priorities[1]).get("aria-pressed") == "false"
        assert support_button(theirs, priorities[0]).get("aria-pressed") == "false"
        assert "kept-card-csrf-token" not in mine.content.decode()
        # Every form of a page carries the token of that page's visitor.
        for response in (mine, theirs):
            tokens = set(CSRF.findall(response.content.decode()))
            assert len(tokens) == 1
            forms = soup(response).select(".priority-list form[method=post]")
            assert len(forms) == 2 * len(priorities)  # support and comment, each card


def test_a_support_by_someone_else_shows_on_the_next_signed_in_load(
    consultation, priorities, citizen
):
    reader = signed_in(citizen)
    before = count(reader.get(consultation.url), priorities[1])
    reader.get(consultation.url)  # kept
    someone = signed_in(UserFactory(municipality=citizen.municipality, verified=True))
    someone.post(f"{consultation.url}support/{priorities[1].pk}/")
    assert count(reader.get(consultation.url), priorities[1]) == before + 1


def test_a_comment_by_someone_else_shows_on_the_next_signed_in_load(
    consultation, priorities, citizen
):
    reader = signed_in(citizen)
    reader.get(consultation.url)
    reader.get(consultation.url)  # kept
    someone = signed_in(UserFactory(municipality=citizen.municipality, verified=True))
    someone.post(f"{consultation.url}comment/{priorities[2].pk}/", {"body": "Rruga ka nevojë."})
    page = reader.get(consultation.url)
    assert "Rruga ka nevojë." in card(page, priorities[2]).get_text()
    assert "1 koment" in card(page, priorities[2]).get_text() or "1 comment" in (
        card(page, priorities[2]).get_text()
    )


def test_the_citizens_own_comments_and_reports_are_theirs_alone(consultation, priorities, citizen):
    reader = signed_in(citizen)
    someone = UserFactory(municipality=citizen.municipality, verified=True)
    theirs = CommentFactory(priority=priorities[0], author=someone, body="Jo dakord.")
    mine = CommentFactory(priority=priorities[1], author=citizen, body="Dakord.")
    waiting = CommentFactory(
        priority=priorities[2], author=citizen, body="Në pritje.", state=CommentState.PENDING
    )
    reported = CommentFactory(priority=priorities[3], author=someone, body="Fyerje.")
    signed_in(someone).get(consultation.url)  # someone's page keeps the cards first
    reader.post(f"{consultation.url}report/{reported.pk}/", {"reason": "abuse"})
    page = reader.get(consultation.url)
    html = page.content.decode()
    # Their own comment: remove (a form with the reader's token), no report.
    own = soup(page).select_one(f"#{mine.anchor}")
    assert own.select_one("form button").get_text() in ("Hiqeni", "Remove")
    assert own.select_one("input[name=csrfmiddlewaretoken]")["value"] == CSRF.findall(html)[0]
    assert "Në pritje." in html  # their pending comment, shown to them
    assert soup(page).select_one(f"#{theirs.anchor} .comment__actions a") is not None
    # The others do not see the reader's pending comment nor their state.
    other_page = signed_in(someone).get(consultation.url)
    other_html = other_page.content.decode()
    assert "Në pritje." not in other_html
    assert soup(other_page).select_one(f"#{mine.anchor} .comment__actions form") is None
    assert soup(other_page).select_one(f"#{theirs.anchor} .comment__actions form") is not None
    anonymous = Client().get(consultation.url).content.decode()
    assert "Në pritje." not in anonymous and "Dakord." in anonymous
    assert waiting.pk and theirs.pk


def grow(contract, priorities, citizen, times):
    for _ in range(times):
        priority = PriorityFactory(contract=contract)
        priorities.append(priority)
        VoteFactory.create_batch(2, priority=priority)
        tops = CommentFactory.create_batch(3, priority=priority)
        CommentFactory(priority=priority, parent=tops[0])
    CommentFactory(priority=priorities[-1], author=citizen)
    CommentFactory(priority=priorities[-2], author=citizen, state=CommentState.PENDING)
    VoteFactory(citizen=citizen, priority=priorities[-3])


@pytest.mark.parametrize("size", [2, 12])
def test_the_warm_signed_in_page_costs_a_few_queries_whatever_the_size(
    consultation, contract, priorities, citizen, size, django_assert_max_num_queries
):
    grow(contract, list(priorities), citizen, size)
    reader = signed_in(citizen)
    reader.get(consultation.url)
    reader.get(consultation.url)
    with django_assert_max_num_queries(17):
        response = reader.get(consultation.url)
    assert response.status_code == 200
