"""The municipality's right of reply: editors invite a respondent for a
municipality (the mayor's office) with a signed, expiring, single-use link,
as candidates are invited (`forums.models.invitations`: same age, same
claiming rule); the respondent is told when an assessment of their
municipality is published and may answer it once, within 30 days. Nobody
edits a reply once posted; editors may hide one, with a reason shown in its
place."""

import os

from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.db import IntegrityError, models, transaction
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.contrib.routable_page.models import path
from wagtail.log_actions import log

from accounts.mail import enqueue_composition
from consultations.decisions import Decision
from forums.models import INVITATION_MAX_AGE, Refused

from ..replies import (
    DOCUMENT_VALIDATORS,
    REPLY_MAX_LENGTH,
    REPLY_WINDOW,
    ReplyForm,
    already_replied,
    can_claim_respondent,
    can_reply,
    respondent_for,
)
from .assessments import Assessment, monitored_priorities

RESPONDENT_SALT = "scorecards.respondent"


def reply_deadline(assessment):
    """The moment the municipality's right to reply to `assessment` ends."""
    return assessment.published_at + REPLY_WINDOW


class RespondentQuerySet(models.QuerySet):
    def active(self):
        """Claimed and not revoked: the accounts that reply for a municipality."""
        return self.filter(claimed_at__isnull=False, revoked_at__isnull=True, user__isnull=False)

    def of_person(self, user, emails):
        """The roles `user` holds, or was invited to at one of `emails`."""
        query = Q(user=user)
        for email in emails:
            query |= Q(email__iexact=email)
        return self.filter(query)

    def forget_person(self, user, emails, now=None):
        """Deleting `user`'s account: her roles end. A role or invitation
        that posted no reply goes; one that did stays, ended and without her
        address, so that the municipality's replies keep their author's role
        (the public record: a reply is the municipality's, not hers)."""
        roles = self.of_person(user, emails)
        roles.filter(replies__isnull=True).delete()
        roles.update(
            email="", user=None, revoked_at=Coalesce(F("revoked_at"), Value(now or timezone.now()))
        )

    def invite(self, municipality, email, editor):
        """`editor` invites the mayor's office of `municipality` at `email`:
        the signed link goes out from the worker once the row is saved."""
        with transaction.atomic():
            respondent = self.create(municipality=municipality, email=email, invited_by=editor)
            log(respondent, "scorecards.respondent.invite", user=editor, data={"email": email})
            enqueue_composition(
                "scorecards.replies_tasks.send_respondent_invitation", respondent.pk
            )
        return respondent

    def claim(self, respondent, user):
        """`user` accepts the invitation, once: the row is locked and the rule
        asked again, so two clicks cannot both win."""
        with transaction.atomic():
            respondent = self.select_for_update().get(pk=respondent.pk)
            decision = can_claim_respondent(user, respondent)
            if not decision:
                raise Refused(decision)
            respondent.user, respondent.claimed_at = user, timezone.now()
            respondent.save(update_fields=["user", "claimed_at"])
            log(respondent, "scorecards.respondent.claim", user=user)
        return respondent


