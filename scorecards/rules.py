"""Who may assess and publish, in one place: asked by the admin views and
the tests alike."""

from django.utils.translation import gettext as _

from cms_pages.models import Municipality
from consultations.models import SocialContract
from consultations.rules import ALLOWED, Decision

from .models import Assessment, CouncilSession, monitored_priorities
from .replies import (  # noqa: F401 - the right of reply's rules, asked from here
    already_replied,
    can_claim_respondent,
    can_reply,
    respondent_for,
)


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


# Council sessions (issue 16) ------------------------------------------------


def can_publish_council(user):
    return user.is_authenticated and user.has_perm("scorecards.publish_councilsession")


def council_municipality_id(user):
    """The municipality a monitor records council sessions for; None for
    anyone else (editors record for every municipality)."""
    if (
        user.is_authenticated
        and user.staff_municipality_id is not None
        and user.has_perm("scorecards.add_councilsession")
        and not can_publish_council(user)
    ):
        return user.staff_municipality_id
    return None


def visible_council_sessions(user):
    """What the admin lists: every session for editors, their own
    municipality's for monitors, none for anyone else."""
    if can_publish_council(user):
        return CouncilSession.objects.all()
    municipality_id = council_municipality_id(user)
    if municipality_id is None:
        return CouncilSession.objects.none()
    return CouncilSession.objects.for_municipality(municipality_id)


def council_municipalities(user):
    """The municipalities `user` may record council sessions for."""
    municipalities = Municipality.objects.source()
    if can_publish_council(user):
        return municipalities
    municipality_id = council_municipality_id(user)
    if municipality_id is None:
        return municipalities.none()
    return municipalities.filter(pk=municipality_id)


def can_record_session(user, municipality):
    if not council_municipalities(user).filter(pk=getattr(municipality, "pk", None)).exists():
        return Decision(
            False,
            "not_own",
            _("You can record council sessions only for your own municipality."),
        )
    return ALLOWED


def can_view_session(user, session):
    if not visible_council_sessions(user).filter(pk=session.pk).exists():
        return Decision(
            False,
            "not_own",
            _("You can see only the council sessions of your own municipality."),
        )
    return ALLOWED


def can_edit_session(user, session):
    """Drafts: their municipality's monitors and editors; once published,
    editors only (a correction of what was typed)."""
    if not (decision := can_view_session(user, session)):
        return decision
    if session.is_published and not can_publish_council(user):
        return Decision(
            False,
            "published",
            _("A published session can be corrected only by an editor."),
        )
    return ALLOWED


def can_publish_session(user, session):
    if not can_publish_council(user):
        return Decision(False, "not_editor", _("Only editors can publish council sessions."))
    if session.is_published:
        return Decision(False, "published", _("This session is already published."))
    return ALLOWED


# The municipality's right of reply: the respondents' rules live with the
# reply's limits (`scorecards.replies`, which imports no model, so that the
# models may ask them inside their writes); asked from here like the others.


def can_manage_respondents(user):
    """Inviting and revoking respondents, hiding replies: editors."""
    if not is_publisher(user):
        return Decision(False, "not_editor", _("Only editors can do this."))
    return ALLOWED


def can_freeze_release(user):
    """Freezing a citable release of the scorecards: editors only. Nobody
    edits or deletes one: a release is a public record."""
    if not is_publisher(user):
        return Decision(False, "not_editor", _("Only editors can freeze a release."))
    return ALLOWED


def can_generate_report(user):
    """Editors generate the programmes' annual reports (and see them listed)."""
    if not (user.is_authenticated and user.has_perm("scorecards.add_programmereport")):
        return Decision(
            False, "not_editor", _("Only editors can generate the programmes' reports.")
        )
    return ALLOWED
