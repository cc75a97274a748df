"""Candidates' views (review, positions, signature, withdrawal) and the public
side-by-side table of offers. Thin: `forums.rules` decides, models record."""

from allauth.account.models import EmailAddress

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wagtail.log_actions import log

from cms_pages.models import Election, Municipality
from consultations.models import Priority, SocialContract

from . import rules
from .forms import EndorseForm, PositionForm, RequestCandidacyForm, WithdrawForm
from .models import (
    Candidacy,
    CandidacyStatus,
    Endorsement,
    EndorsementMethod,
    Invitation,
    Party,
    Position,
)


def _localized(priorities):
    """`display_title` and `display_description` in the active language,
    in at most one query whatever the number of priorities."""
    texts = Priority.objects.filter(pk__in=[p.pk for p in priorities]).localized_texts()
    for priority in priorities:
        priority.display_title, priority.display_description = texts.get(
            priority.translation_key, (priority.title, priority.description)
        )
    return priorities


def _contract_priorities(contract):
    return _localized(
        list(
            Priority.objects.source()
            .filter(contract=contract, in_contract=True)
            .order_by("order", "pk")
        )
    )


def _own_candidacy(request, candidacy_id):
    """The candidacy and its contract; 404 for anyone but its own account."""
    candidacy = get_object_or_404(
        Candidacy.objects.select_related("municipality", "election", "party"),
        pk=candidacy_id,
        user=request.user,
    )
    contract = candidacy.contract()
    if contract is None:
        raise Http404
    return candidacy, contract


def _verified_emails(user):
    return list(
        EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
    )


def _pending_invitations(user):
    return (
        Invitation.objects.pending()
        .for_emails(_verified_emails(user))
        .exclude(candidacy__user=user)
        .exclude(candidacy__status=CandidacyStatus.DECLINED)
        .select_related("candidacy__municipality", "candidacy__election")
    )


@login_required
def my_candidacies(request):
    candidacies = Candidacy.objects.filter(user=request.user).select_related(
        "municipality", "election", "party"
    )
    return render(
        request,
        "forums/my_candidacies.html",
        {
            "candidacies": candidacies,
            "invitations": _pending_invitations(request.user),
            "may_request": rules.may_request_candidacy(request.user),
        },
    )


def _claimed(request, invitation):
    """Link the invitation's candidacy to the signed-in account, once: the row
    is locked and the rule asked again, so two clicks cannot both win."""
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update()
            .select_related("candidacy__municipality", "candidacy__election")
            .get(pk=invitation.pk)
        )
        decision = rules.may_claim(request.user, invitation)
        if not decision:
            return decision
        now = timezone.now()
        invitation.claimed_at, invitation.claimed_by = now, request.user
        invitation.save(update_fields=["claimed_at", "claimed_by"])
        candidacy = invitation.candidacy
        candidacy.user = request.user
        candidacy.save(update_fields=["user"])
        log(
            candidacy,
            "forums.invitation.claim",
            user=request.user,
            data={"invitation": invitation.pk},
        )
    messages.success(
        request,
        _("The candidacy of %(name)s is now linked to your account.")
        % {"name": candidacy.full_name},
    )
    return candidacy


def _after_claim(candidacy):
    contract = candidacy.contract()
    if contract is not None and contract.finalised_at is not None and candidacy.is_confirmed:
        return redirect("forums:positions", candidacy.pk)
    return redirect("forums:my_candidacies")


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
    decision = rules.may_claim(request.user, invitation)
    if decision.reason == "claimed_by_you":
        messages.info(request, decision.message)
        return _after_claim(invitation.candidacy)
    if decision or decision.reason in ("anonymous", "unverified"):
        if request.method == "POST" and decision:
            result = _claimed(request, invitation)
            if isinstance(result, Candidacy):
                return _after_claim(result)
            decision = result
        else:
            return render(
                request,
                "forums/claim.html",
                {
                    "invitation": invitation,
                    "candidacy": invitation.candidacy,
                    "decision": decision,
                    "next": request.get_full_path(),
                },
            )
    return _invitation_refused(
        request, decision.message, 403 if decision.reason == "taken" else 410
    )


