"""Background work for consultations, run by the django-q2 worker.

- `notify_reply(comment_id)`: queued when a reply is published.
- `announce_opened_consultations()` and `send_moderation_digest()`: run on a
  schedule (django_q Schedule rows made by migration 0002; also
  `manage.py consultation_notifications`).
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from .following import announce_contract_later
from .models import Comment, CommentState, NotificationKind, Report, SocialContract
from .notifications import unsubscribe_url
from .rules import MODERATION_PERMISSION


def _page_url(contract, language=None):
    language = language or settings.LANGUAGE_CODE
    page = contract.pages.live().filter(locale__language_code=language).first()
    if page is None:
        return settings.WAGTAILADMIN_BASE_URL
    return page.get_full_url()


def notify_reply(comment_id):
    """Tell a comment's author that someone replied (if they opted in)."""
    reply = (
        Comment.objects.select_related("parent__author", "author", "priority__contract")
        .filter(pk=comment_id, state=CommentState.VISIBLE, parent__isnull=False)
        .first()
    )
    if reply is None or reply.author_id is None:  # gone, or its author's account deleted
        return 0
    recipient = reply.parent.author
    if recipient is None or recipient.pk == reply.author_id or not recipient.notify_replies:
        return 0
    language = recipient.email_language or settings.LANGUAGE_CODE
    with translation.override(language):
        context = {
            "recipient": recipient,
            "reply": reply,
            "url": f"{_page_url(reply.priority.contract, language)}#{reply.anchor}",
            "unsubscribe_url": unsubscribe_url(recipient, "replies", language),
        }
        send_mail(
            render_to_string("consultations/email/reply_subject.txt", context).strip(),
            render_to_string("consultations/email/reply.txt", context),
            None,
            [recipient.email],
        )
    return 1


def announce_opened_consultations(now=None):
    """E-mail the residents who opted in when a consultation opens in their
    municipality; each contract is announced once."""
    now = now or timezone.now()
    sent = 0
    User = get_user_model()
    with translation.override(settings.LANGUAGE_CODE):
        contracts = list(
            SocialContract.objects.opened_unannounced(now)
            .select_related("municipality", "election")
            .localized("municipality__name")
        )
    for contract in contracts:
        # The residents' e-mails (written to the outbox), the mark and the
        # followers' announcement commit together: a worker killed half-way
        # leaves the contract unannounced, to be announced whole next time.
        with transaction.atomic():
            residents = User.objects.filter(
                municipality=contract.municipality, notify_municipality=True, is_active=True
            )
            for resident in residents:
                language = resident.email_language or settings.LANGUAGE_CODE
                with translation.override(language):
                    context = {
                        "recipient": resident,
                        "contract": contract,
                        "url": _page_url(contract, language),
                        "unsubscribe_url": unsubscribe_url(resident, "municipality", language),
                    }
                    send_mail(
                        render_to_string("consultations/email/opened_subject.txt", context).strip(),
                        render_to_string("consultations/email/opened.txt", context),
                        None,
                        [resident.email],
                    )
                    sent += 1
            contract.opening_announced_at = now
            contract.save(update_fields=["opening_announced_at"])
            announce_contract_later(NotificationKind.CONSULTATION_OPENED, contract)
    return sent


def moderators():
    """Active people who may moderate comments: those with the permission
    `rules.can_moderate` checks (from a group or their own), and superusers."""
    return ModelBackend().with_perm(MODERATION_PERMISSION, is_active=True, include_superusers=True)


def send_moderation_digest(now=None):
    """One e-mail to each moderator listing comments reported since the last digest."""
    now = now or timezone.now()
    reports = Report.objects.filter(digested_at__isnull=True, resolved_at__isnull=True)
    comments = list(
        Comment.objects.filter(reports__in=reports)
        .distinct()
        .select_related("author", "priority__contract__municipality")
    )
    if not comments:
        return 0
    context = {
        "comments": comments,
        "queue_url": settings.WAGTAILADMIN_BASE_URL + reverse("consultations_moderation"),
    }
    with translation.override("en"):  # staff use the admin in English
        subject = render_to_string("consultations/email/digest_subject.txt", context).strip()
        body = render_to_string("consultations/email/digest.txt", context)
    for moderator in moderators():
        send_mail(subject, body, None, [moderator.email])
    reports.update(digested_at=now)
    return len(comments)
