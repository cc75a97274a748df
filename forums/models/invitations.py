"""Invitations: how a candidacy an editor created reaches the person who
runs. The e-mail carries a signed, expiring link; the row records who sent
it, whether it was claimed and by whom, or revoked (a newer one replaces
it), so that each link works once."""

import datetime

from django.conf import settings
from django.core import signing
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .candidates import Candidacy

INVITATION_SALT = "forums.invitation"
INVITATION_MAX_AGE = datetime.timedelta(days=14)


class InvitationQuerySet(models.QuerySet):
    def pending(self, now=None):
        """Not claimed, not revoked and not expired."""
        now = now or timezone.now()
        return self.filter(
            claimed_at__isnull=True, revoked_at__isnull=True, sent_at__gt=now - INVITATION_MAX_AGE
        )

    def for_emails(self, emails):
        query = models.Q(pk__in=[])
        for email in emails:
            query |= models.Q(email__iexact=email)
        return self.filter(query)


class Invitation(models.Model):
    """One invitation e-mail sent to a candidate. Its link is signed (not
    guessable, not editable) and expires; the database makes it single use."""

    candidacy = models.ForeignKey(
        Candidacy,
        verbose_name=_("candidacy"),
        # An invitation means nothing without its candidacy.
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    email = models.EmailField(_("e-mail address"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        blank=True,
        # The editor's account may go; the record of the invitation stays.
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("claimed by"),
        null=True,
        blank=True,
        # Deleting the account keeps the fact that the invitation was used.
        on_delete=models.SET_NULL,
        related_name="claimed_invitations",
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-sent_at", "-pk"]

    def __str__(self):
        return f"{self.candidacy} – {self.email}"

    @property
    def revoked(self):
        return self.revoked_at is not None

    @property
    def expires_at(self):
        return self.sent_at + INVITATION_MAX_AGE

    def is_expired(self, now=None):
        return (now or timezone.now()) >= self.expires_at

    @property
    def state(self):
        if self.claimed_at:
            return _("Claimed")
        if self.revoked_at:
            return _("Revoked")
        if self.is_expired():
            return _("Expired")
        return _("Waiting")

    def token(self):
        return signing.dumps(self.pk, salt=INVITATION_SALT)

    def get_claim_path(self):
        return reverse("forums:claim", args=[self.token()])

    @classmethod
    def from_token(cls, token):
        """The invitation a token names. Raises `signing.SignatureExpired`,
        `signing.BadSignature` (tampered) or `cls.DoesNotExist`."""
        pk = signing.loads(token, salt=INVITATION_SALT, max_age=INVITATION_MAX_AGE)
        return cls.objects.select_related("candidacy__municipality", "candidacy__election").get(
            pk=pk
        )