def _invitation_refused(request, message, status):
    return render(request, "forums/claim_refused.html", {"message": message}, status=status)


@require_POST
@login_required
def claim_pending(request, invitation_id):
    """Accept, from "My candidacies", an invitation sent to one of the
    account's verified addresses (no link needed)."""
    invitation = get_object_or_404(_pending_invitations(request.user), pk=invitation_id)
    result = _claimed(request, invitation)
    if isinstance(result, Candidacy):
        return _after_claim(result)
    messages.error(request, result.message)
    return redirect("forums:my_candidacies")


@login_required
def request_candidacy(request):
    """Ask the network to list you as a candidate; an editor confirms or declines."""
    decision = rules.may_request_candidacy(request.user)
    if not decision:
        return render(
            request,
            "forums/refused.html",
            {"decision": decision, "title": _("Ask for a candidacy")},
            status=403,
        )
    form = RequestCandidacyForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            candidacy = form.save(commit=False)
            candidacy.user = request.user
            candidacy.status = CandidacyStatus.REQUESTED
            candidacy.requested_at = timezone.now()
            candidacy.save()
            log(candidacy, "forums.candidacy.request", user=request.user)
        messages.success(
            request,
            _("Your request is sent. The network will confirm it, and tell you by e-mail."),
        )
        return redirect("forums:my_candidacies")
    return render(request, "forums/request.html", {"form": form})


@login_required
def positions(request, candidacy_id):
    """Review the finalised contract and state (or revise) a position on each
    priority; blank positions are kept as drafts to come back to."""
    candidacy, contract = _own_candidacy(request, candidacy_id)
    now = timezone.now()
    decision = rules.may_state_positions(request.user, candidacy, contract, now)
    if not decision and decision.reason not in ("endorsed", "closed"):
        # Before finalisation, or not (yet) allowed to act: nothing to review.
        return render(
            request,
            "forums/refused.html",
            {"decision": decision, "candidacy": candidacy},
            status=403,
        )
    priorities = _contract_priorities(contract)
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
            with transaction.atomic():
                changed = _save_positions(request.user, candidacy, forms, existing)
            messages.success(
                request,
                _("Your positions are saved (%(count)s changed).") % {"count": changed},
            )
            return redirect("forums:positions", candidacy.pk)
    endorsement = candidacy.live_endorsement(contract)
    return render(
        request,
        "forums/positions.html",
        {
            "candidacy": candidacy,
            "contract": contract,
            "forms": forms,
            "decision": decision,
            "endorsement": endorsement,
            "may_endorse": rules.may_endorse(request.user, candidacy, contract, now),
            "may_withdraw": rules.may_withdraw(request.user, candidacy, contract, now),
            "stated": sum(1 for p in existing.values() if p.stance),
        },
    )


def _save_positions(user, candidacy, forms, existing):
    changed = 0
    for priority, form in forms:
        stance = form.cleaned_data["stance"]
        statement = form.cleaned_data["statement"].strip()
        position = existing.get(priority.pk)
        if position is None and not stance and not statement:
            continue
        if position is not None and (position.stance, position.statement) == (stance, statement):
            continue
        if position is None:
            position = Position(candidacy=candidacy, priority=priority)
        before = (position.stance, position.statement) if position.pk else None
        position.stance, position.statement = stance, statement
        position.save()
        log(
            position,
            "forums.position.change",
            user=user,
            data={"priority": priority.pk, "stance": stance, "before": before and before[0]},
        )
        changed += 1
    return changed


