"""E-mails to citizens and moderators. Built here, sent by django-q2 tasks
(consultations.tasks): never inside a request."""

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation

from accounts.mail import enqueue_composition

UNSUBSCRIBE_SALT = "consultations.unsubscribe"


def unsubscribe_url(user, kind, language=None):
    """An absolute link that turns off `kind` ("replies" or "municipality")
    e-mails for `user`, without signing in."""
    token = signing.dumps({"user": user.pk, "kind": kind}, salt=UNSUBSCRIBE_SALT)
    with translation.override(language or settings.LANGUAGE_CODE):
        path = reverse("consultations:unsubscribe", args=[token])
    return f"{settings.WAGTAILADMIN_BASE_URL}{path}"


def queue_reply_notification(comment):
    """After the reply is committed, have the worker tell the parent's
    author (a durable job, written with the reply: README, "E-mail delivery")."""
    if comment.parent_id is None:
        return
    enqueue_composition("consultations.tasks.notify_reply", comment.pk)
