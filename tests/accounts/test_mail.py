"""E-mail goes through the outbox: written in the caller's transaction,
delivered by the django-q2 worker, marked sent and emptied.

pytest-django swaps EMAIL_BACKEND for locmem; these tests put the queued
backend back. Test settings run django-q2 synchronously and deliver through
locmem, so a delivered message lands in `mail.outbox`. Each test runs inside
a transaction that never commits: `django_capture_on_commit_callbacks`
stands for the commit. The real worker, killed at each step, is tested in
tests/operations/test_outbox_survives_killed_workers.py.
"""

import pickle
from datetime import timedelta
from unittest import mock

import pytest
from django_q.models import Failure, Schedule, Success

from django.core import mail
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from accounts.models import OutboxMessage, OutboxState
from accounts.tasks import deliver_email, deliver_outbox, purge_queue_history, sweep_outbox
from config.settings import base

from .test_signup import confirmation_path, sign_up

pytestmark = pytest.mark.django_db

queued = override_settings(EMAIL_BACKEND="accounts.mail.QueuedEmailBackend")


class Refused(Exception):
    pass


def decoded(task):
    return pickle.dumps((task.args, task.kwargs, task.result))


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@queued
def test_a_message_waits_in_the_outbox_until_the_change_is_committed(commit):
    with commit():
        sent = mail.send_mail("Përshëndetje", "Mirë se erdhët.", None, ["arta@example.org"])
        outgoing = OutboxMessage.objects.get()
        assert outgoing.state == OutboxState.PENDING
        assert outgoing.message["body"] == "Mirë se erdhët."
        assert mail.outbox == []

    assert sent == 1
    assert [(m.subject, m.to, m.body) for m in mail.outbox] == [
        ("Përshëndetje", ["arta@example.org"], "Mirë se erdhët.")
    ]
    outgoing.refresh_from_db()
    assert outgoing.state == OutboxState.SENT
    assert outgoing.attempts == 1
    assert outgoing.finished_at is not None
    assert outgoing.message == {}


@queued
def test_the_task_carries_the_outbox_id_not_the_message(commit):
    with commit():
        mail.send_mail("Fjalëkalimi", "https://pop.example/reset/abc/", None, ["arta@example.org"])

    outgoing = OutboxMessage.objects.get()
    task = Success.objects.get()
    assert (task.func, task.name, task.args, task.result) == (
        "accounts.tasks.deliver_outbox",
        "deliver e-mail",
        (outgoing.pk,),
        1,
    )
    assert b"arta@example.org" not in decoded(task)
    assert b"reset/abc" not in decoded(task)


@queued
def test_a_rolled_back_change_sends_nothing(commit):
    with commit(), pytest.raises(Refused), transaction.atomic():
        mail.send_mail("Subjekti", "Teksti", None, ["arta@example.org"])
        raise Refused

    assert not OutboxMessage.objects.exists()
    assert mail.outbox == []
    assert not Success.objects.exists()


@queued
def test_the_same_message_composed_twice_is_sent_once(commit):
    """A task that composes e-mail and is run again after its worker died
    writes the same message again: the outbox keeps one."""
    with commit():
        for _ in range(2):
            mail.send_mail("Përgjigje", "Dikush ju u përgjigj.", None, ["arta@example.org"])
        mail.send_mail("Përgjigje", "Dikush ju u përgjigj.", None, ["besa@example.org"])
        mail.send_mail("Përgjigje", "Një përgjigje tjetër.", None, ["arta@example.org"])

    assert OutboxMessage.objects.count() == 3
    assert sorted((m.to[0], m.body) for m in mail.outbox) == [
        ("arta@example.org", "Dikush ju u përgjigj."),
        ("arta@example.org", "Një përgjigje tjetër."),
        ("besa@example.org", "Dikush ju u përgjigj."),
    ]


@queued
def test_each_message_is_its_own_task(commit):
    messages = [
        mail.EmailMessage("Një", "1", to=["a@example.org"]),
        mail.EmailMessage("Dy", "2", to=["b@example.org"]),
    ]
    with commit():
        assert mail.get_connection().send_messages(messages) == 2

    assert Success.objects.filter(func="accounts.tasks.deliver_outbox").count() == 2
    assert sorted(m.subject for m in mail.outbox) == ["Dy", "Një"]