@login_required
def endorse(request, candidacy_id):
    candidacy, contract = _own_candidacy(request, candidacy_id)
    decision = rules.may_endorse(request.user, candidacy, contract)
    if not decision:
        messages.error(request, decision.message)
        return redirect("forums:positions", candidacy.pk)
    priorities = _contract_priorities(contract)
    stated = {p.priority_id: p for p in candidacy.positions.filter(priority__in=priorities)}
    undecided = [p for p in priorities if not getattr(stated.get(p.pk), "stance", "")]
    form = EndorseForm(request.POST or None, full_name=candidacy.full_name)
    if request.method == "POST" and not undecided and form.is_valid():
        try:
            _sign(request.user, candidacy, contract, form, priorities, stated)
        except IntegrityError:  # a second signature sent at the same moment
            messages.error(request, _("You have already signed this contract."))
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


def _sign(user, candidacy, contract, form, priorities, stated):
    """The endorsement, with the positions as they stand, and its log entry."""
    with transaction.atomic():
        endorsement = Endorsement.objects.create(
            candidacy=candidacy,
            contract=contract,
            signed_name=form.cleaned_data["signed_name"],
            committed=True,
            signed_at=timezone.now(),
            method=EndorsementMethod.ONLINE,
            positions=[
                {
                    "priority": p.pk,
                    "title": p.title,
                    "stance": stated[p.pk].stance,
                    "statement": stated[p.pk].statement,
                }
                for p in priorities
            ],
        )
        log(endorsement, "forums.endorsement.sign", user=user)


@login_required
def withdraw(request, candidacy_id):
    candidacy, contract = _own_candidacy(request, candidacy_id)
    decision = rules.may_withdraw(request.user, candidacy, contract)
    if not decision:
        messages.error(request, decision.message)
        return redirect("forums:positions", candidacy.pk)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            endorsement = (
                Endorsement.objects.select_for_update()
                .live()
                .get(candidacy=candidacy, contract=contract)
            )
            endorsement.withdrawn_at = timezone.now()
            endorsement.withdrawal_reason = form.cleaned_data["reason"]
            endorsement.save(update_fields=["withdrawn_at", "withdrawal_reason"])
            log(
                endorsement,
                "forums.endorsement.withdraw",
                user=request.user,
                data={"reason": endorsement.withdrawal_reason},
            )
        messages.success(request, _("Your signature is withdrawn. The withdrawal is public."))
        return redirect("forums:positions", candidacy.pk)
    return render(
        request,
        "forums/withdraw.html",
        {"candidacy": candidacy, "contract": contract, "form": form},
    )


# --- public -------------------------------------------------------------------


def _localized_names(model, objects):
    """`{translation_key: name}` in the active language for `objects`."""
    language = get_language() or settings.LANGUAGE_CODE
    if language == settings.LANGUAGE_CODE or not objects:
        return {}
    return dict(
        model.objects.filter(
            translation_key__in=[o.translation_key for o in objects],
            locale__language_code=language,
        ).values_list("translation_key", "name")
    )


def signatories(contract):
    """Who signed the contract (live signatures), who withdrew (with date and
    reason) and which confirmed candidates have not signed: three queries at
    most, whatever the number of candidates."""
    candidacies = {
        c.pk: c
        for c in Candidacy.objects.confirmed()
        .for_contract(contract)
        .select_related("party")
        .order_by("full_name")
    }
    endorsements = list(
        Endorsement.objects.filter(contract=contract, candidacy__in=list(candidacies)).order_by(
            "signed_at"
        )
    )
    parties = [c.party for c in candidacies.values() if c.party]
    party_names = _localized_names(Party, parties)
    for candidacy in candidacies.values():
        candidacy.party_name = (
            party_names.get(candidacy.party.translation_key, candidacy.party.name)
            if candidacy.party
            else ""
        )
    for endorsement in endorsements:
        endorsement.candidacy = candidacies[endorsement.candidacy_id]
    signed = [e for e in endorsements if e.withdrawn_at is None]
    withdrawn = [e for e in endorsements if e.withdrawn_at is not None]
    live = {e.candidacy_id for e in signed}
    return {
        "signed": signed,
        "withdrawn": withdrawn,
        "not_signed": [c for c in candidacies.values() if c.pk not in live],
    }


