"""The form where a person chooses, per kind of notification, when to be e-mailed."""

from django import forms
from django.conf import settings

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
        """The choices the unbound form shows, with its wording, as a cache
        key: its fields' HTML is the same for everyone with the same choices
        (in the same language), so the notifications page keeps it
        (`{% cache %}`); a release that rewords a label or a choice is shown
        at once, under a key of its own."""
        return "|".join(
            f"{name}:{field.initial}:{field.label}:"
            + ",".join(str(label) for _, label in field.choices)
            for name, field in self.fields.items()
        )

    @property
    def kept_seconds(self):
        """How long the fields' HTML is kept: as long as a cached page is
        (POP_PAGE_CACHE_SECONDS), so nothing is kept where the page cache is
        off, and a release's new markup shows as soon as its pages do."""
        return getattr(settings, "POP_PAGE_CACHE_SECONDS", 0)
