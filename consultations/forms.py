"""Forms citizens fill in a consultation. Comments are plain text."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .states import MAX_COMMENT_LENGTH


class CommentForm(forms.Form):
    """A comment or a reply. Null characters are refused by Django's own
    validator (clear message); everything else is stored as typed and escaped
    when shown."""

    body = forms.CharField(
        label=_("Your comment"),
        max_length=MAX_COMMENT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Plain text, up to 2,000 characters. Links become clickable."),
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("Why should a moderator look at this comment?"),
        max_length=300,
        help_text=_("For example: insults, personal data, spam."),
    )


class HideForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        help_text=_("Kept in the log and shown to the comment's author."),
    )


class CloseEarlyForm(forms.Form):
    """An editor closes an open consultation before its closing time."""

    reason = forms.CharField(
        label=_("Reason for closing early"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Kept in the log, for example: the municipality asked for the results."),
    )
    confirm = forms.BooleanField(
        label=_("I understand that citizens can no longer support or comment from now on."),
        error_messages={"required": _("Tick the box to confirm that the consultation closes now.")},
    )


class SuggestionForm(forms.Form):
    title = forms.CharField(
        label=_("Priority"),
        max_length=200,
        help_text=_("A short, concrete aim for the municipality."),
    )
    description = forms.CharField(
        label=_("Why it matters"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class AcceptSuggestionForm(forms.Form):
    def __init__(self, *args, sectors, **kwargs):
        """`sectors`: the ones an accepted suggestion may be filed under."""
        super().__init__(*args, **kwargs)
        self.fields["sector"] = forms.ModelChoiceField(label=_("Sector"), queryset=sectors)