def side_by_side(request, municipality, year):
    """ "Përballja e ofertave": the priorities of one contract as rows and the
    confirmed candidates as columns. A fixed number of queries whatever the
    number of candidates and priorities."""
    contract = get_object_or_404(
        SocialContract.objects.select_related("municipality", "election"),
        municipality__slug=municipality,
        municipality__locale__language_code=settings.LANGUAGE_CODE,
        election__date__year=year,
        election__locale__language_code=settings.LANGUAGE_CODE,
        finalised_at__isnull=False,
    )
    candidacies = list(
        Candidacy.objects.confirmed()
        .for_contract(contract)
        .select_related("party")
        .order_by("full_name")
    )
    priorities = _contract_priorities(contract)
    cells = {
        (p.candidacy_id, p.priority_id): p
        for p in Position.objects.filter(
            candidacy__in=[c.pk for c in candidacies], priority__in=[p.pk for p in priorities]
        ).exclude(stance="")
    }
    endorsements = {}
    for endorsement in Endorsement.objects.filter(
        contract=contract, candidacy__in=[c.pk for c in candidacies]
    ).order_by("signed_at"):
        endorsements[endorsement.candidacy_id] = endorsement  # the latest one counts
    parties = [c.party for c in candidacies if c.party]
    party_names = _localized_names(Party, parties)
    for candidacy in candidacies:
        candidacy.party_name = (
            party_names.get(candidacy.party.translation_key, candidacy.party.name)
            if candidacy.party
            else ""
        )
        candidacy.endorsement = endorsements.get(candidacy.pk)
    compared = _compared(request, candidacies)
    for candidacy in candidacies:
        candidacy.compared = candidacy.pk in compared
    rows = [(p, [(c, cells.get((c.pk, p.pk))) for c in candidacies]) for p in priorities]
    names = _localized_names(Municipality, [contract.municipality])
    election_names = _localized_names(Election, [contract.election])
    return render(
        request,
        "forums/side_by_side.html",
        {
            "contract": contract,
            "municipality_name": names.get(
                contract.municipality.translation_key, contract.municipality.name
            ),
            "election_name": election_names.get(
                contract.election.translation_key, contract.election.name
            ),
            "candidacies": candidacies,
            "rows": rows,
            "first": compared[0] if compared else None,
            "second": compared[1] if len(compared) > 1 else None,
        },
    )


def _compared(request, candidacies):
    """The two candidacies a narrow screen shows (`?first=&second=`), by
    default the first two; unknown or repeated choices fall back quietly."""
    known = [c.pk for c in candidacies]
    chosen = []
    for name in ("first", "second"):
        value = request.GET.get(name, "")
        pk = int(value) if value.isdigit() else None
        if pk in known and pk not in chosen:
            chosen.append(pk)
    for pk in known:
        if len(chosen) >= 2:
            break
        if pk not in chosen:
            chosen.append(pk)
    return chosen


def candidate(request, candidacy_id):
    """A confirmed candidate's public page: who they are, their position on
    each priority and their signature (or its withdrawal)."""
    candidacy = get_object_or_404(
        Candidacy.objects.confirmed().select_related("party", "municipality", "election"),
        pk=candidacy_id,
    )
    contract = candidacy.contract()
    priorities = _contract_priorities(contract) if contract else []
    stated = {
        p.priority_id: p
        for p in candidacy.positions.filter(priority__in=[p.pk for p in priorities]).exclude(
            stance=""
        )
    }
    for priority in priorities:
        priority.position = stated.get(priority.pk)
    endorsement = (
        candidacy.endorsements.filter(contract=contract).order_by("-signed_at").first()
        if contract
        else None
    )
    party_name = ""
    if candidacy.party:
        party_name = _localized_names(Party, [candidacy.party]).get(
            candidacy.party.translation_key, candidacy.party.name
        )
    return render(
        request,
        "forums/candidate.html",
        {
            "candidacy": candidacy,
            "contract": contract,
            "party_name": party_name,
            "priorities": priorities,
            "endorsement": endorsement,
        },
    )
