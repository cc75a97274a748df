"""Background tasks run by the django-q2 worker: delivering the outbox
(`accounts.models.OutboxMessage`) and keeping the queue tables short.

Task arguments are outbox ids, never addresses or message bodies, so
django-q2's queue and its task history hold nothing personal."""

import logging
from datetime import timedelta

from django_q.models import Failure, Success
from django_q.tasks import async_task

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from .models import DELIVER_TASK, OutboxKind, OutboxMessage

logger = logging.getLogger(__name__)


def deliver_outbox(message_id):
    """Send outbox message `message_id` if it is still due; 1 if sent now.

    A task delivered twice, or one for a message another worker holds or
    has sent, does nothing: the claim decides."""
    outgoing = OutboxMessage.objects.claim(message_id)
    if outgoing is None:
        return 0
    if outgoing.kind == OutboxKind.COMPOSITION:
        return compose(outgoing)
    try:
        connection = get_connection(settings.POP_EMAIL_DELIVERY_BACKEND, fail_silently=False)
        connection.send_messages([outgoing.email_message()])
    except Exception as error:  # noqa: BLE001 - whatever the server says, try again later
        logger.warning("E-mail #%s not sent (try %s): %s", outgoing.pk, outgoing.attempts, error)
        outgoing.release(error)
        return 0
    outgoing.mark_sent()
    return 1


class ClaimLost(Exception):
    """The job's lease ran out and another worker holds it now."""


def compose(job):
    """Run a claimed composition job: its task's e-mail enters the outbox in
    the same transaction that marks the job done. A worker that dies midway
    leaves neither (the sweep hands the job out again once its lease runs
    out), and one that finishes leaves both, so a job is composed once. A
    task that fails is retried like a message; one whose rows are gone (a
    deleted comment, a revoked invitation) sends nothing and is done."""
    try:
        with transaction.atomic():
            import_string(job.message["task"])(*job.message["args"])
            if not job.mark_sent():
                raise ClaimLost
    except ClaimLost:
        return 0
    except Exception as error:  # noqa: BLE001 - whatever went wrong, try again later
        logger.warning("E-mail job #%s failed (try %s): %s", job.pk, job.attempts, error)
        job.release(error)
        return 0
    return 1


def sweep_outbox():
    """Hand the workers every message that is due again: waiting (its task
    was lost with a worker or a broker) or claimed by a worker that died.
    Runs every minute (schedule made by migration 0004)."""
    due = list(OutboxMessage.objects.due().values_list("pk", flat=True)[:1000])
    for message_id in due:
        async_task(DELIVER_TASK, message_id, task_name="deliver e-mail")
    return len(due)


def purge_queue_history(now=None):
    """Delete finished outbox rows and django-q2's history of finished tasks
    once they are no longer needed. Runs hourly (migration 0004)."""
    now = now or timezone.now()
    keep = timedelta(seconds=settings.POP_QUEUE_HISTORY_SECONDS)
    outbox, _ = OutboxMessage.objects.finished_before(now - keep).delete()
    successes, _ = Success.objects.filter(stopped__lt=now - keep).delete()
    failures, _ = Failure.objects.filter(stopped__lt=now - 7 * keep).delete()
    return {"outbox": outbox, "successes": successes, "failures": failures}


def deliver_email(message):
    """Tasks queued before the outbox carried the message itself: put it in
    the outbox and deliver it from there."""
    outgoing = OutboxMessage.objects.queue(message)
    return deliver_outbox(outgoing.pk) if outgoing else 0