class Respondent(models.Model):
    """Who answers for a municipality (the mayor's office): invited by an
    editor at an address, bound to the account that claims the link with
    that address verified; revoked, never deleted, so that the replies it
    posted keep their author's role."""

    municipality = models.ForeignKey(
        "cms_pages.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"locale__language_code": settings.LANGUAGE_CODE},
        help_text=_("The municipality this office answers for."),
    )
    email = models.EmailField(
        _("e-mail address"), help_text=_("The mayor's office's address: the link goes there.")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        editable=False,
        # Deleting the account ends the role; the record and its replies stay.
        on_delete=models.SET_NULL,
        related_name="respondent_roles",
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    invited_at = models.DateTimeField(_("invited at"), default=timezone.now, editable=False)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True, editable=False)

    objects = RespondentQuerySet.as_manager()

    class Meta:
        verbose_name = _("respondent")
        verbose_name_plural = _("respondents")
        ordering = ["-invited_at", "-pk"]

    def __str__(self):
        return f"{self.municipality} – {self.email}"

    @property
    def masked_email(self):
        if not self.email:  # its account was deleted
            return ""
        local, _at, domain = self.email.partition("@")
        return f"{local[:1]}…@{domain}"

    @property
    def expires_at(self):
        return self.invited_at + INVITATION_MAX_AGE

    def is_expired(self, now=None):
        return (now or timezone.now()) >= self.expires_at

    @property
    def state(self):
        if self.revoked_at:
            return _("Revoked")
        if self.claimed_at:
            return _("Active")
        if self.is_expired():
            return _("Expired")
        return _("Waiting")

    def revoke(self, editor):
        """End the role (or cancel the link): logged."""
        self.revoked_at = timezone.now()
        self.save(update_fields=["revoked_at"])
        log(self, "scorecards.respondent.revoke", user=editor, data={"email": self.email})

    def token(self):
        return signing.dumps(self.pk, salt=RESPONDENT_SALT)

    def get_claim_path(self):
        return reverse("scorecards_respondent_claim", args=[self.token()])

    @classmethod
    def from_token(cls, token):
        """The respondent a token names. Raises `signing.SignatureExpired`,
        `signing.BadSignature` or `cls.DoesNotExist`."""
        pk = signing.loads(token, salt=RESPONDENT_SALT, max_age=INVITATION_MAX_AGE)
        return cls.objects.select_related("municipality").get(pk=pk)


class ReplyQuerySet(models.QuerySet):
    def post(self, user, assessment, text, documents=(), now=None):
        """`user` replies for the municipality to `assessment`: once, within
        the window, with `text` and up to three `documents` (uploaded files).
        Raises `Refused` with the reason; the assessment is locked so that
        two replies cannot both be saved."""
        now = now or timezone.now()
        text = text.strip()
        with transaction.atomic():
            assessment = (
                Assessment.objects.select_for_update(of=("self",))
                .select_related("priority__contract")
                .get(pk=assessment.pk)
            )
            decision = can_reply(user, assessment, now)
            if not decision:
                raise Refused(decision)
            if not text:
                raise Refused(Decision(False, "empty", gettext("Write the municipality's reply.")))
            respondent = respondent_for(user, assessment)
            try:
                with transaction.atomic():
                    reply = self.create(
                        assessment=assessment, text=text, respondent=respondent, posted_at=now
                    )
            except IntegrityError:
                raise Refused(already_replied()) from None
            for upload in documents:
                ReplyDocument.objects.create(reply=reply, file=upload)
            log(reply, "scorecards.reply.post", user=user)
        return reply

    def by_assessment(self, assessment_pks):
        """`{assessment pk: Reply}` with documents, in two queries."""
        return {
            reply.assessment_id: reply
            for reply in self.filter(assessment_id__in=assessment_pks).prefetch_related("documents")
        }


