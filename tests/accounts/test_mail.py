"""E-mail leaves through the django-q2 worker, never inside a request.

pytest-django swaps EMAIL_BACKEND for locmem; these tests put the queued
backend back. Test settings run django-q2 synchronously and deliver through
locmem, so a queued message still lands in `mail.outbox`.
"""

from unittest import mock

import pytest
from django_q.models import Success

from django.core import mail
from django.test import override_settings

from config.settings import base

from .test_signup import confirmation_path, sign_up

pytestmark = pytest.mark.django_db

queued = override_settings(EMAIL_BACKEND="accounts.mail.QueuedEmailBackend")


@queued
def test_a_message_is_delivered_by_the_worker_task():
    sent = mail.send_mail("Përshëndetje", "Mirë se erdhët.", None, ["arta@example.org"])

    assert sent == 1
    assert [(m.subject, m.to) for m in mail.outbox] == [("Përshëndetje", ["arta@example.org"])]
    task = Success.objects.get()
    assert task.func == "accounts.tasks.deliver_email"
    assert task.name == "deliver e-mail"
    assert task.result == 1


@queued
def test_each_message_is_its_own_task():
    messages = [
        mail.EmailMessage("Një", "1", to=["a@example.org"]),
        mail.EmailMessage("Dy", "2", to=["b@example.org"]),
    ]

    assert mail.get_connection().send_messages(messages) == 2
    assert Success.objects.filter(func="accounts.tasks.deliver_email").count() == 2
    assert sorted(m.subject for m in mail.outbox) == ["Dy", "Një"]


@queued
def test_the_backend_only_queues():
    with mock.patch("accounts.mail.async_task") as async_task:
        mail.send_mail("Subjekti", "Teksti", None, ["arta@example.org"])

    assert mail.outbox == []
    async_task.assert_called_once()
    assert async_task.call_args.args[0] == "accounts.tasks.deliver_email"
    assert async_task.call_args.args[1].subject == "Subjekti"


@queued
def test_sign_up_confirmation_goes_through_the_queue(client):
    sign_up(client)

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["besa@example.org"]
    assert confirmation_path(mail.outbox[0])
    assert Success.objects.filter(func="accounts.tasks.deliver_email").count() == 1


def test_production_default_backend_is_the_queue(settings):
    assert base.EMAIL_BACKEND == "accounts.mail.QueuedEmailBackend"
    assert settings.POP_EMAIL_DELIVERY_BACKEND == "django.core.mail.backends.locmem.EmailBackend"
