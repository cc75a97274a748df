"""E-mail never leaves inside a request: this backend writes each message to
the outbox (`accounts.models.OutboxMessage`) in the caller's transaction and,
once that commits, asks the django-q2 worker to deliver it with
`POP_EMAIL_DELIVERY_BACKEND`. If that request is lost, the every-minute
sweep (`accounts.tasks.sweep_outbox`) finds the message still waiting.

Tasks that compose e-mail from ids are queued the same way, with
`enqueue_composition`: so are the tasks that lead to e-mail, such as
announcing a change to followers and each batch of its fan-out
(consultations.following), so that no worker's death loses them."""

from functools import partial

from django_q.tasks import async_task

from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction

from .models import DELIVER_TASK, OutboxMessage


def enqueue_composition(task, *args):
    """Have the worker run `task(*args)`, a dotted path to a function that
    composes e-mail from ids and sends it with `send_mail`, once the
    caller's transaction commits, durably: the job is a row written in that
    transaction (`OutboxMessage.objects.queue_composition`), so a worker or
    broker that loses its task leaves it for the sweep, and it is composed
    exactly once, with every row it writes (notifications, e-mails, the
    next job). `args` are ids (JSON), never addresses or text."""
    job = OutboxMessage.objects.queue_composition(task, *args)
    transaction.on_commit(
        partial(async_task, DELIVER_TASK, job.pk, task_name="compose e-mail"),
        robust=True,  # the job is committed; the sweep hands it out
    )
    return job


class QueuedEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        count = 0
        for message in email_messages:
            if not message.recipients():
                continue
            outgoing = OutboxMessage.objects.queue(message)
            if outgoing is not None:
                transaction.on_commit(
                    partial(async_task, DELIVER_TASK, outgoing.pk, task_name="deliver e-mail"),
                    robust=True,  # the change is committed; the sweep retries
                )
            count += 1
        return count
