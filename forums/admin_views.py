"""Editors' acts on one candidacy, each a small admin form, each in
Wagtail's log: invite the candidate, confirm or decline a request, record a
signature made on paper at the forum, mark who won the election."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wagtail.log_actions import log

from . import rules, tasks
from .forms import DeclineForm, ForumSignatureForm, InvitationForm
from .models import TIRANE, Candidacy, CandidacyStatus, Endorsement, EndorsementMethod, Invitation


def _require(decision):
    if not decision:
        raise PermissionDenied(decision.message)


def _candidacy(candidacy_id):
    return get_object_or_404(
        Candidacy.objects.select_related("municipality", "election", "party", "user"),
        pk=candidacy_id,
    )


def manage(request, candidacy_id):
    """One page per candidacy with every editor's act on it."""
    _require(rules.may_manage_candidacies(request.user))
    candidacy = _candidacy(candidacy_id)
    contract = candidacy.contract()
    invitation_form = InvitationForm(
        initial={"email": candidacy.user.email if candidacy.user else ""}
    )
    if request.method == "POST":
        invitation_form = InvitationForm(request.POST)
        if invitation_form.is_valid():
            _invite(request, candidacy, invitation_form.cleaned_data["email"])
            return redirect("forums_candidacy_manage", candidacy.pk)
    return _render(request, candidacy, contract, invitation_form=invitation_form)


def _render(request, candidacy, contract, **forms):
    context = {
        "candidacy": candidacy,
        "contract": contract,
        "invitations": candidacy.invitations.select_related("sent_by", "claimed_by"),
        "endorsements": candidacy.endorsements.select_related("scan").order_by("-signed_at"),
        "invitation_form": InvitationForm(),
        "decline_form": DeclineForm(),
        "signature_form": ForumSignatureForm(initial={"signed_name": candidacy.full_name}),
        "may_record": rules.may_record_forum_signature(request.user, candidacy, contract),
    }
    context.update(forms)
    return TemplateResponse(request, "forums/admin/candidacy.html", context)


def _invite(request, candidacy, email):
    now = timezone.now()
    with transaction.atomic():
        # A new invitation cancels the links sent before it.
        candidacy.invitations.filter(claimed_at__isnull=True, revoked_at__isnull=True).update(
            revoked_at=now
        )
        invitation = Invitation.objects.create(
            candidacy=candidacy, email=email, sent_by=request.user, sent_at=now
        )
        log(candidacy, "forums.invitation.send", user=request.user, data={"email": email})
        tasks.queue("send_invitation", invitation.pk)
    messages.success(request, _("The invitation is on its way to %(email)s.") % {"email": email})
    return invitation


@require_POST
def revoke_invitation(request, invitation_id):
    _require(rules.may_manage_candidacies(request.user))
    invitation = get_object_or_404(
        Invitation.objects.select_related("candidacy"),
        pk=invitation_id,
        claimed_at__isnull=True,
        revoked_at__isnull=True,
    )
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    log(
        invitation.candidacy,
        "forums.invitation.revoke",
        user=request.user,
        data={"email": invitation.email},
    )
    messages.success(request, _("The invitation is revoked: its link no longer works."))
    return redirect("forums_candidacy_manage", invitation.candidacy_id)


def decide(request, candidacy, status, reason=""):
    """Confirm or decline `candidacy`, log it and tell its account."""
    candidacy.status = status
    candidacy.decline_reason = reason if status == CandidacyStatus.DECLINED else ""
    if status == CandidacyStatus.CONFIRMED:
        candidacy.confirmed_by, candidacy.confirmed_at = request.user, timezone.now()
    else:
        candidacy.confirmed_by = candidacy.confirmed_at = None
    candidacy.save(update_fields=["status", "decline_reason", "confirmed_by", "confirmed_at"])
    action = (
        "forums.candidacy.confirm"
        if status == CandidacyStatus.CONFIRMED
        else "forums.candidacy.decline"
    )
    log(candidacy, action, user=request.user, data={"reason": reason} if reason else None)
    if candidacy.user_id:
        tasks.queue("notify_candidacy_decision", candidacy.pk)


@require_POST
def confirm(request, candidacy_id):
    _require(rules.may_manage_candidacies(request.user))
    candidacy = _candidacy(candidacy_id)
    if candidacy.status != CandidacyStatus.CONFIRMED:
        with transaction.atomic():
            decide(request, candidacy, CandidacyStatus.CONFIRMED)
        messages.success(request, _("The candidacy is confirmed."))
    return redirect("forums_candidacy_manage", candidacy.pk)


@require_POST
def decline(request, candidacy_id):
    _require(rules.may_manage_candidacies(request.user))
    candidacy = _candidacy(candidacy_id)
    form = DeclineForm(request.POST)
    if not form.is_valid():
        return _render(request, candidacy, candidacy.contract(), decline_form=form)
    if candidacy.live_endorsement(candidacy.contract()) is not None:
        messages.error(request, _("A candidacy whose signature is live cannot be declined."))
    elif candidacy.status != CandidacyStatus.DECLINED:
        with transaction.atomic():
            decide(request, candidacy, CandidacyStatus.DECLINED, form.cleaned_data["reason"])
        messages.success(request, _("The candidacy is declined."))
    return redirect("forums_candidacy_manage", candidacy.pk)


@require_POST
def forum_signature(request, candidacy_id):
    """Record a signature made on paper at the forum, with its scan."""
    candidacy = _candidacy(candidacy_id)
    contract = candidacy.contract()
    decision = rules.may_record_forum_signature(request.user, candidacy, contract)
    if decision.reason == "not_editor":
        raise PermissionDenied(decision.message)
    if not decision:
        messages.error(request, decision.message)
        return redirect("forums_candidacy_manage", candidacy.pk)
    form = ForumSignatureForm(request.POST)
    if not form.is_valid():
        return _render(request, candidacy, contract, signature_form=form)
    data = form.cleaned_data
    signed_at = datetime.datetime.combine(data["signed_on"], datetime.time(12), tzinfo=TIRANE)
    with transaction.atomic():
        endorsement = Endorsement.objects.create(
            candidacy=candidacy,
            contract=contract,
            signed_name=data["signed_name"],
            committed=True,
            signed_at=signed_at,
            method=EndorsementMethod.FORUM,
            scan=data["scan"],
            positions=[
                {"priority": p.priority_id, "stance": p.stance, "statement": p.statement}
                for p in candidacy.positions.filter(priority__contract=contract).order_by(
                    "priority__order"
                )
            ],
        )
        log(
            endorsement,
            "forums.endorsement.record",
            user=request.user,
            data={"signed_name": endorsement.signed_name, "scan": data["scan"].pk},
        )
    messages.success(request, _("The signature at the forum is recorded."))
    return redirect("forums_candidacy_manage", candidacy.pk)


@require_POST
def result(request, candidacy_id):
    """Mark whether the candidacy won the election, after election day."""
    _require(rules.may_manage_candidacies(request.user))
    candidacy = _candidacy(candidacy_id)
    won = request.POST.get("won") == "1"
    if candidacy.election.date > timezone.localdate():
        messages.error(request, _("The result can be recorded after election day."))
    elif candidacy.won != won:
        with transaction.atomic():
            candidacy.won = won
            candidacy.save(update_fields=["won"])
            log(
                candidacy,
                "forums.candidacy.won" if won else "forums.candidacy.lost",
                user=request.user,
            )
        messages.success(request, _("The result is recorded."))
    return redirect("forums_candidacy_manage", candidacy.pk)
