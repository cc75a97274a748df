"""The acts and reads of consultations as model and QuerySet methods, called
directly (the URL tests beside this one call them through the pages)."""

import pytest

from django.core import mail
from django.test import override_settings
from django.utils import translation

from wagtail.models import ModelLogEntry

from consultations.models import (
    AlreadyReported,
    AlreadySupported,
    CapReached,
    Comment,
    CommentState,
    Phase,
    Priority,
    PriorityOrigin,
    PrioritySuggestion,
    RateLimited,
    SocialContract,
    SuggestionState,
    Vote,
)

from ..accounts.factories import UserFactory
from ..cms_pages.test_reference_data import translate
from .factories import (
    CommentFactory,
    PriorityFactory,
    SectorFactory,
    SocialContractFactory,
    VoteFactory,
)
from .test_pages import translate_priority

pytestmark = pytest.mark.django_db


# --- supports ------------------------------------------------------------------


def test_cast_counts_the_citizens_supports_in_the_contract(priorities, citizen):
    assert Vote.objects.cast(citizen, priorities[0]) == 1
    assert Vote.objects.cast(citizen, priorities[1]) == 2
    assert Vote.objects.of(citizen, priorities[0].contract).count() == 2


def test_cast_past_the_cap_is_refused_with_the_message(priorities, citizen):
    for priority in priorities[:3]:
        Vote.objects.cast(citizen, priority)
    with pytest.raises(CapReached) as refused, translation.override("en"):
        Vote.objects.cast(citizen, priorities[3])
    assert refused.value.decision.reason == "cap_reached"
    assert refused.value.decision.message == (
        "You have used all 3 of your supports. Withdraw one to support another priority."
    )
    assert not Vote.objects.filter(priority=priorities[3]).exists()


def test_cast_twice_keeps_one_support(priorities, citizen):
    Vote.objects.cast(citizen, priorities[0])
    with pytest.raises(AlreadySupported) as already:
        Vote.objects.cast(citizen, priorities[0])
    assert already.value.supports_used == 1
    assert Vote.objects.filter(citizen=citizen).count() == 1


def test_withdraw_returns_the_supports_still_used(priorities, citizen):
    Vote.objects.cast(citizen, priorities[0])
    Vote.objects.cast(citizen, priorities[1])
    assert Vote.objects.withdraw(citizen, priorities[0]) == 1
    assert Vote.objects.withdraw(citizen, priorities[0]) == 1  # nothing left to withdraw
    assert list(Vote.objects.filter(citizen=citizen).values_list("priority", flat=True)) == [
        priorities[1].pk
    ]


def test_cap_refusal_of_a_contract(contract):
    assert contract.cap_refusal(2) is None
    assert contract.cap_refusal(3).reason == "cap_reached"
    contract.max_supports = None
    assert contract.cap_refusal(1000) is None


# --- comments ------------------------------------------------------------------


def test_post_publishes_and_tells_the_parents_author(
    priorities, citizen, municipality, django_capture_on_commit_callbacks
):
    other = UserFactory(municipality=municipality, verified=True, notify_replies=True)
    parent = Comment.objects.post(priorities[0], other, "Uji mungon.")
    assert parent.state == CommentState.VISIBLE
    with django_capture_on_commit_callbacks(execute=True):
        reply = Comment.objects.post(priorities[0], citizen, "Edhe te ne.", parent=parent)
    assert reply.parent == parent and reply.author == citizen
    assert [m.to for m in mail.outbox] == [[other.email]]


def test_post_waits_for_a_moderator_where_the_contract_premoderates(contract, priorities, citizen):
    contract.premoderate_comments = True
    contract.save()
    comment = Comment.objects.post(priorities[0], citizen, "Pres")
    assert comment.state == CommentState.PENDING


