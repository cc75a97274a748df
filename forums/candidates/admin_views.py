"""Editors' acts on one candidacy, each a small admin form: invite the
candidate, confirm or decline a request, record a signature made on paper
at the forum, mark who won the election. Thin: `forums.rules.candidates`
decides, the models' methods write (each act in Wagtail's log)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..models import Candidacy, Endorsement, Invitation, Refused
from ..rules import candidates as rules
from .forms import DeclineForm, ForumSignatureForm, InvitationForm


def _require(decision):
    if not decision:
        raise PermissionDenied(decision.message)


def _candidacy(candidacy_id):
    return get_object_or_404(
        Candidacy.objects.select_related("municipality", "election", "party", "user"),
        pk=candidacy_id,
    )


def _back(candidacy_id):
    return redirect("forums_candidacy_manage", candidacy_id)


def manage(request, candidacy_id):
    """One page per candidacy with every editor's act on it."""
    _require(rules.can_manage_candidacies(request.user))
    candidacy = _candidacy(candidacy_id)
    contract = candidacy.contract()
    invitation_form = InvitationForm(
        initial={"email": candidacy.user.email if candidacy.user else ""}
    )
    if request.method == "POST":
        invitation_form = InvitationForm(request.POST)
        if invitation_form.is_valid():
            email = invitation_form.cleaned_data["email"]
            Invitation.objects.send(candidacy, email, request.user)
            messages.success(
                request, _("The invitation is on its way to %(email)s.") % {"email": email}
            )
            return _back(candidacy.pk)
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
        "can_record": rules.can_record_forum_signature(request.user, candidacy, contract),
    }
    context.update(forms)
    return TemplateResponse(request, "forums/admin/candidacy.html", context)


@require_POST
def revoke_invitation(request, invitation_id):
    _require(rules.can_manage_candidacies(request.user))
    invitation = get_object_or_404(
        Invitation.objects.select_related("candidacy"),
        pk=invitation_id,
        claimed_at__isnull=True,
        revoked_at__isnull=True,
    )
    invitation.revoke(request.user)
    messages.success(request, _("The invitation is revoked: its link no longer works."))
    return _back(invitation.candidacy_id)


def unlink_account(request, candidacy_id):
    """Take the candidacy from its account, after the editor confirms."""
    _require(rules.can_manage_candidacies(request.user))
    candidacy = _candidacy(candidacy_id)
    account = candidacy.user
    if request.method == "POST":
        if candidacy.unlink_account(request.user):
            messages.success(
                request,
                _("The candidacy is no longer linked to %(email)s.") % {"email": account.email},
            )
        return _back(candidacy.pk)
    if account is None:
        return _back(candidacy.pk)
    return TemplateResponse(request, "forums/admin/unlink_account.html", {"candidacy": candidacy})


@require_POST
def confirm(request, candidacy_id):
    _require(rules.can_manage_candidacies(request.user))
    candidacy = _candidacy(candidacy_id)
    if candidacy.confirm(request.user):
        messages.success(request, _("The candidacy is confirmed."))
    return _back(candidacy.pk)


@require_POST
def decline(request, candidacy_id):
    _require(rules.can_manage_candidacies(request.user))
    candidacy = _candidacy(candidacy_id)
    form = DeclineForm(request.POST)
    if not form.is_valid():
        return _render(request, candidacy, candidacy.contract(), decline_form=form)
    try:
        if candidacy.decline(request.user, form.cleaned_data["reason"]):
            messages.success(request, _("The candidacy is declined."))
    except Refused as refused:
        messages.error(request, refused.message)
    return _back(candidacy.pk)


@require_POST
def forum_signature(request, candidacy_id):
    """Record a signature made on paper at the forum, with its scan."""
    candidacy = _candidacy(candidacy_id)
    contract = candidacy.contract()
    decision = rules.can_record_forum_signature(request.user, candidacy, contract)
    if decision.reason == "not_editor":
        raise PermissionDenied(decision.message)
    if not decision:
        messages.error(request, decision.message)
        return _back(candidacy.pk)
    form = ForumSignatureForm(request.POST)
    if not form.is_valid():
        return _render(request, candidacy, contract, signature_form=form)
    data = form.cleaned_data
    try:
        Endorsement.objects.record_at_forum(
            candidacy, contract, data["signed_name"], data["signed_on"], data["scan"], request.user
        )
    except Refused as refused:
        messages.error(request, refused.message)
        return _back(candidacy.pk)
    messages.success(request, _("The signature at the forum is recorded."))
    return _back(candidacy.pk)


@require_POST
def result(request, candidacy_id):
    """Mark whether the candidacy won the election, after election day."""
    _require(rules.can_manage_candidacies(request.user))
    candidacy = _candidacy(candidacy_id)
    try:
        if candidacy.record_result(request.POST.get("won") == "1", request.user):
            messages.success(request, _("The result is recorded."))
    except Refused as refused:
        messages.error(request, refused.message)
    return _back(candidacy.pk)
