"""Who may ask, upvote and moderate the questions of a forum, in one place.
Views, templates and the admin ask these functions; each returns a
`Decision` (as in `consultations.rules`) that carries the reason when it
refuses. A refused `Decision` is falsy. Nothing here imports
`forums.models`: the forum page's routes ask these rules."""

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from consultations.rules import ALLOWED, Decision, has_verified_email, unverified_refusal


def _phase_refusal(forum, now):
    if not forum.is_upcoming(now):
        return Decision(
            False,
            "past",
            _("This forum took place on %(date)s: it no longer takes questions.")
            % {"date": formats.date_format(timezone.localtime(forum.starts_at), "DATE_FORMAT")},
        )
    return None


def _citizen_refusal(user, next_url, action):
    if not user.is_authenticated:
        login = reverse("account_login")
        if next_url:
            login = f"{login}?{urlencode({'next': next_url})}"
        return Decision(False, "anonymous", action, login, _("Sign in"))
    if not has_verified_email(user):
        return unverified_refusal()
    return None


def can_ask(user, forum, next_url="", now=None):
    """Signed-in citizens with a verified e-mail address, before the forum."""
    now = now or timezone.now()
    refusal = _phase_refusal(forum, now)
    if refusal is None:
        refusal = _citizen_refusal(user, next_url, _("Sign in to ask the candidates a question."))
    return ALLOWED if refusal is None else refusal


def can_upvote(user, question, forum, next_url="", now=None):
    """As for asking, on an approved question of someone else."""
    now = now or timezone.now()
    refusal = _phase_refusal(forum, now)
    if refusal is None:
        refusal = _citizen_refusal(user, next_url, _("Sign in to upvote questions."))
    if refusal is not None:
        return refusal
    if not question.is_approved:
        return Decision(False, "not_approved", _("This question is not published."))
    if question.author_id == user.pk:
        return Decision(False, "own_question", _("You cannot upvote your own question."))
    return ALLOWED


def can_moderate(user):
    """Moderators and editors approve, reject and mark questions answered."""
    if user.is_authenticated and user.has_perm("forums.moderate_question"):
        return ALLOWED
    return Decision(False, "not_moderator", _("Only moderators can moderate forum questions."))


def can_approve(user, question):
    decision = can_moderate(user)
    if decision and question.is_approved:
        return Decision(False, "approved", _("This question is already approved."))
    return decision


def can_reject(user, question):
    decision = can_moderate(user)
    if decision and question.is_rejected:
        return Decision(False, "rejected", _("This question is already rejected."))
    return decision


def can_mark_answered(user, question):
    decision = can_moderate(user)
    if decision and not question.is_approved:
        return Decision(
            False, "not_approved", _("Only an approved question can be marked answered.")
        )
    return decision
