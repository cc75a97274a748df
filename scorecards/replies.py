"""The right of reply's limits, its rules (who may claim a respondent's
invitation, who may reply to which assessment and when; re-exported by
`scorecards.rules`) and the form a respondent fills on the public site.
Imports no model, so that the models may ask these rules inside their
writes: the rows are read through the user's and the assessment's
relations."""

import datetime
import os

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from consultations.rules import ALLOWED, Decision, has_verified_email, unverified_refusal
from forums.rules.candidates import _invited_address as invited_address

#: How long after an assessment's publication the municipality may reply.
REPLY_WINDOW = datetime.timedelta(days=30)
REPLY_MAX_LENGTH = 2000
REPLY_MAX_DOCUMENTS = 3
DOCUMENT_MAX_SIZE = 5 * 1024 * 1024
DOCUMENT_EXTENSIONS = ["pdf", "jpg", "jpeg", "png", "odt", "docx"]


def validate_document_size(upload):
    if upload.size > DOCUMENT_MAX_SIZE:
        raise ValidationError(
            gettext("“%(name)s” is larger than %(size)s.")
            % {"name": os.path.basename(upload.name), "size": filesizeformat(DOCUMENT_MAX_SIZE)}
        )


DOCUMENT_VALIDATORS = [FileExtensionValidator(DOCUMENT_EXTENSIONS), validate_document_size]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (as Django's documentation shows)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data]
        return [super().clean(data, initial)] if data else []


class ReplyForm(forms.Form):
    text = forms.CharField(
        label=_("The municipality's reply"),
        max_length=REPLY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8, "maxlength": REPLY_MAX_LENGTH}),
        help_text=_("Up to 2,000 characters. Once posted, a reply cannot be changed."),
    )
    documents = MultipleFileField(
        label=_("Documents (optional)"),
        required=False,
        validators=DOCUMENT_VALIDATORS,
        help_text=_("Up to 3 files: PDF, JPG, PNG, ODT or DOCX, 5 MB each at most."),
    )

    def clean_documents(self):
        documents = self.cleaned_data["documents"] or []
        if len(documents) > REPLY_MAX_DOCUMENTS:
            raise ValidationError(gettext("Join at most 3 documents."))
        return documents


def can_claim_respondent(user, respondent, now=None):
    """May `user` become the respondent `respondent` invited? The link's
    signature and age are checked before (`Respondent.from_token`); the
    account must hold the invited address, verified, as for candidates."""
    now = now or timezone.now()
    if not user.is_authenticated:
        return Decision(
            False,
            "anonymous",
            gettext("Sign in, or create an account, to accept the invitation."),
            reverse("account_login"),
        )
    if not has_verified_email(user):
        return unverified_refusal(gettext("Confirm your e-mail address first: we sent you a link."))
    if respondent.revoked_at is not None:
        return Decision(
            False,
            "revoked",
            gettext(
                "This invitation is no longer valid: the network withdrew it. Ask for a new one."
            ),
        )
    if respondent.claimed_at is not None:
        if respondent.user_id == user.pk:
            return Decision(
                False, "claimed_by_you", gettext("You have already accepted this invitation.")
            )
        return Decision(
            False,
            "claimed",
            gettext("This invitation has already been used. Ask the network for a new one."),
        )
    if respondent.is_expired(now):
        return Decision(
            False, "expired", gettext("This invitation has expired. Ask the network for a new one.")
        )
    return invited_address(user, respondent)


def respondent_for(user, assessment):
    """The active respondent role through which `user` answers for the
    municipality of `assessment`, or None."""
    if not user.is_authenticated:
        return None
    municipality_id = assessment.priority.contract.municipality_id
    return (
        user.respondent_roles.filter(
            municipality_id=municipality_id, claimed_at__isnull=False, revoked_at__isnull=True
        )
        .order_by("-claimed_at")
        .first()
    )


def already_replied():
    return Decision(
        False,
        "replied",
        gettext(
            "The municipality has already replied to this assessment: a reply cannot be changed."
        ),
    )


def can_reply(user, assessment, now=None):
    """May `user` post the municipality's reply to `assessment` now? Only an
    active respondent of the assessment's municipality, once, within 30
    days of its publication."""
    now = now or timezone.now()
    if not user.is_authenticated:
        return Decision(
            False,
            "anonymous",
            gettext("Sign in with the account of the mayor's office to reply."),
            reverse("account_login"),
        )
    if respondent_for(user, assessment) is None:
        roles = user.respondent_roles.filter(claimed_at__isnull=False)
        municipality_id = assessment.priority.contract.municipality_id
        if roles.filter(municipality_id=municipality_id).exists():
            return Decision(
                False,
                "revoked",
                gettext(
                    "Your account no longer replies for this municipality: the network revoked it."
                ),
            )
        if roles.filter(revoked_at__isnull=True).exists():
            return Decision(
                False,
                "other_municipality",
                gettext("You can reply only to the assessments of your own municipality."),
            )
        return Decision(
            False,
            "not_respondent",
            gettext(
                "Only the mayor's office, invited by the network, can reply for the municipality."
            ),
        )
    if assessment.published_at is None:
        return Decision(
            False, "not_published", gettext("Only a published assessment can be replied to.")
        )
    if type(assessment).objects.filter(pk=assessment.pk, reply__isnull=False).exists():
        return already_replied()
    deadline = assessment.published_at + REPLY_WINDOW
    if now > deadline:
        return Decision(
            False,
            "late",
            gettext(
                "The time to reply ended on %(date)s, 30 days after the assessment was published."
            )
            % {"date": formats.date_format(timezone.localtime(deadline), "DATE_FORMAT")},
        )
    return ALLOWED