class Reply(models.Model):
    """The municipality's one answer to a published assessment, shown
    beside it everywhere the assessment is. Never edited; editors may hide it
    with a reason."""

    assessment = models.OneToOneField(
        Assessment,
        verbose_name=_("assessment"),
        on_delete=models.PROTECT,
        related_name="reply",
    )
    text = models.TextField(_("text"), max_length=REPLY_MAX_LENGTH)
    respondent = models.ForeignKey(
        Respondent,
        verbose_name=_("posted by"),
        on_delete=models.PROTECT,
        related_name="replies",
    )
    posted_at = models.DateTimeField(_("posted at"), default=timezone.now)
    hidden_at = models.DateTimeField(_("hidden at"), null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("hidden by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hidden_reason = models.CharField(_("reason for hiding"), max_length=300, blank=True)

    objects = ReplyQuerySet.as_manager()

    class Meta:
        verbose_name = _("reply of the municipality")
        verbose_name_plural = _("replies of the municipalities")
        ordering = ["-posted_at", "-pk"]

    def __str__(self):
        return gettext("Reply to %(assessment)s") % {"assessment": self.assessment}

    @property
    def is_hidden(self):
        return self.hidden_at is not None

    def hide(self, editor, reason):
        """Hide the reply from the public, with `reason` shown in its place; logged."""
        reason = reason.strip()
        if not reason:
            raise Refused(Decision(False, "no_reason", gettext("Say why the reply is hidden.")))
        self.hidden_at, self.hidden_by, self.hidden_reason = timezone.now(), editor, reason
        self.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
        log(self, "scorecards.reply.hide", user=editor, data={"reason": reason})


class ReplyDocument(models.Model):
    """A file the municipality joins to its reply (a decision, a photo)."""

    reply = models.ForeignKey(
        Reply, verbose_name=_("reply"), on_delete=models.CASCADE, related_name="documents"
    )
    file = models.FileField(
        _("file"),
        upload_to="replies/%Y/%m/",
        validators=DOCUMENT_VALIDATORS,
    )

    class Meta:
        verbose_name = _("document of a reply")
        verbose_name_plural = _("documents of replies")
        ordering = ["pk"]

    def __str__(self):
        return self.name

    @property
    def name(self):
        return os.path.basename(self.file.name)


class ReplyRoutes:
    """The reply form's route on `MunicipalityScorecardPage`
    (`replies/<assessment id>/`, in the page's language): shown to whoever
    follows the link from an assessment; the rule says who may post."""

    def respondents_here(self):
        """The ids of the accounts that reply for this page's municipality
        (a handful): one query; kept with the page's contracts, so a reader
        is told apart from them without a query of their own."""
        return frozenset(
            Respondent.objects.active()
            .filter(municipality_id=self.municipality_id)
            .values_list("user_id", flat=True)
        )

    def attach_replies(self, request, assessments, now=None, is_respondent=None):
        """Set on each of `assessments` (read with their `reply`, as
        `Assessment.objects.histories` reads them) its `public_reply` (or
        None), whether its window is still open, and for the municipality's
        respondent the address of the reply form: no query (one for a
        signed-in visitor unless `is_respondent` is given, see
        `respondents_here`), whatever their number."""
        now = now or timezone.now()
        if is_respondent is None:
            is_respondent = (
                request.user.is_authenticated
                and request.user.respondent_roles.active()
                .filter(municipality_id=self.municipality_id)
                .exists()
            )
        base = self.get_url(request) if is_respondent else ""
        for assessment in assessments:
            assessment.public_reply = getattr(assessment, "reply", None)
            assessment.reply_open = now <= reply_deadline(assessment)
            assessment.reply_url = (
                base + self.reverse_subpage("reply", args=[assessment.pk]) if base else ""
            )

    @path("replies/<int:assessment_id>/", name="reply")
    def reply_view(self, request, assessment_id):
        assessment = (
            Assessment.objects.published()
            .for_municipality(self.municipality_id)
            .select_related("priority__contract")
            .filter(pk=assessment_id)
            .first()
        )
        if assessment is None:
            raise Http404
        now = timezone.now()
        decision = can_reply(request.user, assessment, now)
        form = ReplyForm(request.POST or None, request.FILES or None)
        status = 200
        if request.method == "POST":
            if not decision:
                status = 403
            elif form.is_valid():
                try:
                    Reply.objects.post(
                        request.user,
                        assessment,
                        form.cleaned_data["text"],
                        form.cleaned_data["documents"],
                        now,
                    )
                except Refused as refused:
                    decision, status = refused.decision, 403
                else:
                    messages.success(request, gettext("The municipality's reply is published."))
                    priority = assessment.priority
                    return redirect(f"{self.get_url(request)}#{priority.anchor}")
            else:
                status = 400
        elif not decision and decision.reason != "anonymous":
            status = 403
        priority = monitored_priorities().localized("title").get(pk=assessment.priority_id)
        return TemplateResponse(
            request,
            "scorecards/replies/reply_form.html",
            {
                "page": self,
                "self": self,
                "assessment": assessment,
                "priority_title": priority.localized_title,
                "decision": decision,
                "form": form,
                "deadline": reply_deadline(assessment),
                "max_length": REPLY_MAX_LENGTH,
            },
            status=status,
        )
