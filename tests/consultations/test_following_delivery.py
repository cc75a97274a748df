"""Follower notifications are as durable as the rest of the e-mail:
announcing writes the fan-out as an outbox job in the announcing
transaction; each batch writes its notifications, its e-mails and the next
batch's job in the one transaction that marks its job done, so a batch that
dies midway leaves nothing and runs again whole, and a batch run again
tells no one twice; a digest's e-mail enters the outbox in the transaction
that marks its items e-mailed.

As in tests/accounts/test_composition.py, `commit()` stands for the commit
and the queued backend is put back; django-q2 runs tasks synchronously. The
real worker killed at each step:
tests/operations/test_following_survives_killed_workers.py."""

from datetime import timedelta

import pytest
from django_q.models import Success

from django.core import mail
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from accounts.models import OutboxKind, OutboxMessage, OutboxState
from accounts.tasks import deliver_outbox, sweep_outbox
from consultations import following
from consultations.models import (
    Announcement,
    Delivery,
    Follow,
    Notification,
    NotificationKind,
    NotificationPreference,
)

from ..accounts.factories import UserFactory
from .factories import PriorityFactory, SocialContractFactory

pytestmark = pytest.mark.django_db

queued = override_settings(EMAIL_BACKEND="accounts.mail.QueuedEmailBackend")


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def priority(municipality):
    return PriorityFactory(contract=SocialContractFactory(municipality=municipality))


@pytest.fixture
def followers(priority):
    """Five people following the priority, told at once, in English."""
    people = UserFactory.create_batch(5, verified=True, email_language="en")
    for person in people:
        Follow.objects.follow(person, priority)
    return people


def announce(priority, title="Uji"):
    return Announcement.objects.announce(
        NotificationKind.ASSESSMENT,
        municipality=priority.contract.municipality,
        priority=priority,
        params={"title": {"sq": title, "en": f"{title} (en)"}, "summary": {"en": "Not → Fully"}},
        links={"en": "https://example.org/en/", "sq": "https://example.org/sq/"},
    )


def jobs():
    return OutboxMessage.objects.filter(kind=OutboxKind.COMPOSITION)


def emails():
    return OutboxMessage.objects.filter(kind=OutboxKind.EMAIL)


def outbox_recipients():
    return sorted(r.strip() for r in emails().values_list("recipients", flat=True))


def fail_after_writing_the_email_to(person, monkeypatch):
    """The worker dies after `person`'s e-mail is written to the outbox and
    before anything after it (an exception rolls back what a kill would)."""
    send = following.send_notifications

    def send_then_die(recipient, *args, **kwargs):
        send(recipient, *args, **kwargs)
        if recipient.pk == person.pk:
            raise ConnectionError("the worker died")

    monkeypatch.setattr(following, "send_notifications", send_then_die)


def due_again(job):
    OutboxMessage.objects.filter(pk=job.pk).update(available_at=timezone.now())


@queued
def test_announcing_writes_the_fan_out_job_in_the_same_transaction(priority, followers, commit):
    with commit(), transaction.atomic():
        announce(priority)
        transaction.set_rollback(True)
    assert not Announcement.objects.exists()
    assert not jobs().exists()  # a rolled-back change tells no one

    with commit():
        announcement = announce(priority)
        assert jobs().get().message == {
            "task": "consultations.following.fan_out",
            "args": [announcement.pk],
        }

    assert Notification.objects.filter(announcement=announcement).count() == 5
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in followers)
    assert list(jobs().values_list("state", "message")) == [(OutboxState.SENT, {})]
    # django-q2's history holds the job's id, and no one's.
    assert {task.args for task in Success.objects.filter(name="compose e-mail")} == {
        (jobs().get().pk,)
    }


@queued
def test_batches_are_jobs_that_name_no_one(priority, followers, commit, monkeypatch):
    monkeypatch.setattr(following, "BATCH_SIZE", 2)
    with commit():
        announcement = announce(priority)

    # Three batches (2, 2, 1), each its own job naming the announcement only.
    assert jobs().count() == 3
    assert set(jobs().values_list("state", flat=True)) == {OutboxState.SENT}
    assert Notification.objects.filter(announcement=announcement).count() == 5
    assert Notification.objects.filter(emailed_at__isnull=True).count() == 0
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in followers)
    assert following.fan_out(announcement.pk) == 0  # run again: no one is left
    assert Notification.objects.count() == 5
    assert emails().count() == 5


@queued
def test_a_batch_that_dies_midway_leaves_nothing_and_runs_again_whole(
    priority, followers, commit, monkeypatch
):
    monkeypatch.setattr(following, "BATCH_SIZE", 3)
    with commit():
        announcement = announce(priority)
        [job] = jobs()
        fail_after_writing_the_email_to(followers[1], monkeypatch)

    # The first batch wrote two e-mails and died: it left no notification,
    # no e-mail and no next batch, and its job waits for another try.
    assert not Notification.objects.exists()
    assert not emails().exists()
    assert list(jobs()) == [job]
    job.refresh_from_db()
    assert (job.state, job.last_error) == (OutboxState.PENDING, "ConnectionError: the worker died")

    monkeypatch.undo()
    monkeypatch.setattr(following, "BATCH_SIZE", 3)
    due_again(job)
    with commit():
        assert sweep_outbox() == 1

    assert Notification.objects.filter(announcement=announcement).count() == 5
    assert outbox_recipients() == sorted(p.email for p in followers)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in followers)
    assert set(jobs().values_list("state", flat=True)) == {OutboxState.SENT}
    assert jobs().count() == 2


