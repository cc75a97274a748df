"""Forms of forum questions: the citizen's question and the moderators'
decisions. Questions are plain text: Django refuses null characters with a
clear message; everything else is stored as typed and escaped when shown."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .limits import MAX_ANSWER_LENGTH, MAX_QUESTION_LENGTH


class QuestionForm(forms.Form):
    text = forms.CharField(
        label=_("Your question"),
        max_length=MAX_QUESTION_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Plain text, up to 300 characters. A moderator reads it before it appears."),
        error_messages={"required": _("Write your question first.")},
    )
    priority = forms.ModelChoiceField(
        label=_("About a priority of the contract (optional)"),
        queryset=None,
        required=False,
        empty_label=_("No particular priority"),
    )

    def __init__(self, *args, priorities, **kwargs):
        """`priorities`: the source priorities one may choose, read with
        `localized("title")` (see `ForumPage.question_priorities`)."""
        super().__init__(*args, **kwargs)
        if not priorities.exists():  # no contract yet, or no priority in it
            del self.fields["priority"]
            return
        self.fields["priority"].queryset = priorities
        self.fields["priority"].label_from_instance = lambda p: p.localized_title


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        help_text=_("Kept in the log and shown to the question's author."),
    )


class AnswerForm(forms.Form):
    summary = forms.CharField(
        label=_("Summary of the answer (optional)"),
        max_length=MAX_ANSWER_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the candidates answered, in a few sentences."),
    )