@override_settings(CONSULTATIONS_COMMENTS_PER_MINUTE=1, CONSULTATIONS_COMMENTS_PER_DAY=5)
def test_post_past_the_rate_limit_is_refused(priorities, citizen):
    Comment.objects.post(priorities[0], citizen, "Një")
    with pytest.raises(RateLimited) as refused, translation.override("en"):
        Comment.objects.post(priorities[0], citizen, "Dy")
    assert refused.value.decision.message == (
        "You are writing quickly: please wait a minute before commenting again."
    )
    assert Comment.objects.count() == 1


def test_edit_and_remove(priorities, citizen):
    comment = CommentFactory(priority=priorities[0], author=citizen, body="Gabim")
    comment.edit("Saktë")
    comment.refresh_from_db()
    assert comment.body == "Saktë" and comment.is_edited
    comment.remove()
    comment.refresh_from_db()
    assert comment.state == CommentState.REMOVED


def test_reports_hide_a_comment_at_the_third_and_count_once_per_citizen(priorities):
    comment = CommentFactory(priority=priorities[0])
    reporters = UserFactory.create_batch(3)
    comment.report(reporters[0], "Fyen")
    with pytest.raises(AlreadyReported):
        comment.report(reporters[0], "Përsëri")
    comment.report(reporters[1], "Fyen")
    comment.refresh_from_db()
    assert comment.state == CommentState.VISIBLE
    with translation.override("en"):
        comment.report(reporters[2], "Fyen")
    comment.refresh_from_db()
    assert comment.state == CommentState.HIDDEN
    assert comment.moderation_reason == "Hidden after reports, until a moderator decides."
    assert comment.reports.count() == 3


def test_moderation_acts_resolve_reports_and_are_logged(priorities):
    moderator = UserFactory(groups=["Moderators"])
    comment = CommentFactory(priority=priorities[0])
    comment.reports.create(reporter=UserFactory(), reason="Fyerje")
    comment.hide(moderator, "Fyerje")
    comment.refresh_from_db()
    assert (comment.state, comment.moderated_by, comment.moderation_reason) == (
        CommentState.HIDDEN,
        moderator,
        "Fyerje",
    )
    assert not comment.reports.filter(resolved_at__isnull=True).exists()
    comment.restore(moderator)
    assert Comment.objects.get(pk=comment.pk).state == CommentState.VISIBLE
    pending = CommentFactory(priority=priorities[0], state=CommentState.PENDING)
    pending.approve(moderator)
    assert Comment.objects.get(pk=pending.pk).state == CommentState.VISIBLE
    assert sorted(ModelLogEntry.objects.values_list("action", flat=True)) == [
        "consultations.comment.approve",
        "consultations.comment.hide",
        "consultations.comment.restore",
    ]


def test_threads_as_a_reader_sees_them(priorities, citizen, django_assert_num_queries):
    shown = CommentFactory(priority=priorities[0], body="Shihet")
    reply = CommentFactory(priority=priorities[0], parent=shown)
    hidden_with_reply = CommentFactory(priority=priorities[1], state=CommentState.HIDDEN)
    CommentFactory(priority=priorities[1], parent=hidden_with_reply)
    CommentFactory(priority=priorities[2], state=CommentState.HIDDEN)  # nothing to show
    mine = CommentFactory(priority=priorities[2], author=citizen, state=CommentState.PENDING)

    with django_assert_num_queries(1):
        threads = Comment.objects.filter(priority__in=priorities).threads(citizen)
    assert threads[priorities[0].pk] == [shown]
    assert threads[priorities[0].pk][0].shown_replies == [reply]
    assert threads[priorities[1].pk] == [hidden_with_reply]
    assert not threads[priorities[1].pk][0].shown
    assert threads[priorities[2].pk] == [mine]
    others = Comment.objects.filter(priority__in=priorities).threads(UserFactory())
    assert priorities[2].pk not in others


# --- suggestions ---------------------------------------------------------------


