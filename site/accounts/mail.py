"""E-mail never leaves inside a request: this backend hands each message to
the django-q2 worker, which delivers it with `POP_EMAIL_DELIVERY_BACKEND`."""

from django_q.tasks import async_task

from django.core.mail.backends.base import BaseEmailBackend


class QueuedEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        count = 0
        for message in email_messages:
            message.connection = None  # the worker opens its own
            async_task("accounts.tasks.deliver_email", message, task_name="deliver e-mail")
            count += 1
        return count
