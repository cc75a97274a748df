"""Staff views in the Wagtail admin: the moderation queue and finalising a
contract. Every act is written to Wagtail's log."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wagtail.log_actions import log

from . import rules
from .forms import AcceptSuggestionForm, HideForm
from .models import (
    Comment,
    CommentState,
    Priority,
    PriorityOrigin,
    PrioritySuggestion,
    SocialContract,
    SuggestionState,
)
from .notifications import queue_reply_notification


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
    suggestions = PrioritySuggestion.objects.filter(state=SuggestionState.PENDING).select_related(
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
            "accept_form": AcceptSuggestionForm(),
            "can_decide_suggestions": rules.can_decide_suggestions(request.user),
        },
    )


def _moderate(request, comment, state, action, reason=""):
    with transaction.atomic():
        was_pending = comment.state == CommentState.PENDING
        comment.state = state
        comment.moderated_by = request.user
        comment.moderated_at = timezone.now()
        comment.moderation_reason = reason
        comment.save(update_fields=["state", "moderated_by", "moderated_at", "moderation_reason"])
        comment.reports.filter(resolved_at__isnull=True).update(resolved_at=timezone.now())
        log(comment, action, user=request.user, data={"reason": reason})
        if was_pending and state == CommentState.VISIBLE:
            queue_reply_notification(comment)


@require_POST
def approve_comment(request, comment_id):
    _require(rules.can_moderate(request.user))
    comment = get_object_or_404(Comment, pk=comment_id)
    _moderate(request, comment, CommentState.VISIBLE, "consultations.comment.approve")
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
    _moderate(
        request,
        comment,
        CommentState.HIDDEN,
        "consultations.comment.hide",
        form.cleaned_data["reason"],
    )
    messages.success(request, _("Comment hidden."))
    return redirect("consultations_moderation")


@require_POST
def restore_comment(request, comment_id):
    _require(rules.can_moderate(request.user))
    comment = get_object_or_404(Comment, pk=comment_id, state=CommentState.HIDDEN)
    _moderate(request, comment, CommentState.VISIBLE, "consultations.comment.restore")
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
    form = AcceptSuggestionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a sector for the priority."))
        return redirect("consultations_moderation")
    with transaction.atomic():
        last = Priority.objects.source().filter(contract=suggestion.contract).order_by("-order")
        priority = Priority.objects.create(
            contract=suggestion.contract,
            title=suggestion.title,
            description=suggestion.description,
            sector=form.cleaned_data["sector"],
            order=(last.first().order + 1) if last.exists() else 1,
            origin=PriorityOrigin.CITIZEN,
            suggested_by_name=suggestion.author.display_name if suggestion.author else "",
            locale=form.cleaned_data["sector"].locale,
        )
        suggestion.state = SuggestionState.ACCEPTED
        suggestion.priority = priority
        suggestion.decided_by = request.user
        suggestion.decided_at = timezone.now()
        suggestion.save()
        log(suggestion, "consultations.suggestion.accept", user=request.user)
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
    suggestion.state = SuggestionState.DECLINED
    suggestion.decline_reason = form.cleaned_data["reason"]
    suggestion.decided_by = request.user
    suggestion.decided_at = timezone.now()
    suggestion.save()
    log(
        suggestion,
        "consultations.suggestion.decline",
        user=request.user,
        data={"reason": suggestion.decline_reason},
    )
    messages.success(request, _("The suggestion is declined."))
    return redirect("consultations_moderation")


def finalise(request, contract_id):
    """Show the ranking and let an editor pick the priorities of the contract."""
    contract = get_object_or_404(
        SocialContract.objects.select_related("municipality", "election"), pk=contract_id
    )
    decision = rules.can_finalise(request.user, contract)
    priorities = list(Priority.objects.source().filter(contract=contract).ranked())
    if request.method == "POST":
        _require(decision)
        chosen = {int(pk) for pk in request.POST.getlist("priorities") if pk.isdigit()}
        if not chosen:
            messages.error(request, _("Pick at least one priority for the contract."))
        else:
            with transaction.atomic():
                for priority in priorities:
                    in_contract = priority.pk in chosen
                    # Translations follow their source row.
                    Priority.objects.filter(translation_key=priority.translation_key).update(
                        in_contract=in_contract
                    )
                contract.finalised_at = timezone.now()
                contract.save(update_fields=["finalised_at"])
                log(
                    contract,
                    "consultations.contract.finalise",
                    user=request.user,
                    data={"priorities": sorted(chosen)},
                )
            messages.success(request, _("The contract is finalised."))
            return redirect("consultations_finalise", contract_id=contract.pk)
    return TemplateResponse(
        request,
        "consultations/admin/finalise.html",
        {"contract": contract, "priorities": priorities, "decision": decision},
    )
