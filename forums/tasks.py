"""E-mails to candidates, sent by the django-q2 worker (never inside a
request): the invitation with its signed link, and the network's answer to a
candidacy someone asked for. Queued by the models' writes (`forums.worker`)."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from .models import Candidacy, Invitation


def _absolute(path):
    return f"{settings.WAGTAILADMIN_BASE_URL}{path}"


def send_invitation(invitation_id):
    invitation = (
        Invitation.objects.select_related("candidacy__municipality", "candidacy__election")
        .filter(pk=invitation_id, claimed_at__isnull=True, revoked_at__isnull=True)
        .first()
    )
    if invitation is None:  # revoked or claimed before the worker got to it
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "invitation": invitation,
            "candidacy": invitation.candidacy,
            "url": _absolute(invitation.get_claim_path()),
            "expires_at": invitation.expires_at,
        }
        send_mail(
            render_to_string("forums/email/invitation_subject.txt", context).strip(),
            render_to_string("forums/email/invitation.txt", context),
            None,
            [invitation.email],
        )
    return 1


def notify_candidacy_decision(candidacy_id):
    """Tell the person who asked for a candidacy that it was confirmed or declined."""
    candidacy = (
        Candidacy.objects.select_related("user", "municipality", "election")
        .filter(pk=candidacy_id, user__isnull=False)
        .first()
    )
    if candidacy is None or candidacy.status == "requested":
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "candidacy": candidacy,
            "recipient": candidacy.user,
            "url": _absolute(reverse("forums:my_candidacies")),
        }
        send_mail(
            render_to_string("forums/email/decision_subject.txt", context).strip(),
            render_to_string("forums/email/decision.txt", context),
            None,
            [candidacy.user.email],
        )
    return 1
