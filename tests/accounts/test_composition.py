"""Tasks that compose e-mail from ids (a reply notification, an invitation,
the contact form's notice) are durable jobs in the outbox: written in the
caller's transaction, claimed with a lease, swept when their worker died,
and composed once, since the e-mail they compose enters the outbox in the
same transaction that marks the job done.

As in test_mail.py, `commit()` stands for the commit and the queued backend
is put back; django-q2 runs tasks synchronously. The real worker killed
while it holds such a job: tests/operations/test_composition_survives_killed_workers.py.
"""

import re
from datetime import timedelta

import pytest
from django_q.models import Success

from django.contrib.auth import get_user_model
from django.core import mail
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from accounts.mail import enqueue_composition
from accounts.models import OutboxKind, OutboxMessage, OutboxState
from accounts.personal_data import delete_account
from accounts.tasks import deliver_outbox, sweep_outbox
from consultations.models import Comment
from forums.models import Invitation

from ..consultations.factories import PriorityFactory
from ..forums.factories import CandidacyFactory
from .factories import UserFactory

pytestmark = pytest.mark.django_db

queued = override_settings(EMAIL_BACKEND="accounts.mail.QueuedEmailBackend")
GREET = "tests.accounts.test_composition.greet"
GREET_THEN_FAIL = "tests.accounts.test_composition.greet_then_fail"


def greet(user_id):
    """A composing task, as the apps write them: ids in, `send_mail` out."""
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None:
        return 0
    return mail.send_mail("Përshëndetje", f"Mirë se erdhe, {user.email}.", None, [user.email])


def greet_then_fail(user_id):
    greet(user_id)
    raise ConnectionError("the database went away")


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def emails():
    return OutboxMessage.objects.filter(kind=OutboxKind.EMAIL)


@queued
def test_a_job_is_written_with_the_change_and_composed_after_the_commit(commit):
    arta = UserFactory(email="arta@example.org")
    with commit():
        job = enqueue_composition(GREET, arta.pk)
        assert OutboxMessage.objects.get(kind=OutboxKind.COMPOSITION).message == {
            "task": GREET,
            "args": [arta.pk],
        }
        assert job.recipients == ""
        assert not emails().exists()

    assert [(m.to, m.body) for m in mail.outbox] == [
        (["arta@example.org"], "Mirë se erdhe, arta@example.org.")
    ]
    job.refresh_from_db()
    assert (job.state, job.attempts, job.message) == (OutboxState.SENT, 1, {})
    assert list(emails().values_list("state", flat=True)) == [OutboxState.SENT]


@queued
def test_a_rolled_back_change_leaves_no_job(commit):
    arta = UserFactory()
    with commit(), transaction.atomic():
        enqueue_composition(GREET, arta.pk)
        transaction.set_rollback(True)

    assert not OutboxMessage.objects.exists()
    assert mail.outbox == []


@queued
def test_the_task_carries_the_job_id_only(commit):
    arta = UserFactory(email="arta@example.org")
    with commit():
        job = enqueue_composition(GREET, arta.pk)

    task = Success.objects.get(name="compose e-mail")
    assert (task.func, task.name, task.args, task.result) == (
        "accounts.tasks.deliver_outbox",
        "compose e-mail",
        (job.pk,),
        1,
    )


@queued
def test_a_job_whose_worker_died_is_swept_and_composed_once():
    arta = UserFactory(email="arta@example.org")
    job = OutboxMessage.objects.queue_composition(GREET, arta.pk)  # its task was lost
    assert OutboxMessage.objects.claim(job.pk) is not None  # a worker took it, then died
    assert sweep_outbox() == 0  # its lease has not run out
    OutboxMessage.objects.filter(pk=job.pk).update(
        lease_until=timezone.now() - timedelta(seconds=1)
    )

    assert sweep_outbox() == 1
    assert deliver_outbox(job.pk) == 0  # the same task delivered again
    assert sweep_outbox() == 1  # the e-mail it composed (no commit here to queue it)
    assert sweep_outbox() == 0

    assert [m.to for m in mail.outbox] == [["arta@example.org"]]
    job.refresh_from_db()
    assert (job.state, job.attempts) == (OutboxState.SENT, 2)
    assert emails().count() == 1


