"""The form where a person chooses, per kind of notification, when to be e-mailed."""

from django import forms

from .models import Delivery, NotificationKind


class PreferencesForm(forms.Form):
    """One choice per kind: immediately, daily, weekly or never."""

    def __init__(self, *args, choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        for kind in NotificationKind:
            self.fields[kind.value] = forms.ChoiceField(
                label=kind.label,
                choices=Delivery.choices,
                initial=(choices or {}).get(kind.value, Delivery.IMMEDIATELY),
            )
