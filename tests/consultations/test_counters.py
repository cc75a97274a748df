"""The counts each priority keeps (supports, visible comments) change with
every act that changes the rows, and equal the rows afterwards; what the
pages show is what the priority keeps."""

import pytest

from accounts.personal_data import delete_account
from consultations.models import (
    AlreadySupported,
    CapReached,
    Comment,
    CommentState,
    Phase,
    Priority,
    Vote,
)

from ..accounts.factories import UserFactory
from .factories import CommentFactory, PriorityFactory, SocialContractFactory, VoteFactory
from .test_pages import translate_priority

pytestmark = pytest.mark.django_db


def counts(priority):
    """(supports, visible comments) as the database keeps them on the row."""
    return Priority.objects.values_list("support_count", "comment_count").get(pk=priority.pk)


@pytest.fixture
def exact():
    """After the test, the kept counts equal the rows."""
    yield
    assert list(Priority.objects.miscounted()) == []


@pytest.fixture
def moderator():
    return UserFactory(verified=True, groups=["Moderators"])


def test_supporting_and_withdrawing_change_the_count(citizen, priorities, exact):
    other = UserFactory(municipality=citizen.municipality, verified=True)
    Vote.objects.cast(citizen, priorities[0])
    Vote.objects.cast(other, priorities[0])
    assert counts(priorities[0]) == (2, 0)
    Vote.objects.withdraw(citizen, priorities[0])
    assert counts(priorities[0]) == (1, 0)
    Vote.objects.withdraw(citizen, priorities[0])  # nothing left to withdraw
    assert counts(priorities[0]) == (1, 0)


def test_a_refused_support_counts_nothing(citizen, contract, priorities, exact):
    Vote.objects.cast(citizen, priorities[0])
    with pytest.raises(AlreadySupported):
        Vote.objects.cast(citizen, priorities[0])
    for priority in priorities[1:3]:
        Vote.objects.cast(citizen, priority)
    with pytest.raises(CapReached):
        Vote.objects.cast(citizen, priorities[3])
    assert [counts(p)[0] for p in priorities] == [1, 1, 1, 0]


def test_comments_count_while_visible(citizen, priorities, moderator, exact):
    comment = Comment.objects.post(priorities[0], citizen, "Ujë çdo ditë.")
    Comment.objects.post(priorities[0], citizen, "Po.", parent=comment)
    assert counts(priorities[0]) == (0, 2)
    comment.hide(moderator, "Fyese")
    assert counts(priorities[0]) == (0, 1)
    comment.hide(moderator, "Sërish")  # already hidden: no second change
    assert counts(priorities[0]) == (0, 1)
    comment.restore(moderator)
    assert counts(priorities[0]) == (0, 2)
    comment.remove()
    assert counts(priorities[0]) == (0, 1)


def test_premoderated_comments_count_once_approved(citizen, contract, priorities, moderator, exact):
    contract.premoderate_comments = True
    contract.save()
    waiting = Comment.objects.post(priorities[0], citizen, "Pret.")
    assert waiting.state == CommentState.PENDING
    assert counts(priorities[0]) == (0, 0)
    Comment.objects.get(pk=waiting.pk).approve(moderator)
    assert counts(priorities[0]) == (0, 1)
    removed = Comment.objects.post(priorities[0], citizen, "Tjetër.")
    removed.remove()  # pending, never counted
    assert counts(priorities[0]) == (0, 1)


def test_a_moderator_acting_on_a_stale_comment_changes_the_count_once(
    citizen, priorities, moderator, exact
):
    comment = Comment.objects.post(priorities[0], citizen, "Një.")
    stale = Comment.objects.get(pk=comment.pk)
    comment.hide(moderator, "Fyese")
    stale.hide(moderator, "Fyese")  # read while visible, hidden meanwhile
    assert counts(priorities[0]) == (0, 0)


def test_reports_that_hide_a_comment_take_it_off_the_count(priorities, exact):
    comment = CommentFactory(priority=priorities[0])
    for _ in range(3):
        comment.report(UserFactory(verified=True), "Spam")
    assert Comment.objects.get(pk=comment.pk).state == CommentState.HIDDEN
    comment.report(UserFactory(verified=True), "Spam")  # already hidden
    assert counts(priorities[0]) == (0, 0)


def test_deleting_an_account_withdraws_open_supports_and_keeps_the_rest_counted(citizen, exact):
    open_priority = PriorityFactory(contract=SocialContractFactory(phase=Phase.OPEN))
    closed_priority = PriorityFactory(contract=SocialContractFactory(phase=Phase.FINALISED))
    VoteFactory(citizen=citizen, priority=open_priority)
    VoteFactory(priority=open_priority)
    VoteFactory(citizen=citizen, priority=closed_priority)
    CommentFactory(author=citizen, priority=open_priority)
    delete_account(citizen)
    assert counts(open_priority) == (1, 1)  # her support withdrawn, her comment kept
    assert counts(closed_priority) == (1, 0)  # counted without a name
    assert Vote.objects.get(priority=closed_priority).citizen is None


def test_editing_a_priority_keeps_the_counts_the_database_holds(citizen, priorities, exact):
    stale = Priority.objects.get(pk=priorities[0].pk)
    Vote.objects.cast(citizen, priorities[0])
    stale.title = "Ujë i pijshëm"
    stale.save()
    assert counts(priorities[0]) == (1, 0)
    assert Priority.objects.get(pk=priorities[0].pk).title == "Ujë i pijshëm"


def test_a_translation_does_not_carry_its_sources_counts(citizen, priorities, en, exact):
    Vote.objects.cast(citizen, priorities[0])
    english = translate_priority(priorities[0], en, "Clean water")
    assert counts(english) == (0, 0)
    assert counts(priorities[0]) == (1, 0)


def test_miscounted_lists_rows_written_around_the_acts_and_recount_mends_them(priorities):
    Vote.objects.create(citizen=UserFactory(), priority=priorities[1])
    Comment.objects.create(priority=priorities[2], author=UserFactory(), body="Pa numëruar.")
    wrong = {
        (p.pk, p.support_count, p.counted_supports, p.comment_count, p.counted_comments)
        for p in Priority.objects.miscounted()
    }
    assert wrong == {(priorities[1].pk, 0, 1, 0, 0), (priorities[2].pk, 0, 0, 0, 1)}
    Priority.objects.recount()
    assert not Priority.objects.miscounted().exists()
    assert counts(priorities[1]) == (1, 0)
    assert counts(priorities[2]) == (0, 1)


def test_the_page_shows_the_kept_counts_after_supporting_and_commenting(
    client, citizen, consultation, priorities, exact
):
    client.force_login(citizen)
    response = client.post(
        f"{consultation.url}support/{priorities[0].pk}/", HTTP_ACCEPT="application/json"
    )
    assert response.json()["count"] == 1
    client.post(f"{consultation.url}comment/{priorities[0].pk}/", {"body": "Shumë e nevojshme."})
    html = client.get(consultation.url).content.decode()
    assert "data-support-count>1<" in html
    assert "1 koment" in html
    client.post(f"{consultation.url}withdraw/{priorities[0].pk}/")
    assert counts(priorities[0]) == (0, 1)
