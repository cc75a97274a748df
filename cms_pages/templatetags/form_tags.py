"""Helpers for rendering form fields with the site's markup."""

from django import template

register = template.Library()


@register.filter
def accessible_widget(bound_field, help_text=""):
    """The field's input, linked to the help text shown and to its errors.

    `help_text` is the help text the template shows (which may replace the
    form's own); the input's `aria-describedby` points at it
    (`<id>_helptext`) and at the errors (`<id>_error`). Django adds
    `aria-invalid`. Placeholders are dropped: every field has a visible
    label, and allauth's placeholders only repeat it, in English.
    """
    attrs = {"placeholder": False}
    if bound_field.auto_id and not bound_field.use_fieldset:
        described_by = []
        if help_text:
            described_by.append(f"{bound_field.auto_id}_helptext")
        if bound_field.errors:
            described_by.append(f"{bound_field.auto_id}_error")
        if described_by:
            attrs["aria-describedby"] = " ".join(described_by)
    return bound_field.as_widget(attrs=attrs)
