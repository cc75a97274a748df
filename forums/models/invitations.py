"""Invitations: how a candidacy an editor created reaches the person who
runs. The e-mail carries a signed, expiring link; the row records who sent
it, whether it was claimed and by whom, or revoked (a newer one replaces
it), so that each link works once."""

import datetime

from allauth.account.models import EmailAddress

from django.conf import settings
from django.core import signing
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.log_actions import log

from cms_pages.models import LocalizedQuerySet

from .. import worker
from ..rules.candidates import can_claim
from .candidates import Candidacy, CandidacyStatus
from .refusals import Refused

INVITATION_SALT = "forums.invitation"
INVITATION_MAX_AGE = datetime.timedelta(days=14)


class InvitationQuerySet(LocalizedQuerySet):
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

    def waiting_for(self, user):
        """Pending invitations sent to one of `user`'s verified addresses, for
        candidacies not theirs yet and not declined ("My candidacies")."""
        emails = EmailAddress.objects.filter(user=user, verified=True).values_list(
            "email", flat=True
        )
        return (
            self.pending()
            .for_emails(list(emails))
            .exclude(candidacy__user=user)
            .exclude(candidacy__status=CandidacyStatus.DECLINED)
            .select_related("candidacy__municipality", "candidacy__election")
        )

    def send(self, candidacy, email, editor):
        """`editor` invites the person who runs for `candidacy` at `email`: a
        new invitation cancels the links sent before it; the e-mail goes from
        the worker once the invitation is saved."""
        now = timezone.now()
        with transaction.atomic():
            candidacy.invitations.filter(claimed_at__isnull=True, revoked_at__isnull=True).update(
                revoked_at=now
            )
            invitation = self.create(candidacy=candidacy, email=email, sent_by=editor, sent_at=now)
            log(candidacy, "forums.invitation.send", user=editor, data={"email": email})
            worker.queue("send_invitation", invitation.pk)
        return invitation

    def claim(self, invitation, user):
        """`user` accepts `invitation`: the candidacy is linked to their
        account, once. The row is locked and `can_claim` asked again, so two
        clicks cannot both win (`Refused` carries the reason)."""
        with transaction.atomic():
            invitation = (
                self.select_for_update()
                .select_related("candidacy__municipality", "candidacy__election")
                .get(pk=invitation.pk)
            )
            decision = can_claim(user, invitation)
            if not decision:
                raise Refused(decision)
            invitation.claimed_at, invitation.claimed_by = timezone.now(), user
            invitation.save(update_fields=["claimed_at", "claimed_by"])
            candidacy = invitation.candidacy
            candidacy.user = user
            candidacy.save(update_fields=["user"])
            log(candidacy, "forums.invitation.claim", user=user, data={"invitation": invitation.pk})
        return candidacy


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

    @property
    def masked_email(self):
        """The invited address as shown to whoever holds the link: enough
        for its owner to recognise it ("t…@example.org"), not to learn it."""
        local, _at, domain = self.email.partition("@")
        return f"{local[:1]}…@{domain}"

    def is_expired(self, now=None):
        return (now or timezone.now()) >= self.expires_at

    @property
    def state(self):
        if self.claimed_at:
            return _("Claimed, account unlinked") if self.revoked_at else _("Claimed")
        if self.revoked_at:
            return _("Revoked")
        if self.is_expired():
            return _("Expired")
        return _("Waiting")

    def revoke(self, editor):
        """Cancel the link: it no longer works. Logged on the candidacy."""
        self.revoked_at = timezone.now()
        self.save(update_fields=["revoked_at"])
        log(self.candidacy, "forums.invitation.revoke", user=editor, data={"email": self.email})

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
