"""Staff views in the Wagtail admin: the moderation queue and finalising a
contract. Every act is written to Wagtail's log."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import rules
from .decisions import Refused
from .following import announce_contract_later
from .forms import AcceptSuggestionForm, CloseEarlyForm, HideForm
from .models import (
    Comment,
    CommentState,
    NotificationKind,
    Priority,
    PrioritySuggestion,
    Sector,
    SocialContract,
    SuggestionState,
)


def _require(decision):
    if not decision:
        raise PermissionDenied(decision.message)


def moderation_queue(request):
    _require(rules.can_moderate(request.user))
    comments = (
        Comment.objects.needing_moderation()
        .select_related("author", "priority__contract__municipality", "parent")
        .prefetch_related("reports")
        .order_by("created_at")
    )
    hidden = (
        Comment.objects.filter(state=CommentState.HIDDEN)
        .select_related("author", "moderated_by", "priority__contract__municipality")
        .order_by("-moderated_at")[:50]
    )
    suggestions = PrioritySuggestion.objects.pending().select_related(
        "author", "contract__municipality", "contract__election"
    )
    return TemplateResponse(
        request,
        "consultations/admin/moderation_queue.html",
        {
            "comments": comments,
            "hidden": hidden,
            "hide_form": HideForm(),
            "suggestions": suggestions,
            "accept_form": AcceptSuggestionForm(sectors=Sector.objects.source()),
            "can_decide_suggestions": rules.can_decide_suggestions(request.user),
        },
    )


@require_POST
def approve_comment(request, comment_id):
    _require(rules.can_moderate(request.user))
    comment = get_object_or_404(Comment, pk=comment_id)
    comment.approve(request.user)
    messages.success(request, _("Comment approved."))
    return redirect("consultations_moderation")


@require_POST
def hide_comment(request, comment_id):
    _require(rules.can_moderate(request.user))
    comment = get_object_or_404(Comment, pk=comment_id)
    form = HideForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a reason for hiding the comment."))
        return redirect("consultations_moderation")
    comment.hide(request.user, form.cleaned_data["reason"])
    messages.success(request, _("Comment hidden."))
    return redirect("consultations_moderation")


@require_POST
def restore_comment(request, comment_id):
    _require(rules.can_moderate(request.user))
    comment = get_object_or_404(Comment, pk=comment_id, state=CommentState.HIDDEN)
    comment.restore(request.user)
    messages.success(request, _("Comment restored."))
    return redirect("consultations_moderation")


@require_POST
def accept_suggestion(request, suggestion_id):
    """The suggestion joins the draft priorities, credited to its author."""
    _require(rules.can_decide_suggestions(request.user))
    suggestion = get_object_or_404(
        PrioritySuggestion.objects.select_related("author", "contract"),
        pk=suggestion_id,
        state=SuggestionState.PENDING,
    )
    form = AcceptSuggestionForm(request.POST, sectors=Sector.objects.source())
    if not form.is_valid():
        messages.error(request, _("Choose a sector for the priority."))
        return redirect("consultations_moderation")
    suggestion.accept(request.user, form.cleaned_data["sector"])
    messages.success(request, _("The suggestion is now a priority."))
    return redirect("consultations_moderation")


@require_POST
def decline_suggestion(request, suggestion_id):
    _require(rules.can_decide_suggestions(request.user))
    suggestion = get_object_or_404(
        PrioritySuggestion, pk=suggestion_id, state=SuggestionState.PENDING
    )
    form = HideForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the citizen a reason for declining."))
        return redirect("consultations_moderation")
    suggestion.decline(request.user, form.cleaned_data["reason"])
    messages.success(request, _("The suggestion is declined."))
    return redirect("consultations_moderation")


def _finalise_page(request, contract, close_form=None, status=200):
    return TemplateResponse(
        request,
        "consultations/admin/finalise.html",
        {
            "contract": contract,
            "priorities": Priority.objects.source().filter(contract=contract).ranked(),
            "decision": rules.can_finalise(request.user, contract),
            "can_close_early": rules.can_close_early(request.user, contract),
            "close_form": close_form or CloseEarlyForm(),
        },
        status=status,
    )


def _contract(contract_id):
    return get_object_or_404(
        SocialContract.objects.select_related("municipality", "election"), pk=contract_id
    )


def finalise(request, contract_id):
    """Show the ranking and let an editor pick the priorities of the contract."""
    contract = _contract(contract_id)
    if request.method == "POST":
        _require(rules.can_finalise(request.user, contract))
        chosen = {int(pk) for pk in request.POST.getlist("priorities") if pk.isdigit()}
        if not chosen:
            messages.error(request, _("Pick at least one priority for the contract."))
        else:
            contract.finalise(request.user, chosen)
            announce_contract_later(NotificationKind.CONTRACT_FINALISED, contract)
            messages.success(request, _("The contract is finalised."))
            return redirect("consultations_finalise", contract_id=contract.pk)
    return _finalise_page(request, contract)


@require_POST
def close_early(request, contract_id):
    """Close an open consultation now, with a reason and a confirmation; the
    finalising screen then offers to finalise it."""
    contract = _contract(contract_id)
    decision = rules.can_close_early(request.user, contract)
    if not decision:
        if decision.reason == "not_editor":
            raise PermissionDenied(decision.message)
        messages.error(request, decision.message)
        return redirect("consultations_finalise", contract_id=contract.pk)
    form = CloseEarlyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The consultation is still open: see the message below."))
        return _finalise_page(request, contract, close_form=form)
    try:
        contract.close_early(request.user, form.cleaned_data["reason"])
    except Refused as refusal:
        messages.error(request, refusal.decision.message)
        return _finalise_page(request, contract, close_form=form)
    messages.success(request, _("The consultation is closed. You can finalise the contract now."))
    return redirect("consultations_finalise", contract_id=contract.pk)