@queued
def test_a_batch_run_again_after_its_people_were_told_tells_no_one_twice(
    priority, followers, commit
):
    """A second copy of a batch (a task delivered twice, a legacy task with
    its cursor) finds those told and tells the others only."""
    with commit(), transaction.atomic():
        announcement = Announcement.objects.create(
            kind=NotificationKind.ASSESSMENT,
            municipality=priority.contract.municipality,
            priority=priority,
            params={"title": {"en": "Uji"}},
        )
        Notification.objects.create(
            person=followers[0], announcement=announcement, emailed_at=timezone.now()
        )
        assert following.fan_out(announcement.pk, followers[3].pk) == 4

    assert Notification.objects.filter(announcement=announcement).count() == 5
    assert followers[0].email not in outbox_recipients()
    assert len(outbox_recipients()) == 4
    assert following.fan_out(announcement.pk) == 0


@queued
def test_a_digest_is_written_with_the_marks_of_its_items(priority, commit, monkeypatch):
    arta, besa = (
        UserFactory(email=address, verified=True, email_language="en")
        for address in ("arta@example.org", "besa@example.org")
    )
    for person in (arta, besa):
        Follow.objects.follow(person, priority)
        NotificationPreference.objects.choose(person, {NotificationKind.ASSESSMENT: Delivery.DAILY})
    with commit():
        announce(priority, "Uji")
        announce(priority, "Rrugët")
    assert emails().count() == 0  # waiting for the digest

    # The digest run dies after Besa's e-mail is written, before her items
    # are marked: Arta's e-mail and marks are committed together, Besa's
    # e-mail went with her marks.
    fail_after_writing_the_email_to(besa, monkeypatch)
    with pytest.raises(ConnectionError), commit():
        following.send_daily_digests()
    assert outbox_recipients() == ["arta@example.org"]
    assert Notification.objects.filter(person=arta, emailed_at__isnull=True).count() == 0
    assert Notification.objects.filter(person=besa, emailed_at__isnull=True).count() == 2

    # The next run sends Besa's, once, with both items; Arta's is not repeated.
    monkeypatch.undo()
    with commit():
        assert following.send_daily_digests() == 1
        assert following.send_daily_digests() == 0
    assert outbox_recipients() == ["arta@example.org", "besa@example.org"]
    [besas] = [m for m in mail.outbox if m.to == ["besa@example.org"]]
    assert "Uji (en)" in besas.body and "Rrugët (en)" in besas.body
    assert Notification.objects.filter(emailed_at__isnull=True).count() == 0


@queued
def test_an_immediate_email_is_written_with_the_mark_of_its_notification(
    priority, followers, monkeypatch
):
    """Outside a job too (a batch run by hand), each e-mail enters the
    outbox with its mark, or neither does."""
    announcement = Announcement.objects.create(
        kind=NotificationKind.ASSESSMENT,
        municipality=priority.contract.municipality,
        priority=priority,
        params={"title": {"en": "Uji"}},
    )
    Notification.objects.bulk_create(
        Notification(person=person, announcement=announcement) for person in followers
    )
    fail_after_writing_the_email_to(followers[2], monkeypatch)
    with pytest.raises(ConnectionError):
        following.send_immediately(announcement, [p.pk for p in followers])
    assert not emails().exists()
    assert Notification.objects.filter(emailed_at__isnull=True).count() == 5


@queued
def test_announcing_a_contract_later_is_a_job(priority, followers, commit):
    contract = priority.contract
    with commit():
        following.announce_contract_later(NotificationKind.CONTRACT_FINALISED, contract)
        assert jobs().get().message == {
            "task": "consultations.following.announce_contract",
            "args": ["contract_finalised", contract.pk],
        }

    assert Announcement.objects.get().kind == NotificationKind.CONTRACT_FINALISED
    # The announcement's job and its fan-out's, each done once.
    assert list(jobs().values_list("state", flat=True)) == [OutboxState.SENT] * 2


def test_a_job_lost_with_its_worker_is_swept(priority, followers):
    """No commit here: the job's task never reached a worker."""
    announcement = announce(priority)
    [job] = jobs()
    assert OutboxMessage.objects.claim(job.pk) is not None  # taken, then the worker died
    OutboxMessage.objects.filter(pk=job.pk).update(
        lease_until=timezone.now() - timedelta(seconds=1)
    )

    assert sweep_outbox() == 1
    assert deliver_outbox(job.pk) == 0  # done already
    assert Notification.objects.filter(announcement=announcement).count() == 5
    assert len(mail.outbox) == 5


@queued
def test_a_consultation_opening_is_announced_whole_or_not_at_all(municipality, monkeypatch):
    """The residents' e-mails, the contract's "announced" mark and the
    followers' job commit together: a worker that dies after the e-mails
    leaves nothing, and the next run announces the contract whole."""
    from consultations import tasks
    from consultations.models import Phase

    resident = UserFactory(municipality=municipality, notify_municipality=True)
    contract = SocialContractFactory(municipality=municipality, phase=Phase.OPEN)

    def die(*args, **kwargs):
        raise ConnectionError("the worker died")

    monkeypatch.setattr(tasks, "announce_contract_later", die)
    with pytest.raises(ConnectionError):
        tasks.announce_opened_consultations()

    contract.refresh_from_db()
    assert contract.opening_announced_at is None
    assert not emails().exists() and not jobs().exists()

    monkeypatch.undo()
    assert tasks.announce_opened_consultations() == 1
    contract.refresh_from_db()
    assert contract.opening_announced_at is not None
    assert outbox_recipients() == [resident.email]
    assert jobs().count() == 1
