"""Background tasks run by the django-q2 worker."""

from django.conf import settings
from django.core.mail import get_connection


def deliver_email(message):
    """Send one queued message through the real delivery backend."""
    connection = get_connection(settings.POP_EMAIL_DELIVERY_BACKEND)
    return connection.send_messages([message])