def test_a_suggestion_accepted_becomes_the_last_priority_credited(contract, priorities, citizen):
    editor = UserFactory(groups=["Editors"])
    suggestion = PrioritySuggestion.objects.submit(contract, citizen, "Biçikleta", "Pranë plazhit.")
    assert list(PrioritySuggestion.objects.pending()) == [suggestion]
    priority = suggestion.accept(editor, SectorFactory())
    assert priority.order == max(p.order for p in priorities) + 1
    assert (priority.origin, priority.suggested_by_name) == (
        PriorityOrigin.CITIZEN,
        citizen.display_name,
    )
    suggestion.refresh_from_db()
    assert (suggestion.state, suggestion.priority, suggestion.decided_by) == (
        SuggestionState.ACCEPTED,
        priority,
        editor,
    )
    assert not PrioritySuggestion.objects.pending().exists()
    assert ModelLogEntry.objects.filter(action="consultations.suggestion.accept").exists()


def test_a_suggestion_declined_keeps_the_reason(contract, citizen):
    editor = UserFactory(groups=["Editors"])
    suggestion = PrioritySuggestion.objects.submit(contract, citizen, "Diçka")
    suggestion.decline(editor, "Është tashmë.")
    suggestion.refresh_from_db()
    assert (suggestion.state, suggestion.decline_reason) == (
        SuggestionState.DECLINED,
        "Është tashmë.",
    )
    assert ModelLogEntry.objects.filter(action="consultations.suggestion.decline").exists()


# --- the contract --------------------------------------------------------------


def test_finalise_puts_the_chosen_priorities_and_their_translations_in(municipality, en):
    contract = SocialContractFactory(municipality=municipality, phase=Phase.CLOSED)
    chosen, left_out = PriorityFactory.create_batch(2, contract=contract)
    translation_ = translate_priority(chosen, en, "Water")
    editor = UserFactory(groups=["Editors"])
    contract.finalise(editor, {chosen.pk})
    assert Priority.objects.get(pk=chosen.pk).in_contract
    assert Priority.objects.get(pk=translation_.pk).in_contract
    assert not Priority.objects.get(pk=left_out.pk).in_contract
    contract.refresh_from_db()
    assert contract.phase == Phase.FINALISED
    assert ModelLogEntry.objects.get(action="consultations.contract.finalise").data == {
        "priorities": [chosen.pk]
    }


def test_contract_names_in_the_visitors_language_in_the_same_query(
    contract, municipality, en, django_assert_num_queries
):
    translate(municipality, en, name="Durres")
    with translation.override("en"):
        with django_assert_num_queries(1):
            row = SocialContract.objects.localized("municipality__name", "election__name").get(
                pk=contract.pk
            )
            assert row.localized_municipality_name == "Durres"
            assert row.localized_election_name == contract.election.name
        # Without the annotation, read through Wagtail's `.localized`.
        assert SocialContract.objects.get(pk=contract.pk).localized_municipality_name == "Durres"
    with translation.override("sq"):
        assert SocialContract.objects.get(pk=contract.pk).localized_municipality_name == "Durrës"


# --- the priorities as pages list them -----------------------------------------


def test_listed_reads_texts_and_sector_names_in_the_visitors_language(
    contract, priorities, en, django_assert_num_queries
):
    translate_priority(priorities[0], en, "Clean water", "Every day.")
    VoteFactory(priority=priorities[2])
    CommentFactory(priority=priorities[2])
    CommentFactory(priority=priorities[2], state=CommentState.HIDDEN)
    source = Priority.objects.source().filter(contract=contract)
    with translation.override("en"), django_assert_num_queries(1):
        rows = list(source.listed())
    assert [row.pk for row in rows] == [p.pk for p in priorities]
    first = rows[0]
    assert (first.localized_title, first.localized_description) == ("Clean water", "Every day.")
    assert first.localized_sector_name == f"{priorities[0].sector.name} (en)"
    assert (rows[1].localized_title, rows[1].localized_sector_name) == (
        priorities[1].title,
        priorities[1].sector.name,
    )
    assert (rows[2].support_count, rows[2].comment_count) == (1, 1)
    with translation.override("sq"):
        assert source.listed()[0].localized_title == priorities[0].title
    assert source.listed("support")[0] == priorities[2]
    assert list(source.listed(sector=priorities[1].sector.slug)) == [priorities[1]]
