"""The moderators' forms for forum questions: rejecting one with a reason,
recording the answer's summary. (The citizen's own form, `QuestionForm`,
is beside the `Question` it makes, in `forums.models.questions`.)"""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..limits import MAX_ANSWER_LENGTH


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