@queued
def test_html_alternatives_attachments_and_headers_survive_the_outbox(commit):
    message = mail.EmailMultiAlternatives(
        "Raporti",
        "Teksti",
        "Rrjeti POP <info@pop.example>",
        ["Arta Hoxha <Arta@Example.org>"],
        cc=["cc@example.org"],
        bcc=["bcc@example.org"],
        reply_to=["pergjigje@pop.example"],
        headers={"List-Unsubscribe": "<https://pop.example/u/1/>"},
    )
    message.attach_alternative("<p>Teksti</p>", "text/html")
    message.attach("raporti.csv", "a,b\n1,2\n", "text/csv")
    message.attach("logo.png", b"\x89PNG\x00\xff", "image/png")
    with commit():
        message.send()

    [delivered] = mail.outbox
    assert delivered.to == ["Arta Hoxha <Arta@Example.org>"]
    assert (delivered.cc, delivered.bcc) == (["cc@example.org"], ["bcc@example.org"])
    assert delivered.reply_to == ["pergjigje@pop.example"]
    assert delivered.from_email == "Rrjeti POP <info@pop.example>"
    assert [tuple(a) for a in delivered.alternatives] == [("<p>Teksti</p>", "text/html")]
    assert [tuple(a) for a in delivered.attachments] == [
        ("raporti.csv", "a,b\n1,2\n", "text/csv"),
        ("logo.png", b"\x89PNG\x00\xff", "image/png"),
    ]
    rendered = delivered.message()
    assert rendered["List-Unsubscribe"] == "<https://pop.example/u/1/>"
    outgoing = OutboxMessage.objects.get()
    assert rendered["Message-ID"] == f"<pop-outbox-{outgoing.pk}-{outgoing.key[:16]}@pop.example>"
    assert outgoing.recipients == "\narta@example.org\ncc@example.org\nbcc@example.org\n"


def test_a_message_is_claimed_once_until_its_lease_runs_out(settings):
    outgoing = OutboxMessage.objects.queue(mail.EmailMessage("S", "B", to=["a@example.org"]))
    now = timezone.now()

    first = OutboxMessage.objects.claim(outgoing.pk, now=now)
    assert first.state == OutboxState.SENDING
    assert first.attempts == 1
    assert OutboxMessage.objects.claim(outgoing.pk, now=now) is None
    assert not OutboxMessage.objects.due(now=now).exists()

    later = now + timedelta(seconds=settings.POP_OUTBOX_LEASE_SECONDS + 1)
    assert list(OutboxMessage.objects.due(now=later)) == [outgoing]
    again = OutboxMessage.objects.claim(outgoing.pk, now=later)
    assert again.attempts == 2
    assert again.email_message().extra_headers["Message-ID"] == first.message_id
    # The first worker's claim is gone: it cannot mark the message sent.
    assert first.mark_sent() == 0
    assert again.mark_sent() == 1
    assert OutboxMessage.objects.claim(outgoing.pk, now=later) is None


def test_a_refused_delivery_is_tried_again_later_then_given_up(settings):
    settings.POP_OUTBOX_MAX_ATTEMPTS = 2
    outgoing = OutboxMessage.objects.queue(mail.EmailMessage("S", "B", to=["a@example.org"]))
    with mock.patch("accounts.tasks.get_connection") as connection:
        connection.return_value.send_messages.side_effect = OSError("Connection refused")

        assert deliver_outbox(outgoing.pk) == 0
        outgoing.refresh_from_db()
        assert (outgoing.state, outgoing.attempts) == (OutboxState.PENDING, 1)
        assert outgoing.last_error == "OSError: Connection refused"
        assert outgoing.available_at > timezone.now() + timedelta(seconds=50)
        assert deliver_outbox(outgoing.pk) == 0  # not due yet
        outgoing.refresh_from_db()
        assert outgoing.attempts == 1

        OutboxMessage.objects.update(available_at=timezone.now())
        assert deliver_outbox(outgoing.pk) == 0

    outgoing.refresh_from_db()
    assert (outgoing.state, outgoing.attempts) == (OutboxState.FAILED, 2)
    assert outgoing.message == {}
    assert mail.outbox == []


def test_the_sweep_delivers_what_lost_its_task():
    lost = OutboxMessage.objects.queue(mail.EmailMessage("S", "B", to=["a@example.org"]))
    dead_worker = OutboxMessage.objects.queue(mail.EmailMessage("S", "B", to=["b@example.org"]))
    OutboxMessage.objects.claim(dead_worker.pk)
    OutboxMessage.objects.filter(pk=dead_worker.pk).update(lease_until=timezone.now())
    done = OutboxMessage.objects.queue(mail.EmailMessage("S", "B", to=["c@example.org"]))
    OutboxMessage.objects.claim(done.pk).mark_sent()

    assert sweep_outbox() == 2

    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.org", "b@example.org"]
    assert set(OutboxMessage.objects.values_list("state", flat=True)) == {OutboxState.SENT}
    assert [lost.pk, dead_worker.pk] == sorted(
        task.args[0] for task in Success.objects.filter(func="accounts.tasks.deliver_outbox")
    )


