"""Forms candidates fill (a position per priority, the signature, a
withdrawal, a request for a candidacy) and those editors fill in the admin
(an invitation, a decision, a signature made at the forum)."""

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.documents.widgets import AdminDocumentChooser

from cms_pages.models import Election, Municipality

from ..models import Candidacy, CandidacyStatus, Party, Stance


class PositionForm(forms.Form):
    """One priority's position; left blank, it is a draft still to decide."""

    stance = forms.ChoiceField(
        label=_("Your position"),
        choices=[("", _("Not decided yet")), *Stance.choices],
        required=False,
    )
    statement = forms.CharField(
        label=_("Statement"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 500}),
        help_text=_("Up to 500 characters: what you will do, or why not."),
    )


def normalise_name(name):
    return " ".join(name.split()).casefold()


class EndorseForm(forms.Form):
    signed_name = forms.CharField(
        label=_("Your full name, as your signature"),
        max_length=120,
        help_text=_("Type your full name exactly as it appears on your candidacy."),
    )
    commitment = forms.BooleanField(
        label=_(
            "I commit to work for the priorities of this Social Contract as my positions "
            "state, and I accept that citizens will monitor what I do for four years."
        ),
        required=True,
        error_messages={"required": _("Tick the commitment to sign the contract.")},
    )

    def __init__(self, *args, full_name, **kwargs):
        super().__init__(*args, **kwargs)
        self.full_name = full_name

    def clean_signed_name(self):
        name = " ".join(self.cleaned_data["signed_name"].split())
        if normalise_name(name) != normalise_name(self.full_name):
            raise forms.ValidationError(
                _("Type your full name as on your candidacy: %(name)s."),
                params={"name": self.full_name},
            )
        return name


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Why you withdraw your signature"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": 1000}),
        help_text=_("Published with the date of your withdrawal."),
    )


class RequestCandidacyForm(forms.ModelForm):
    """A signed-in person asks to be listed as a candidate; an editor decides."""

    class Meta:
        model = Candidacy
        fields = ["full_name", "municipality", "election", "party", "biography"]
        widgets = {"biography": forms.Textarea(attrs={"rows": 4, "maxlength": 1000})}
        help_texts = {"full_name": _("Your full name, as it will appear on the ballot.")}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["municipality"].queryset = (
            Municipality.objects.source().localized("name").order_by("name")
        )
        self.fields["election"].queryset = Election.objects.filter(
            locale__language_code=settings.LANGUAGE_CODE, date__gt=timezone.localdate()
        ).localized("name")
        self.fields["election"].help_text = _("Only upcoming elections can be chosen.")
        self.fields["party"].queryset = Party.objects.source().localized("name")
        self.fields["party"].empty_label = _("Independent")
        # Each choice named in the reader's language (its translation, if any).
        for name in ("municipality", "election", "party"):
            self.fields[name].label_from_instance = lambda row: row.localized_name
        self.fields["full_name"].widget.attrs["autocomplete"] = "name"

    def clean(self):
        cleaned = super().clean()
        election = cleaned.get("election")
        if election is not None:
            existing = (
                Candidacy.objects.filter(user=self.user, election=election)
                .exclude(status=CandidacyStatus.DECLINED)
                .exists()
            )
            if existing:
                raise forms.ValidationError(
                    _("You already have a candidacy for this election."), code="duplicate"
                )
        return cleaned


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("The candidate's e-mail address"),
        help_text=_(
            "The invitation link works once and expires after 14 days. Sending a new one "
            "cancels the links sent before."
        ),
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (sent to the person who asked)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 1000}),
    )


class ForumSignatureForm(forms.Form):
    """A signature made on paper at the forum, recorded by an editor."""

    signed_name = forms.CharField(
        label=_("Name as signed"),
        max_length=120,
        help_text=_("The full name written on the signed contract."),
    )
    signed_on = forms.DateField(
        label=_("Date of the signature"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    scan = forms.ModelChoiceField(
        label=_("Scan of the signed contract"),
        queryset=None,
        widget=AdminDocumentChooser,
        help_text=_("Upload the scan as a document first, then choose it here."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from wagtail.documents import get_document_model

        self.fields["scan"].queryset = get_document_model().objects.all()

    def clean_signed_name(self):
        return " ".join(self.cleaned_data["signed_name"].split())

    def clean_signed_on(self):
        signed_on = self.cleaned_data["signed_on"]
        if signed_on > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return signed_on
