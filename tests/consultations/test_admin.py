"""Editors and moderators in the Wagtail admin: contracts and priorities,
the moderation queue (logged), finalising, and refused deletions."""

import pytest

from django.urls import reverse

from wagtail.models import ModelLogEntry

from consultations.models import CommentState, Phase, Priority, SocialContract

from ..accounts.factories import UserFactory
from .factories import (
    CommentFactory,
    PriorityFactory,
    SocialContractFactory,
    VoteFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator():
    return UserFactory(verified=True, groups=["Moderators"])


@pytest.fixture
def editor():
    return UserFactory(verified=True, groups=["Editors"])


def test_editor_lists_contracts_filtered_by_phase(client, editor):
    SocialContractFactory(phase=Phase.OPEN)
    closed = SocialContractFactory(phase=Phase.CLOSED)
    client.force_login(editor)
    url = reverse("wagtailsnippets_consultations_socialcontract:list")
    response = client.get(url, {"phase": "closed"})
    assert response.status_code == 200
    assert list(response.context["object_list"]) == [closed]
    response = client.get(url, {"municipality": closed.municipality.pk})
    assert list(response.context["object_list"]) == [closed]


def test_editor_lists_priorities_of_a_contract(client, editor):
    priority = PriorityFactory()
    PriorityFactory()
    client.force_login(editor)
    url = reverse("wagtailsnippets_consultations_priority:list")
    response = client.get(url, {"contract": priority.contract.pk})
    assert list(response.context["object_list"]) == [priority]


def test_moderator_cannot_edit_contracts_but_sees_the_queue(client, moderator):
    client.force_login(moderator)
    assert client.get(reverse("wagtailsnippets_consultations_socialcontract:list")).status_code in (
        302,
        403,
    )
    assert client.get(reverse("consultations_moderation")).status_code == 200


def test_citizen_cannot_moderate(client, citizen):
    comment = CommentFactory(state=CommentState.PENDING)
    client.force_login(citizen)
    client.post(reverse("consultations_approve", args=[comment.pk]))
    comment.refresh_from_db()
    assert comment.state == CommentState.PENDING


def test_queue_shows_pending_and_reported_comments(client, moderator):
    pending = CommentFactory(state=CommentState.PENDING, body="Në pritje")
    reported = CommentFactory(body="I raportuar")
    reported.reports.create(reporter=UserFactory(), reason="Fyerje")
    CommentFactory(body="I qetë")
    client.force_login(moderator)
    response = client.get(reverse("consultations_moderation"))
    assert set(response.context["comments"]) == {pending, reported}
    assert "Fyerje" in response.content.decode()


def test_moderation_acts_are_logged_with_who_and_why(client, moderator):
    comment = CommentFactory(body="Fyerje")
    comment.reports.create(reporter=UserFactory(), reason="Fyen")
    client.force_login(moderator)
    client.post(reverse("consultations_hide", args=[comment.pk]), {"reason": "Gjuhë fyese"})
    comment.refresh_from_db()
    assert comment.state == CommentState.HIDDEN
    assert comment.moderated_by == moderator and comment.moderation_reason == "Gjuhë fyese"
    assert not comment.reports.filter(resolved_at__isnull=True).exists()
    client.post(reverse("consultations_restore", args=[comment.pk]))
    comment.refresh_from_db()
    assert comment.state == CommentState.VISIBLE
    entries = ModelLogEntry.objects.for_instance(comment).order_by("timestamp")
    assert [e.action for e in entries] == [
        "consultations.comment.hide",
        "consultations.comment.restore",
    ]
    assert entries[0].user == moderator
    assert entries[0].data["reason"] == "Gjuhë fyese"
    assert entries[0].message == "Komenti u fsheh"


def test_hiding_needs_a_reason(client, moderator):
    comment = CommentFactory()
    client.force_login(moderator)
    client.post(reverse("consultations_hide", args=[comment.pk]), {"reason": ""})
    comment.refresh_from_db()
    assert comment.state == CommentState.VISIBLE


def test_approving_a_pending_comment(client, moderator):
    comment = CommentFactory(state=CommentState.PENDING)
    client.force_login(moderator)
    client.post(reverse("consultations_approve", args=[comment.pk]))
    comment.refresh_from_db()
    assert comment.state == CommentState.VISIBLE
    assert ModelLogEntry.objects.filter(action="consultations.comment.approve").count() == 1


def test_editor_finalises_a_closed_contract(client, editor, en):
    contract = SocialContractFactory(phase=Phase.CLOSED)
    first, second, third = PriorityFactory.create_batch(3, contract=contract)
    VoteFactory.create_batch(3, priority=second)
    VoteFactory(priority=first)
    second_en = second.copy_for_translation(en)
    second_en.save()
    client.force_login(editor)
    url = reverse("consultations_finalise", args=[contract.pk])
    response = client.get(url)
    assert [p.pk for p in response.context["priorities"]] == [second.pk, first.pk, third.pk]
    client.post(url, {"priorities": [second.pk, first.pk]})
    contract.refresh_from_db()
    assert contract.phase == Phase.FINALISED
    assert set(Priority.objects.filter(in_contract=True)) == {first, second, second_en}
    entry = ModelLogEntry.objects.get(action="consultations.contract.finalise")
    assert entry.user == editor


@pytest.mark.parametrize("phase", [Phase.OPEN, Phase.FINALISED])
def test_finalising_is_refused_outside_the_closed_phase(client, editor, phase):
    contract = SocialContractFactory(phase=phase)
    priority = PriorityFactory(contract=contract)
    client.force_login(editor)
    response = client.post(
        reverse("consultations_finalise", args=[contract.pk]), {"priorities": [priority.pk]}
    )
    assert response.status_code in (302, 403)  # Wagtail turns the refusal into a redirect
    priority.refresh_from_db()
    assert not priority.in_contract


def test_moderator_cannot_finalise(client, moderator):
    contract = SocialContractFactory(phase=Phase.CLOSED)
    priority = PriorityFactory(contract=contract)
    client.force_login(moderator)
    client.post(
        reverse("consultations_finalise", args=[contract.pk]), {"priorities": [priority.pk]}
    )
    contract.refresh_from_db()
    assert contract.finalised_at is None


def test_deleting_a_priority_with_supports_is_refused_with_a_message(client, editor):
    priority = PriorityFactory()
    VoteFactory(priority=priority)
    client.force_login(editor)
    url = reverse("wagtailsnippets_consultations_priority:delete", args=[priority.pk])
    response = client.post(url, follow=True)
    assert Priority.objects.filter(pk=priority.pk).exists()
    messages = [str(m) for m in response.context["messages"]]
    assert any("nuk mund të fshihet" in m for m in messages)


def test_deleting_a_contract_with_comments_is_refused(client, editor):
    comment = CommentFactory()
    contract = comment.priority.contract
    client.force_login(editor)
    url = reverse("wagtailsnippets_consultations_socialcontract:delete", args=[contract.pk])
    client.post(url)
    assert SocialContract.objects.filter(pk=contract.pk).exists()


def test_deleting_a_priority_without_participation_works(client, editor):
    priority = PriorityFactory()
    client.force_login(editor)
    url = reverse("wagtailsnippets_consultations_priority:delete", args=[priority.pk])
    client.post(url)
    assert not Priority.objects.filter(pk=priority.pk).exists()
