"""Forms candidates fill: a position per priority, the signature, a withdrawal."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Stance


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
