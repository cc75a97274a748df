"""E-mails to citizens and moderators. Built here, sent by django-q2 tasks
(consultations.tasks): never inside a request."""

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import translation

UNSUBSCRIBE_SALT = "consultations.unsubscribe"


def unsubscribe_url(user, kind, language=None):
    """An absolute link that turns off `kind` ("replies" or "municipality")
    e-mails for `user`, without signing in."""
    token = signing.dumps({"user": user.pk, "kind": kind}, salt=UNSUBSCRIBE_SALT)
    with translation.override(language or settings.LANGUAGE_CODE):
        path = reverse("consultations:unsubscribe", args=[token])
    return f"{settings.WAGTAILADMIN_BASE_URL}{path}"


def queue_reply_notification(comment):
    """After the reply is committed, ask the worker to tell the parent's author."""
    if comment.parent_id is None:
        return
    from django_q.tasks import async_task

    transaction.on_commit(
        lambda: async_task("consultations.tasks.notify_reply", comment.pk, group="consultations")
    )
