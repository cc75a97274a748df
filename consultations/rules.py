"""Who may do what in a consultation, in one place.

Views, templates and the admin all ask these `can_*` functions; each returns
a `Decision` that is truthy when allowed and otherwise carries the reason, a
message in the user's language and, where one helps, a link to fix it.
`Decision`, `ALLOWED`, `has_verified_email` and `unverified_refusal` are
shared with the apps downstream (forums, scorecards).
"""

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from .decisions import ALLOWED, Decision
from .states import EDIT_WINDOW, CommentState, Phase

# What makes someone a moderator (the Moderators and Editors groups have it).
MODERATION_PERMISSION = "consultations.moderate_comment"


def _local_date(moment):
    return formats.date_format(timezone.localtime(moment), "DATE_FORMAT")


def has_verified_email(user):
    """Whether `user`'s address is verified: as the request's account was
    loaded (`email_verified`, see `accounts.backends`), otherwise
    `user.has_verified_email` asked once per request (it is a query)."""
    if not user.is_authenticated:
        return False
    if not hasattr(user, "_consultations_verified"):
        known = getattr(user, "email_verified", None)
        user._consultations_verified = user.has_verified_email if known is None else known
    return user._consultations_verified


def unverified_refusal(message=None):
    """The refusal for a signed-in user whose e-mail address is not yet
    verified, with the link to send the confirmation again."""
    return Decision(
        False,
        "unverified",
        message or _("Confirm your e-mail address to take part: we sent you a link."),
        reverse("account_email"),
        _("Send the confirmation link again"),
    )


def _is_editor(user):
    return user.is_authenticated and user.has_perm("consultations.change_socialcontract")


def can_view(user, contract):
    """Draft contracts are seen only by the staff who prepare them."""
    if contract.phase != Phase.DRAFT or _is_editor(user):
        return ALLOWED
    return Decision(False, "draft", _("This consultation is not public yet."))


def _phase_refusal(contract, now=None):
    """Why nobody can take part now, or None while the consultation is open."""
    phase = contract.phase_at(now)
    if phase == Phase.OPEN:
        return None
    if phase == Phase.UPCOMING:
        return Decision(
            False,
            "not_open_yet",
            _("The consultation opens on %(date)s.") % {"date": _local_date(contract.opens_at)},
        )
    if phase in (Phase.CLOSED, Phase.FINALISED):
        return Decision(
            False,
            "closed",
            _("The consultation closed on %(date)s.") % {"date": _local_date(contract.closes_at)},
        )
    return Decision(False, "draft", _("This consultation is not open."))


def can_take_part(user, contract, next_url="", now=None):
    """Support, withdraw and comment: open consultation, signed-in citizen with
    a verified e-mail address, resident where the contract asks for it."""
    refusal = _phase_refusal(contract, now)
    if refusal is not None:
        return refusal
    if not user.is_authenticated:
        login = reverse("account_login")
        if next_url:
            login = f"{login}?{urlencode({'next': next_url})}"
        return Decision(
            False,
            "anonymous",
            _("Sign in to support priorities and take part in the discussion."),
            login,
            _("Sign in"),
        )
    if not has_verified_email(user):
        return unverified_refusal()
    if contract.residents_only and user.municipality_id != contract.municipality_id:
        return Decision(
            False,
            "not_resident",
            _("This consultation is open only to residents of %(municipality)s.")
            % {"municipality": contract.localized_municipality_name},
            reverse("accounts:profile"),
            _("Your municipality is set in your profile"),
        )
    return ALLOWED


def can_support(user, contract, supports_used, next_url="", now=None):
    decision = can_take_part(user, contract, next_url, now)
    if not decision:
        return decision
    refusal = contract.cap_refusal(supports_used)
    return ALLOWED if refusal is None else refusal


def can_comment(user, contract, next_url="", now=None):
    return can_take_part(user, contract, next_url, now)


def can_suggest(user, contract, next_url="", now=None):
    """Citizens who may take part may also suggest a new priority."""
    return can_take_part(user, contract, next_url, now)


