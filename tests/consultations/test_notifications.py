"""E-mails by django-q2 tasks (synchronous in tests) and signed unsubscribe links."""

import pytest

from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from consultations import rules
from consultations.models import Phase
from consultations.notifications import unsubscribe_url
from consultations.tasks import announce_opened_consultations, moderators, send_moderation_digest

from ..accounts.factories import UserFactory
from .factories import CommentFactory, SocialContractFactory

pytestmark = pytest.mark.django_db


def test_residents_who_opted_in_hear_once_when_a_consultation_opens(
    municipality, consultation, contract
):
    opted_in = UserFactory(municipality=municipality, notify_municipality=True)
    UserFactory(municipality=municipality, notify_municipality=False)
    UserFactory(notify_municipality=True)  # elsewhere
    SocialContractFactory(municipality=municipality, phase=Phase.UPCOMING)
    assert announce_opened_consultations() == 1
    assert [m.to for m in mail.outbox] == [[opted_in.email]]
    assert consultation.full_url in mail.outbox[0].body
    assert "Durrës" in mail.outbox[0].subject and "Durrës" in mail.outbox[0].body
    assert "/consultations/unsubscribe/" in mail.outbox[0].body
    assert announce_opened_consultations() == 0
    contract.refresh_from_db()
    assert contract.opening_announced_at is not None


def test_moderators_get_a_digest_of_reported_comments_once():
    moderator = UserFactory(groups=["Moderators"])
    UserFactory()
    comment = CommentFactory(body="Raportuar")
    comment.reports.create(reporter=UserFactory(), reason="Fyerje")
    assert send_moderation_digest() == 1
    assert [m.to for m in mail.outbox] == [[moderator.email]]
    assert "Raportuar" in mail.outbox[0].body
    assert send_moderation_digest() == 0


def test_moderators_are_who_has_the_permission_the_rules_check():
    """Whoever may moderate (`rules.can_moderate`) hears of reports: by the
    permission, from any group or their own, whatever the group's name."""
    permission = Permission.objects.get(
        codename="moderate_comment", content_type__app_label="consultations"
    )
    in_group = UserFactory(groups=["Moderators"])
    editor = UserFactory(groups=["Editors"])
    own = UserFactory()
    own.user_permissions.add(permission)
    renamed = Group.objects.create(name="Moderatorët e rinj")
    renamed.permissions.add(permission)
    in_renamed = UserFactory(groups=[renamed.name])
    superuser = UserFactory(is_superuser=True)
    UserFactory(groups=["Moderators"], is_active=False)
    UserFactory(groups=["Translators"])
    UserFactory()
    expected = {in_group, editor, own, in_renamed, superuser}

    assert set(moderators()) == expected
    assert all(rules.can_moderate(user) for user in expected)


def test_the_digest_links_to_the_moderation_queue():
    UserFactory(groups=["Moderators"])
    comment = CommentFactory()
    comment.reports.create(reporter=UserFactory(), reason="Fyerje")
    send_moderation_digest()
    assert f"http://127.0.0.1:8000{reverse('consultations_moderation')}" in mail.outbox[0].body
    assert "http://127.0.0.1:8000/admin/consultations/moderation/" in mail.outbox[0].body


def test_management_command_runs_both(capsys):
    call_command("consultation_notifications")
    assert "announcement" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("kind", "field"), [("replies", "notify_replies"), ("municipality", "notify_municipality")]
)
def test_unsubscribe_link_works_without_signing_in(client, kind, field):
    user = UserFactory(notify_replies=True, notify_municipality=True)
    url = unsubscribe_url(user, kind).removeprefix("http://127.0.0.1:8000")
    assert client.get(url).status_code == 200
    user.refresh_from_db()
    assert getattr(user, field) is True  # GET only asks
    client.post(url)
    user.refresh_from_db()
    assert getattr(user, field) is False


def test_tampered_unsubscribe_link_is_refused(client):
    user = UserFactory(notify_replies=True)
    url = unsubscribe_url(user, "replies").removeprefix("http://127.0.0.1:8000")
    response = client.post(url[:-3] + "xx/")
    assert response.status_code == 400
    user.refresh_from_db()
    assert user.notify_replies is True
