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

    @property
    def choices_key(self):
        """The choices the unbound form shows, as a cache key: its fields'
        HTML is the same for everyone with the same choices (in the same
        language), so the notifications page keeps it (`{% cache %}`)."""
        return "-".join(f"{name}:{field.initial}" for name, field in self.fields.items())
