"""Who may state positions on, endorse and withdraw from a Social Contract,
in one place. Views and templates ask these functions; each returns a
`Decision` (as in `consultations.rules`) that carries the reason when it
refuses.

Only the user account of a confirmed candidacy acts for it, on the contract
of that candidacy's municipality and election, from the contract's
finalisation until the eve of election day (or the endorsement deadline if
earlier). While a live endorsement exists the positions are frozen and the
contract cannot be signed again; after a withdrawal the candidate may revise
and sign again (the withdrawn record stays public)."""

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from consultations.rules import ALLOWED, Decision, has_verified_email

from .models import TIRANE, endorsement_closes


def _acting_candidate(user, candidacy, contract):
    if not user.is_authenticated:
        return Decision(
            False, "anonymous", _("Sign in to act for a candidacy."), reverse("account_login")
        )
    if not has_verified_email(user):
        return Decision(
            False,
            "unverified",
            _("Confirm your e-mail address to take part: we sent you a link."),
            reverse("account_email"),
            _("Send the confirmation link again"),
        )
    if candidacy.user_id != user.pk:
        return Decision(
            False, "not_candidate", _("Only the candidate's own account can act for it.")
        )
    if not candidacy.is_confirmed:
        return Decision(
            False, "not_confirmed", _("Your candidacy has not been confirmed by the network yet.")
        )
    if (candidacy.municipality_id, candidacy.election_id) != (
        contract.municipality_id,
        contract.election_id,
    ):
        return Decision(
            False, "other_contract", _("This contract is not the one of your candidacy.")
        )
    return None


def _window(contract, now):
    if contract.finalised_at is None or now < contract.finalised_at:
        return Decision(False, "not_finalised", _("The contract has not been finalised yet."))
    closes = endorsement_closes(contract)
    if timezone.localtime(now, TIRANE).date() > closes:
        return Decision(
            False,
            "closed",
            _("Candidates could sign this contract until %(date)s.")
            % {"date": formats.date_format(closes, "DATE_FORMAT")},
        )
    return None


def _refusal(user, candidacy, contract, now):
    # A refused `Decision` is falsy: compare with None, never chain with `or`.
    refusal = _acting_candidate(user, candidacy, contract)
    return refusal if refusal is not None else _window(contract, now)


def _live(candidacy, contract):
    return candidacy.endorsements.filter(contract=contract, withdrawn_at__isnull=True).exists()


def may_state_positions(user, candidacy, contract, now=None):
    now = now or timezone.now()
    refusal = _refusal(user, candidacy, contract, now)
    if refusal is not None:
        return refusal
    if _live(candidacy, contract):
        return Decision(
            False,
            "endorsed",
            _("You have signed the contract: your positions are frozen."),
        )
    return ALLOWED


def may_endorse(user, candidacy, contract, now=None):
    now = now or timezone.now()
    refusal = _refusal(user, candidacy, contract, now)
    if refusal is not None:
        return refusal
    if _live(candidacy, contract):
        return Decision(False, "endorsed", _("You have already signed this contract."))
    return ALLOWED


def may_withdraw(user, candidacy, contract, now=None):
    now = now or timezone.now()
    refusal = _refusal(user, candidacy, contract, now)
    if refusal is not None:
        return refusal
    if not _live(candidacy, contract):
        return Decision(False, "not_endorsed", _("You have not signed this contract."))
    return ALLOWED
