"""What test_outbox_survives_killed_workers installs in the real worker.

`RecordingBackend` delivers each message as a file in `$POP_OUTBOX_SINK`
(the SMTP server of the test). `$POP_OUTBOX_PAUSE` (`step:address,…`) stops
a worker for good at that step of the message to that address, after
writing a marker file `paused-<step>` so that the test knows when to kill
the cluster:

- `picked`: the worker has taken the delivery task from the broker and has
  not claimed the message yet (django-q2's `pre_execute`);
- `claimed`: the message is claimed and not yet handed to the server;
- `sent`: the server has it; the outbox does not know yet.

A composition job (a task composing e-mail from ids) is named by its task's
dotted path: `picked:consultations.tasks.notify_reply`. `PausingQueuedBackend`
(the site's e-mail backend in the worker) adds one step:

- `composed`: a job's task has written its message to the outbox, in the
  transaction that has not yet marked the job done.

and a step of the job itself, named by its task:

- `done`: a job's task has run (written its rows, its e-mails, its next
  job), in the transaction that has not yet marked the job done.

`$POP_FAN_OUT_BATCH` sets the followers told by one batch of a fan-out
(`consultations.following.BATCH_SIZE`).
"""

import os
import time
from pathlib import Path

from django_q.signals import pre_execute

from django.core.mail.backends.base import BaseEmailBackend

from accounts.mail import QueuedEmailBackend
from accounts.models import DELIVER_TASK, OutboxKind, OutboxMessage, envelope_recipients
from consultations import following


def pause_at(step, recipients):
    wanted = os.environ.get("POP_OUTBOX_PAUSE", "").split(",")
    if any(f"{step}:{recipient}" in wanted for recipient in recipients):
        Path(os.environ["POP_OUTBOX_SINK"], f"paused-{step}").write_text(str(os.getpid()))
        time.sleep(3600)  # until the test kills the cluster


def before_task(sender, func, task, **kwargs):
    if task.get("func") == DELIVER_TASK:
        outgoing = OutboxMessage.objects.filter(pk=task["args"][0]).first()
        if outgoing is not None:
            pause_at("picked", outgoing.recipients.split() or [outgoing.message.get("task")])


class RecordingBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        for message in email_messages:
            recipients = envelope_recipients(message)
            pause_at("claimed", recipients)
            sink = Path(os.environ["POP_OUTBOX_SINK"], "mail")
            sink.mkdir(exist_ok=True)
            partial = sink / f".{time.time_ns()}-{os.getpid()}"
            partial.write_bytes(message.message().as_bytes())
            partial.rename(sink / f"{partial.name[1:]}.eml")
            pause_at("sent", recipients)
        return len(email_messages)


class PausingQueuedBackend(QueuedEmailBackend):
    def send_messages(self, email_messages):
        count = super().send_messages(email_messages)
        for message in email_messages:
            pause_at("composed", envelope_recipients(message))
        return count


def pausing_before_marking(mark_sent):
    def mark(self, now=None):
        if self.kind == OutboxKind.COMPOSITION:
            pause_at("done", [self.message.get("task")])
        return mark_sent(self, now)

    return mark


def connect():
    pre_execute.connect(before_task, dispatch_uid="outbox_probe")
    OutboxMessage.mark_sent = pausing_before_marking(OutboxMessage.mark_sent)
    if os.environ.get("POP_FAN_OUT_BATCH"):
        following.BATCH_SIZE = int(os.environ["POP_FAN_OUT_BATCH"])
