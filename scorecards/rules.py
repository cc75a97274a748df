"""Who may assess and publish, in one place: asked by the admin views and
the tests alike."""

from django.utils.translation import gettext as _

from consultations.models import SocialContract
from consultations.rules import ALLOWED, Decision

from .models import Assessment, monitored_priorities


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


def can_generate_report(user):
    """Editors generate the programmes' annual reports (and see them listed)."""
    if not (user.is_authenticated and user.has_perm("scorecards.add_programmereport")):
        return Decision(
            False, "not_editor", _("Only editors can generate the programmes' reports.")
        )
    return ALLOWED
