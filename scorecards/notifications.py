"""E-mails of the monitoring work: a monitor's saved round tells the editors
who publish (one e-mail per round, whatever its number of rows)."""

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from wagtail.users.models import UserProfile

from .desk import round_url

PUBLISH_PERMISSION = "scorecards.publish_assessment"


def publishers():
    return ModelBackend().with_perm(PUBLISH_PERMISSION, is_active=True, include_superusers=True)


def notify_editors_of_round(monitor, contract, as_of, drafts):
    """One e-mail to each editor, in their admin language, about the drafts
    `monitor` saved for `contract` on `as_of`; none when an editor saved
    them. Returns how many were sent."""
    if not drafts or monitor.has_perm(PUBLISH_PERMISSION):
        return 0
    sent = 0
    for editor in publishers().exclude(pk=monitor.pk).exclude(email=""):
        language = UserProfile.get_for_user(editor).get_preferred_language()
        with translation.override(language):
            context = {
                "monitor": monitor,
                "contract": contract,
                "as_of": as_of,
                "drafts": drafts,
                "count": len(drafts),
                "round_url": settings.WAGTAILADMIN_BASE_URL + round_url(contract.pk, as_of),
            }
            subject = render_to_string("scorecards/email/round_saved_subject.txt", context)
            body = render_to_string("scorecards/email/round_saved.txt", context)
        send_mail(" ".join(subject.split()), body, None, [editor.email])
        sent += 1
    return sent