def test_tasks_queued_before_the_outbox_are_delivered_through_it():
    assert deliver_email(mail.EmailMessage("Vjetër", "B", to=["a@example.org"])) == 1

    assert [m.subject for m in mail.outbox] == ["Vjetër"]
    assert OutboxMessage.objects.get().state == OutboxState.SENT


def test_the_purge_deletes_finished_mail_and_old_task_history(settings):
    now = timezone.now()
    old = now - timedelta(seconds=settings.POP_QUEUE_HISTORY_SECONDS + 60)
    for address, finished_at in (("old@example.org", old), ("new@example.org", now)):
        row = OutboxMessage.objects.queue(mail.EmailMessage("S", "B", to=[address]))
        OutboxMessage.objects.claim(row.pk).mark_sent(now=finished_at)
    waiting = OutboxMessage.objects.queue(mail.EmailMessage("S", "B", to=["wait@example.org"]))
    OutboxMessage.objects.filter(pk=waiting.pk).update(created_at=old)
    for name, stopped, success in (
        ("old success", old, True),
        ("new success", now, True),
        ("recent failure", old, False),
        ("old failure", now - timedelta(days=8), False),
    ):
        Success.objects.create(
            id=name.replace(" ", "-"),
            name=name,
            func="f",
            started=stopped,
            stopped=stopped,
            success=success,
        )

    assert purge_queue_history(now=now) == {"outbox": 1, "successes": 1, "failures": 1}

    assert sorted(OutboxMessage.objects.values_list("recipients", flat=True)) == [
        "\nnew@example.org\n",
        "\nwait@example.org\n",
    ]
    assert sorted(Success.objects.values_list("name", flat=True)) == ["new success"]
    assert sorted(Failure.objects.values_list("name", flat=True)) == ["recent failure"]


def test_the_schedules_sweep_every_minute_and_purge_every_hour():
    schedules = {
        s.func: (s.schedule_type, s.minutes, s.repeats)
        for s in Schedule.objects.filter(func__startswith="accounts.")
    }
    assert schedules == {
        "accounts.tasks.sweep_outbox": ("I", 1, -1),
        "accounts.tasks.purge_queue_history": ("I", 60, -1),
    }


def test_an_address_is_matched_whole():
    OutboxMessage.objects.queue(mail.EmailMessage("S", "B", to=["ba@example.org"]))
    mine = OutboxMessage.objects.queue(mail.EmailMessage("S", "B", to=["A@Example.org"]))

    assert list(OutboxMessage.objects.addressed_to(["a@example.org"])) == [mine]


@queued
def test_sign_up_confirmation_goes_through_the_outbox(client, commit):
    with commit():
        sign_up(client)

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["besa@example.org"]
    assert confirmation_path(mail.outbox[0])
    assert OutboxMessage.objects.get().state == OutboxState.SENT
    assert Success.objects.filter(func="accounts.tasks.deliver_outbox").count() == 1


def test_production_default_backend_is_the_outbox(settings):
    assert base.EMAIL_BACKEND == "accounts.mail.QueuedEmailBackend"
    assert settings.POP_EMAIL_DELIVERY_BACKEND == "django.core.mail.backends.locmem.EmailBackend"
    assert base.Q_CLUSTER["save_limit"] == 100
    assert base.Q_CLUSTER["timeout"] < base.POP_OUTBOX_LEASE_SECONDS


@queued
def test_a_subject_with_a_line_break_is_sent_on_one_line(commit):
    """A title with a carriage return or a line feed in it (pasted, or
    posted by hand), in a subject such as Wagtail's workflow notices, is
    sent on one line rather than refused by the worker (a header has one
    line) and lost."""
    with commit():
        mail.send_mail(
            "Faqja “Rreth\r\nnesh\rsot” pret shqyrtimin", "Trupi.", None, ["arta@example.org"]
        )

    assert [m.subject for m in mail.outbox] == ["Faqja “Rreth nesh sot” pret shqyrtimin"]
    assert OutboxMessage.objects.get().state == OutboxState.SENT