def test_a_job_that_fails_after_composing_leaves_no_e_mail_and_is_given_up(settings):
    # One override mechanism per test: pytest-django's `settings` restores its
    # snapshot at teardown, which would bring back a decorator's override.
    settings.EMAIL_BACKEND = "accounts.mail.QueuedEmailBackend"
    settings.POP_OUTBOX_MAX_ATTEMPTS = 2
    job = OutboxMessage.objects.queue_composition(GREET_THEN_FAIL, UserFactory().pk)

    assert deliver_outbox(job.pk) == 0
    job.refresh_from_db()
    assert job.state == OutboxState.PENDING
    assert job.last_error == "ConnectionError: the database went away"
    assert job.available_at > timezone.now() + timedelta(seconds=50)  # backs off
    assert not emails().exists()  # what it composed went with its transaction

    OutboxMessage.objects.filter(pk=job.pk).update(available_at=timezone.now())
    assert sweep_outbox() == 1
    job.refresh_from_db()
    assert (job.state, job.attempts, job.message) == (OutboxState.FAILED, 2, {})
    assert sweep_outbox() == 0  # not tried for ever
    assert not emails().exists()
    assert mail.outbox == []


@pytest.fixture
def reply(django_capture_on_commit_callbacks):
    """A published reply to Arta's comment, its notification job queued and
    not yet run."""
    priority = PriorityFactory()
    arta = UserFactory(email="arta@example.org", verified=True, notify_replies=True)
    parent = Comment.objects.post(priority, arta, "Duhet një park.")
    with django_capture_on_commit_callbacks(execute=False):
        reply = Comment.objects.post(priority, UserFactory(verified=True), "Po!", parent=parent)
    return reply


@queued
def test_a_reply_notification_is_a_job(reply, commit):
    job = OutboxMessage.objects.get(kind=OutboxKind.COMPOSITION)
    assert job.message == {"task": "consultations.tasks.notify_reply", "args": [reply.pk]}

    with commit():
        assert deliver_outbox(job.pk) == 1

    assert [m.to for m in mail.outbox] == [["arta@example.org"]]
    assert "Po!" in mail.outbox[0].body


@queued
def test_a_job_for_a_deleted_account_or_comment_sends_nothing_and_is_done(reply):
    [job] = OutboxMessage.objects.filter(kind=OutboxKind.COMPOSITION)
    other = OutboxMessage.objects.queue_composition("consultations.tasks.notify_reply", reply.pk)
    delete_account(reply.parent.author)  # the reply's recipient
    Comment.objects.filter(pk=reply.pk).delete()  # and, for the second job, the reply itself

    assert deliver_outbox(job.pk) == 1
    assert deliver_outbox(other.pk) == 1
    assert sweep_outbox() == 0

    assert mail.outbox == []
    assert not emails().exists()
    assert set(OutboxMessage.objects.values_list("state", "attempts")) == {(OutboxState.SENT, 1)}


@queued
def test_an_invitation_is_a_job_and_a_revoked_one_sends_nothing(django_capture_on_commit_callbacks):
    candidacy = CandidacyFactory()
    editor = UserFactory(is_staff=True)
    with django_capture_on_commit_callbacks(execute=True):
        first = Invitation.objects.send(candidacy, "teuta@example.org", editor)
    with django_capture_on_commit_callbacks(execute=False):
        Invitation.objects.send(candidacy, "teuta.new@example.org", editor)
    second_job = OutboxMessage.objects.filter(kind=OutboxKind.COMPOSITION).last()
    assert second_job.message["task"] == "forums.tasks.send_invitation"
    Invitation.objects.filter(candidacy=candidacy).update(revoked_at=timezone.now())

    assert deliver_outbox(second_job.pk) == 1

    assert [m.to for m in mail.outbox] == [["teuta@example.org"]]
    # The link names the first invitation (its signature carries the second
    # it was made in, so it is read back rather than made again).
    token = re.search(r"/candidates/invitation/([^/\s]+)/", mail.outbox[0].body).group(1)
    assert Invitation.from_token(token) == first
    assert OutboxMessage.objects.filter(kind=OutboxKind.COMPOSITION).values_list(
        "state", flat=True
    ).distinct().get() == (OutboxState.SENT)