def can_reply(user, comment, next_url="", now=None):
    if comment.parent_id is not None or comment.state != CommentState.VISIBLE:
        return Decision(False, "not_replyable", _("You can reply only to a visible comment."))
    return can_take_part(user, comment.priority.contract, next_url, now)


def can_edit_comment(user, comment, now=None):
    now = now or timezone.now()
    if not user.is_authenticated or comment.author_id != user.pk:
        return Decision(False, "not_author", _("Only its author can change a comment."))
    if comment.state not in (CommentState.VISIBLE, CommentState.PENDING):
        return Decision(False, "not_editable", _("This comment can no longer be changed."))
    if now >= comment.created_at + EDIT_WINDOW:
        return Decision(
            False,
            "edit_window",
            _("Comments can be changed for %(minutes)s minutes after writing them.")
            % {"minutes": int(EDIT_WINDOW.total_seconds() // 60)},
        )
    refusal = _phase_refusal(comment.priority.contract, now)
    return ALLOWED if refusal is None else refusal


def can_remove_comment(user, comment):
    if not user.is_authenticated or comment.author_id != user.pk:
        return Decision(False, "not_author", _("Only its author can remove a comment."))
    if comment.state in (CommentState.REMOVED, CommentState.HIDDEN):
        return Decision(False, "not_editable", _("This comment can no longer be changed."))
    return ALLOWED


def can_report(user, comment):
    """Any citizen with a verified e-mail may report a visible comment of
    someone else, whatever the phase (abuse does not wait)."""
    if not user.is_authenticated:
        return Decision(
            False, "anonymous", _("Sign in to report a comment."), reverse("account_login")
        )
    if not has_verified_email(user):
        return unverified_refusal()
    if comment.author_id == user.pk:
        return Decision(False, "own_comment", _("You cannot report your own comment."))
    if comment.state != CommentState.VISIBLE:
        return Decision(False, "not_visible", _("This comment is not shown any more."))
    return ALLOWED


def can_moderate(user):
    """Moderators and editors approve, hide and restore comments."""
    if user.is_authenticated and user.has_perm(MODERATION_PERMISSION):
        return ALLOWED
    return Decision(False, "not_moderator", _("Only moderators can moderate comments."))


def can_decide_suggestions(user):
    """Editors accept or decline the priorities citizens suggest."""
    if user.is_authenticated and user.has_perm("consultations.add_priority"):
        return ALLOWED
    return Decision(False, "not_editor", _("Only editors can decide on suggested priorities."))


def can_finalise(user, contract, now=None):
    """Editors finalise a contract once its consultation has closed."""
    if not (user.is_authenticated and user.has_perm("consultations.finalise_socialcontract")):
        return Decision(False, "not_editor", _("Only editors can finalise a contract."))
    phase = contract.phase_at(now)
    if phase == Phase.FINALISED:
        return Decision(False, "finalised", _("This contract is already finalised."))
    if phase != Phase.CLOSED:
        return Decision(
            False, "not_closed", _("A contract can be finalised once its consultation closes.")
        )
    return ALLOWED


def can_close_early(user, contract, now=None):
    """Editors may close an open consultation before its closing time (then
    finalise it), instead of editing that time by hand."""
    if not (user.is_authenticated and user.has_perm("consultations.finalise_socialcontract")):
        return Decision(False, "not_editor", _("Only editors can close a consultation early."))
    if contract.phase_at(now) != Phase.OPEN:
        return Decision(False, "not_open", _("Only an open consultation can be closed early."))
    return ALLOWED


def can_download_results(user, contract):
    """Results (counts only) are public as soon as the consultation is public."""
    return can_view(user, contract)


def can_follow(user, next_url=""):
    """Follow a municipality or a priority: a signed-in person with a
    verified e-mail address (they will be e-mailed)."""
    if not user.is_authenticated:
        login = reverse("account_login")
        if next_url:
            login = f"{login}?{urlencode({'next': next_url})}"
        return Decision(
            False,
            "anonymous",
            _("Sign in to follow and be told when it changes."),
            login,
            _("Sign in"),
        )
    if not has_verified_email(user):
        return unverified_refusal()
    return ALLOWED
