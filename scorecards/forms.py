"""Forms of the admin: an assessment (priorities limited to the user's
municipality), and the assessment round: which contract and date, then one
short row per priority."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm

from . import rules
from .scoring import Status


class AssessmentForm(WagtailAdminModelForm):
    """Monitors choose only their own municipality's priorities; the author is
    whoever creates the assessment."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if "priority" in self.fields:
            self.fields["priority"].queryset = rules.assessable_priorities(for_user).select_related(
                "contract__municipality", "contract__election"
            )

    def save(self, commit=True):
        if self.instance.pk is None and self.for_user is not None:
            self.instance.author = self.for_user
        return super().save(commit=commit)


class RoundForm(forms.Form):
    """The contract and the date an assessment round describes."""

    contract = forms.ModelChoiceField(
        label=_("Social contract"),
        queryset=None,
        help_text=_("Only the finalised contracts you may assess are listed."),
    )
    as_of = forms.DateField(
        label=_("As of"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The date the statuses describe, written as YYYY-MM-DD."),
    )

    def __init__(self, *args, contracts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contract"].queryset = contracts

    def clean_as_of(self):
        as_of = self.cleaned_data["as_of"]
        if as_of > timezone.localdate():
            raise forms.ValidationError(_("An assessment describes a date that has come."))
        return as_of


class RoundRowForm(forms.Form):
    """One priority's status in the round; a row left empty is skipped."""

    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("(skip)")), *Status.choices], required=False
    )
    evidence = forms.CharField(
        label=_("Evidence"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What was found, briefly."),
    )
    source_url = forms.URLField(
        label=_("Source address"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("A link where the evidence can be checked (optional)."),
    )

    def is_empty(self):
        """Nothing typed in the row (checked on the raw data, before cleaning)."""
        return not any((self.data.get(self.add_prefix(name)) or "").strip() for name in self.fields)

    def clean(self):
        cleaned = super().clean()
        if self.is_empty():
            return cleaned
        if not cleaned.get("status") and "status" not in self.errors:
            self.add_error("status", _("Choose a status, or empty the row to skip it."))
        if not (cleaned.get("evidence") or "").strip() and "evidence" not in self.errors:
            self.add_error("evidence", _("Say briefly what the status rests on."))
        return cleaned
