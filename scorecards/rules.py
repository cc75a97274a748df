"""Who may assess and publish, in one place: asked by the admin views and
the tests alike."""

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from consultations.models import SocialContract
from consultations.rules import ALLOWED, Decision, has_verified_email, unverified_refusal
from forums.rules.candidates import _invited_address as invited_address

from .models import Assessment, monitored_priorities
from .replies import REPLY_WINDOW


def is_publisher(user):
    return user.is_authenticated and user.has_perm("scorecards.publish_assessment")


def is_monitor(user):
    """A monitor of one municipality (editors are publishers, not monitors)."""
    return (
        user.is_authenticated
        and user.staff_municipality_id is not None
        and user.has_perm("scorecards.add_assessment")
        and not is_publisher(user)
    )


def assessable_priorities(user):
    """Editors assess any monitored priority; monitors only their municipality's."""
    priorities = monitored_priorities()
    if user is None or not user.is_authenticated:
        return priorities.none()
    if is_publisher(user):
        return priorities
    if user.staff_municipality_id is None or not user.has_perm("scorecards.add_assessment"):
        return priorities.none()
    return priorities.filter(contract__municipality_id=user.staff_municipality_id)


def visible_assessments(user):
    """What the admin lists: everything for editors, one municipality for monitors."""
    if is_publisher(user):
        return Assessment.objects.all()
    if user.is_authenticated and user.staff_municipality_id:
        return Assessment.objects.for_municipality(user.staff_municipality_id)
    return Assessment.objects.none()


def can_assess(user, priority):
    if not assessable_priorities(user).filter(pk=priority.pk).exists():
        return Decision(
            False, "not_own", _("You can assess only the priorities of your own municipality.")
        )
    return ALLOWED


def can_edit(user, assessment):
    if assessment.is_published:
        return Decision(
            False,
            "published",
            _("A published assessment cannot be changed: record a correction instead."),
        )
    if not visible_assessments(user).filter(pk=assessment.pk).exists():
        return Decision(
            False, "not_own", _("You can change only the assessments of your own municipality.")
        )
    return ALLOWED


def can_publish(user, assessment):
    if not is_publisher(user):
        return Decision(False, "not_editor", _("Only editors can publish assessments."))
    if assessment.is_published:
        return Decision(False, "published", _("This assessment is already published."))
    return ALLOWED


def assessable_contracts(user):
    """The finalised contracts whose priorities `user` may assess: every one
    for editors, their own municipality's for monitors, none otherwise."""
    contracts = SocialContract.objects.filter(finalised_at__isnull=False).select_related(
        "municipality", "election"
    )
    if user is None or not user.is_authenticated:
        return contracts.none()
    if is_publisher(user):
        return contracts
    if user.staff_municipality_id is None or not user.has_perm("scorecards.add_assessment"):
        return contracts.none()
    return contracts.filter(municipality_id=user.staff_municipality_id)


def can_enter_round(user, contract):
    """Recording an assessment round (every priority of a contract on one date)."""
    if not assessable_contracts(user).filter(pk=contract.pk).exists():
        return Decision(
            False,
            "not_own",
            _("You can record assessments only for the contracts of your own municipality."),
        )
    return ALLOWED


def can_publish_round(user):
    """Publishing every draft of a round at once: editors only."""
    if not is_publisher(user):
        return Decision(False, "not_editor", _("Only editors can publish assessments."))
    return ALLOWED


# The municipality's right of reply --------------------------------------------
# (the rows are read through the user's and the assessment's relations, so
# that `scorecards.models.replies` may ask these rules inside its writes)


def can_manage_respondents(user):
    """Inviting and revoking respondents, hiding replies: editors."""
    if not is_publisher(user):
        return Decision(False, "not_editor", _("Only editors can do this."))
    return ALLOWED


def can_claim_respondent(user, respondent, now=None):
    """May `user` become the respondent `respondent` invited? The link's
    signature and age are checked before (`Respondent.from_token`); the
    account must hold the invited address, verified, as for candidates."""
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
    if respondent.revoked_at is not None:
        return Decision(
            False,
            "revoked",
            _("This invitation is no longer valid: the network withdrew it. Ask for a new one."),
        )
    if respondent.claimed_at is not None:
        if respondent.user_id == user.pk:
            return Decision(
                False, "claimed_by_you", _("You have already accepted this invitation.")
            )
        return Decision(
            False,
            "claimed",
            _("This invitation has already been used. Ask the network for a new one."),
        )
    if respondent.is_expired(now):
        return Decision(
            False, "expired", _("This invitation has expired. Ask the network for a new one.")
        )
    return invited_address(user, respondent)


def respondent_for(user, assessment):
    """The active respondent role through which `user` answers for the
    municipality of `assessment`, or None."""
    if not user.is_authenticated:
        return None
    municipality_id = assessment.priority.contract.municipality_id
    return (
        user.respondent_roles.filter(
            municipality_id=municipality_id, claimed_at__isnull=False, revoked_at__isnull=True
        )
        .order_by("-claimed_at")
        .first()
    )


def already_replied():
    return Decision(
        False,
        "replied",
        _("The municipality has already replied to this assessment: a reply cannot be changed."),
    )


def can_reply(user, assessment, now=None):
    """May `user` post the municipality's reply to `assessment` now? Only an
    active respondent of the assessment's municipality, once, within 30
    days of its publication."""
    now = now or timezone.now()
    if not user.is_authenticated:
        return Decision(
            False,
            "anonymous",
            _("Sign in with the account of the mayor's office to reply."),
            reverse("account_login"),
        )
    if respondent_for(user, assessment) is None:
        roles = user.respondent_roles.filter(claimed_at__isnull=False)
        municipality_id = assessment.priority.contract.municipality_id
        if roles.filter(municipality_id=municipality_id).exists():
            return Decision(
                False,
                "revoked",
                _("Your account no longer replies for this municipality: the network revoked it."),
            )
        if roles.filter(revoked_at__isnull=True).exists():
            return Decision(
                False,
                "other_municipality",
                _("You can reply only to the assessments of your own municipality."),
            )
        return Decision(
            False,
            "not_respondent",
            _("Only the mayor's office, invited by the network, can reply for the municipality."),
        )
    if assessment.published_at is None:
        return Decision(False, "not_published", _("Only a published assessment can be replied to."))
    if type(assessment).objects.filter(pk=assessment.pk, reply__isnull=False).exists():
        return already_replied()
    deadline = assessment.published_at + REPLY_WINDOW
    if now > deadline:
        return Decision(
            False,
            "late",
            _("The time to reply ended on %(date)s, 30 days after the assessment was published.")
            % {"date": formats.date_format(timezone.localtime(deadline), "DATE_FORMAT")},
        )
    return ALLOWED
