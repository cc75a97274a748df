"""Staff views in the Wagtail admin: moderating one forum question. Every
decision is a method of the question, written to Wagtail's log."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..models import Question
from ..rules import questions as rules
from .forms import AnswerForm, RejectForm


def _require(decision):
    if not decision:
        raise PermissionDenied(decision.message)


def _question(question_id):
    return get_object_or_404(
        Question.objects.select_related("author", "forum", "priority", "moderated_by"),
        pk=question_id,
    )


def _back(question):
    return redirect("forums_moderate_question", question_id=question.pk)


def moderate(request, question_id):
    """The question, its state and the three decisions a moderator can take."""
    _require(rules.can_moderate(request.user))
    question = _question(question_id)
    return TemplateResponse(
        request,
        "forums/admin/moderate_question.html",
        {
            "question": question,
            "upvote_count": question.upvotes.count(),
            "reject_form": RejectForm(initial={"reason": question.rejection_reason}),
            "answer_form": AnswerForm(initial={"summary": question.answer_summary}),
            "can_approve": rules.can_approve(request.user, question),
            "can_reject": rules.can_reject(request.user, question),
            "can_mark_answered": rules.can_mark_answered(request.user, question),
        },
    )


@require_POST
def approve(request, question_id):
    question = _question(question_id)
    _require(rules.can_approve(request.user, question))
    question.approve(request.user)
    messages.success(request, _("Question approved: it is shown on the forum page."))
    return _back(question)


@require_POST
def reject(request, question_id):
    question = _question(question_id)
    _require(rules.can_reject(request.user, question))
    form = RejectForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the citizen a reason for rejecting the question."))
        return _back(question)
    question.reject(request.user, form.cleaned_data["reason"])
    messages.success(request, _("Question rejected."))
    return _back(question)


@require_POST
def mark_answered(request, question_id):
    question = _question(question_id)
    _require(rules.can_mark_answered(request.user, question))
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(
            request,
            _("The summary is too long: %(errors)s")
            % {"errors": " ".join(form.errors.get("summary", []))},
        )
        return _back(question)
    question.mark_answered(request.user, form.cleaned_data["summary"])
    messages.success(request, _("Question marked answered."))
    return _back(question)
