"""Candidates' own views: their candidacies and invitations, asking for a
candidacy, reviewing the contract, stating positions, signing and
withdrawing (the public pages are in `public_views`). Thin:
`forums.rules.candidates` decides, the models' methods write."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..models import (
    Candidacy,
    Endorsement,
    Invitation,
    Position,
    Refused,
    contract_priorities,
)
from ..rules import candidates as rules
from .forms import EndorseForm, PositionForm, RequestCandidacyForm, WithdrawForm


def _own_candidacy(request, candidacy_id):
    """The candidacy (with its municipality's and election's names in the
    reader's language) and its contract; 404 for anyone but its own account."""
    candidacy = get_object_or_404(
        Candidacy.objects.select_related("municipality", "election", "party").localized(
            "municipality__name", "election__name"
        ),
        pk=candidacy_id,
        user=request.user,
    )
    contract = candidacy.contract()
    if contract is None:
        raise Http404
    return candidacy, contract


@login_required
def my_candidacies(request):
    candidacies = (
        Candidacy.objects.filter(user=request.user)
        .select_related("municipality", "election", "party")
        .localized("municipality__name", "election__name")
    )
    return render(
        request,
        "forums/my_candidacies.html",
        {
            "candidacies": candidacies,
            "invitations": Invitation.objects.waiting_for(request.user).localized(
                "candidacy__municipality__name", "candidacy__election__name"
            ),
            "can_request": rules.can_request_candidacy(request.user),
        },
    )


def _after_claim(candidacy):
    contract = candidacy.contract()
    if contract is not None and contract.finalised_at is not None and candidacy.is_confirmed:
        return redirect("forums:positions", candidacy.pk)
    return redirect("forums:my_candidacies")


def _claimed(request, invitation):
    candidacy = Invitation.objects.claim(invitation, request.user)
    messages.success(
        request,
        _("The candidacy of %(name)s is now linked to your account.")
        % {"name": candidacy.full_name},
    )
    return _after_claim(candidacy)


def _invitation_refused(request, message, status):
    return render(request, "forums/claim_refused.html", {"message": message}, status=status)


# Refusals the person can fix from the claim page: sign in, confirm an
# address, or come back with the invited address.
_CLAIM_PAGE_REASONS = ("anonymous", "unverified", "invited_unverified", "other_address")


def claim(request, token):
    """The link of an invitation e-mail: check it, then let the signed-in
    person accept it. Signing in or up keeps the link in `next`."""
    try:
        invitation = Invitation.from_token(token)
    except signing.SignatureExpired:
        return _invitation_refused(
            request, _("This invitation has expired. Ask the network for a new one."), 410
        )
    except (signing.BadSignature, Invitation.DoesNotExist):
        return _invitation_refused(
            request,
            _(
                "This invitation link is not valid: it may have been cut or changed. Open it "
                "again from the e-mail, or ask the network for a new one."
            ),
            400,
        )
    decision = rules.can_claim(request.user, invitation)
    if decision.reason == "claimed_by_you":
        messages.info(request, decision.message)
        return _after_claim(invitation.candidacy)
    if decision and request.method == "POST":
        try:
            return _claimed(request, invitation)
        except Refused as refused:
            decision = refused.decision
    elif decision or decision.reason in _CLAIM_PAGE_REASONS:
        return render(
            request,
            "forums/claim.html",
            {
                "invitation": invitation,
                "candidacy": Candidacy.objects.localized(
                    "municipality__name", "election__name"
                ).get(pk=invitation.candidacy_id),
                "decision": decision,
                "next": request.get_full_path(),
            },
            status=403 if decision.reason == "other_address" else 200,
        )
    return _invitation_refused(
        request, decision.message, 403 if decision.reason == "taken" else 410
    )


@require_POST
@login_required
def claim_pending(request, invitation_id):
    """Accept, from "My candidacies", an invitation sent to one of the
    account's verified addresses (no link needed)."""
    invitation = get_object_or_404(Invitation.objects.waiting_for(request.user), pk=invitation_id)
    try:
        return _claimed(request, invitation)
    except Refused as refused:
        messages.error(request, refused.message)
        return redirect("forums:my_candidacies")


@login_required
def request_candidacy(request):
    """Ask the network to list you as a candidate; an editor confirms or declines."""
    decision = rules.can_request_candidacy(request.user)
    if not decision:
        return render(
            request,
            "forums/refused.html",
            {"decision": decision, "title": _("Ask for a candidacy")},
            status=403,
        )
    form = RequestCandidacyForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        Candidacy.objects.request(request.user, **form.cleaned_data)
        messages.success(
            request,
            _("Your request is sent. The network will confirm it, and tell you by e-mail."),
        )
        return redirect("forums:my_candidacies")
    return render(request, "forums/request.html", {"form": form})


# Refusals that still show the positions, read only: signed, withdrawn (where
# the withdrawal view sends the candidate), or the window closed.
_READ_ONLY_REASONS = ("endorsed", "withdrawn", "closed")


@login_required
def positions(request, candidacy_id):
    """Review the finalised contract and state (or revise) a position on each
    priority; blank positions are kept as drafts to come back to."""
    candidacy, contract = _own_candidacy(request, candidacy_id)
    now = timezone.now()
    decision = rules.can_state_positions(request.user, candidacy, contract, now)
    if not decision and decision.reason not in _READ_ONLY_REASONS:
        # Before finalisation, or not (yet) allowed to act: nothing to review.
        return render(
            request,
            "forums/refused.html",
            {"decision": decision, "candidacy": candidacy},
            status=403,
        )
    priorities = list(contract_priorities(contract).localized("title", "description"))
    existing = {p.priority_id: p for p in candidacy.positions.filter(priority__in=priorities)}
    forms = []
    for priority in priorities:
        position = existing.get(priority.pk)
        initial = {"stance": position.stance, "statement": position.statement} if position else {}
        data = request.POST if request.method == "POST" else None
        forms.append((priority, PositionForm(data, initial=initial, prefix=f"p{priority.pk}")))
    if request.method == "POST":
        if not decision:
            messages.error(request, decision.message)
            return redirect("forums:positions", candidacy.pk)
        if all(form.is_valid() for _priority, form in forms):
            changed = Position.objects.state(
                candidacy,
                {
                    priority: (form.cleaned_data["stance"], form.cleaned_data["statement"])
                    for priority, form in forms
                },
                request.user,
            )
            messages.success(
                request,
                _("Your positions are saved (%(count)s changed).") % {"count": changed},
            )
            if request.POST.get("then") == "endorse":
                return redirect("forums:endorse", candidacy.pk)
            return redirect("forums:positions", candidacy.pk)
    return render(
        request,
        "forums/positions.html",
        {
            "candidacy": candidacy,
            "contract": contract,
            "forms": forms,
            "decision": decision,
            "endorsement": candidacy.live_endorsement(contract),
            "can_endorse": rules.can_endorse(request.user, candidacy, contract, now),
            "can_withdraw": rules.can_withdraw(request.user, candidacy, contract, now),
            "stated": sum(1 for p in existing.values() if p.stance),
        },
    )


@login_required
def endorse(request, candidacy_id):
    candidacy, contract = _own_candidacy(request, candidacy_id)
    decision = rules.can_endorse(request.user, candidacy, contract)
    if not decision:
        messages.error(request, decision.message)
        return redirect("forums:positions", candidacy.pk)
    priorities = list(contract_priorities(contract).localized("title", "description"))
    stated = {p.priority_id: p for p in candidacy.positions.filter(priority__in=priorities)}
    undecided = [p for p in priorities if not getattr(stated.get(p.pk), "stance", "")]
    form = EndorseForm(request.POST or None, full_name=candidacy.full_name)
    if request.method == "POST" and not undecided and form.is_valid():
        try:
            Endorsement.objects.sign(
                candidacy, contract, form.cleaned_data["signed_name"], request.user
            )
        except Refused as refused:  # e.g. a second signature sent at the same moment
            messages.error(request, refused.message)
            return redirect("forums:positions", candidacy.pk)
        messages.success(request, _("You have signed the Social Contract. Thank you."))
        return redirect("forums:positions", candidacy.pk)
    for priority in priorities:
        priority.position = stated.get(priority.pk)
    return render(
        request,
        "forums/endorse.html",
        {
            "candidacy": candidacy,
            "contract": contract,
            "priorities": priorities,
            "undecided": undecided,
            "form": form,
        },
    )


@login_required
def withdraw(request, candidacy_id):
    candidacy, contract = _own_candidacy(request, candidacy_id)
    decision = rules.can_withdraw(request.user, candidacy, contract)
    if not decision:
        messages.error(request, decision.message)
        return redirect("forums:positions", candidacy.pk)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            Endorsement.objects.withdraw(
                candidacy, contract, form.cleaned_data["reason"], request.user
            )
        except Refused as refused:
            messages.error(request, refused.message)
            return redirect("forums:positions", candidacy.pk)
        messages.success(request, _("Your signature is withdrawn. The withdrawal is public."))
        return redirect("forums:positions", candidacy.pk)
    return render(
        request,
        "forums/withdraw.html",
        {"candidacy": candidacy, "contract": contract, "form": form},
    )
