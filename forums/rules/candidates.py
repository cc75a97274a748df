"""Who may state positions on, endorse and withdraw from a Social Contract,
claim an invitation or ask for a candidacy, and what editors may do,
in one place. Views and templates ask these functions; each returns a
`Decision` (as in `consultations.rules`) that carries the reason when it
refuses. Nothing here imports `forums.models`: the models' writes ask
these rules again at the moment of writing (under a lock where it matters).

Only the user account of a confirmed candidacy acts for it, on the contract
of that candidacy's municipality and election, from the contract's
finalisation until the eve of election day (or the endorsement deadline if
earlier). A candidacy signs a contract once: after signing, its positions
are frozen; a withdrawal is final and public (dated, with its reason), and
neither reopens the positions nor allows a second signature."""

import datetime
import zoneinfo

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from consultations.rules import ALLOWED, Decision, has_verified_email, unverified_refusal

# Dates of the endorsement window are read on Tirana's calendar.
TIRANE = zoneinfo.ZoneInfo("Europe/Tirane")


def endorsement_closes(contract):
    """The last local day candidates may sign: the endorsement deadline when
    one is set, and never later than the eve of election day."""
    eve = contract.election.date - datetime.timedelta(days=1)
    if contract.endorsement_deadline:
        return min(contract.endorsement_deadline, eve)
    return eve


def _acting_candidate(user, candidacy, contract):
    if not user.is_authenticated:
        return Decision(
            False, "anonymous", _("Sign in to act for a candidacy."), reverse("account_login")
        )
    if not has_verified_email(user):
        return unverified_refusal()
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


def _withdrawn(candidacy, contract):
    return candidacy.endorsements.filter(contract=contract, withdrawn_at__isnull=False).exists()


def can_state_positions(user, candidacy, contract, now=None):
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
    if _withdrawn(candidacy, contract):
        return Decision(
            False,
            "withdrawn",
            _("You withdrew your signature: your positions stay as they were when you signed."),
        )
    return ALLOWED


def can_endorse(user, candidacy, contract, now=None):
    now = now or timezone.now()
    refusal = _refusal(user, candidacy, contract, now)
    if refusal is not None:
        return refusal
    if _live(candidacy, contract):
        return Decision(False, "endorsed", _("You have already signed this contract."))
    if _withdrawn(candidacy, contract):
        # Once per candidacy: a withdrawal is final and stays public.
        return Decision(
            False,
            "withdrawn",
            _("You signed this contract once and withdrew: a candidacy signs only once."),
        )
    return ALLOWED


def can_withdraw(user, candidacy, contract, now=None):
    now = now or timezone.now()
    refusal = _refusal(user, candidacy, contract, now)
    if refusal is not None:
        return refusal
    if not _live(candidacy, contract):
        return Decision(False, "not_endorsed", _("You have not signed this contract."))
    return ALLOWED


# --- onboarding ---------------------------------------------------------------


def can_claim(user, invitation, now=None):
    """May `user` take the candidacy `invitation` offers? The signature and
    age of the link are checked before (see `Invitation.from_token`)."""
    now = now or timezone.now()
    if not user.is_authenticated:
        return Decision(
            False,
            "anonymous",
            _("Sign in, or create an account, to accept the invitation."),
            reverse("account_login"),
        )
    if not has_verified_email(user):
        return unverified_refusal(_("Confirm your e-mail address first: we sent you a link."))
    if invitation.revoked_at is not None:
        return Decision(
            False,
            "revoked",
            _(
                "This invitation is no longer valid: the network withdrew it or sent a newer "
                "one. Use the link in the latest e-mail you received."
            ),
        )
    if invitation.claimed_at is not None:
        if invitation.claimed_by_id == user.pk:
            return Decision(
                False, "claimed_by_you", _("You have already accepted this invitation.")
            )
        return Decision(
            False,
            "claimed",
            _("This invitation has already been used. Ask the network for a new one."),
        )
    if invitation.is_expired(now):
        return Decision(
            False, "expired", _("This invitation has expired. Ask the network for a new one.")
        )
    candidacy = invitation.candidacy
    if candidacy.user_id is not None and candidacy.user_id != user.pk:
        return Decision(False, "taken", _("This candidacy is already linked to another account."))
    if candidacy.status == "declined":
        return Decision(False, "declined", _("This candidacy was declined by the network."))
    return _invited_address(user, invitation)


def _invited_address(user, invitation):
    """Only an account holding the invited address, verified, takes the
    candidacy: a link forwarded or seen by someone else is not enough."""
    invited = invitation.email.casefold()
    verified = {
        email.casefold(): is_verified
        for email, is_verified in user.emailaddress_set.values_list("email", "verified")
    }
    if verified.get(invited):
        return ALLOWED
    masked = invitation.masked_email
    if invited in verified:
        return Decision(
            False,
            "invited_unverified",
            _(
                "The invitation was sent to %(email)s. Confirm that address on your account "
                "first: we sent you a link."
            )
            % {"email": masked},
            reverse("account_email"),
            _("Manage your e-mail addresses"),
        )
    return Decision(
        False,
        "other_address",
        _(
            "The invitation was sent to %(email)s, which is not an address of your account. "
            "Sign out, then sign in (or create an account) with the invited address."
        )
        % {"email": masked},
    )


def can_request_candidacy(user):
    """A signed-in person with a verified e-mail address may ask the network
    to confirm them as a candidate."""
    if not user.is_authenticated:
        return Decision(
            False, "anonymous", _("Sign in to ask for a candidacy."), reverse("account_login")
        )
    if not has_verified_email(user):
        return unverified_refusal(
            _("Confirm your e-mail address to ask for a candidacy: we sent you a link.")
        )
    return ALLOWED


# --- editors ------------------------------------------------------------------


def can_manage_candidacies(user):
    """Invite, confirm or decline candidacies and record results: editors."""
    if user.is_authenticated and user.has_perm("forums.change_candidacy"):
        return ALLOWED
    return Decision(False, "not_editor", _("Only editors can manage candidacies."))


def can_record_forum_signature(user, candidacy, contract):
    """Editors record a signature made on paper at the forum, once per
    candidacy while no live signature exists, on a finalised contract."""
    if not (user.is_authenticated and user.has_perm("forums.add_endorsement")):
        return Decision(False, "not_editor", _("Only editors can record signatures."))
    if contract is None or contract.finalised_at is None:
        return Decision(False, "not_finalised", _("The contract has not been finalised yet."))
    if not candidacy.is_confirmed:
        return Decision(False, "not_confirmed", _("Confirm the candidacy first."))
    if _live(candidacy, contract):
        return Decision(False, "endorsed", _("This candidate has already signed the contract."))
    return ALLOWED
