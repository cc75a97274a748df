"""What one citizen sees of a consultation that nobody else does."""

from typing import NamedTuple

from django.db.models import CharField, Value

from ..states import CommentState
from .participation import Comment, Report, Vote
from .suggestions import PrioritySuggestion

REPORTED = "reported"
SUPPORT = "support"
SUGGESTION = "suggestion"


class PersonalState(NamedTuple):
    """The priorities the citizen supports, those where they have a pending
    comment, the ids of their visible comments and of the comments they
    reported (a kept card that shows one of those is rendered for them), and
    whether they suggested priorities (then read for the page)."""

    supported: set
    pending: set
    ids: set
    suggested: bool


def personal_state(user, contract):
    """What `user` sees of `contract` that nobody else does
    (`PersonalState`), in one query."""
    if not user.is_authenticated:
        return PersonalState(set(), set(), set(), False)
    supports = (
        Vote.objects.of(user, contract)
        .order_by()
        .values_list("priority_id", "pk", Value(SUPPORT, output_field=CharField()))
    )
    own = (
        Comment.objects.filter(
            priority__contract=contract,
            author=user,
            state__in=[CommentState.VISIBLE, CommentState.PENDING],
        )
        .order_by()
        .values_list("priority_id", "pk", "state")
    )
    reported = (
        Report.objects.filter(reporter=user, comment__priority__contract=contract)
        .order_by()
        .values_list(
            "comment__priority_id", "comment_id", Value(REPORTED, output_field=CharField())
        )
    )
    suggestions = (
        PrioritySuggestion.objects.filter(contract=contract, author=user)
        .order_by()
        .values_list("priority_id", "pk", Value(SUGGESTION, output_field=CharField()))
    )
    supported, pending, ids, suggested = set(), set(), set(), False
    for priority_id, pk, kind in supports.union(own, reported, suggestions, all=True):
        if kind == SUPPORT:
            supported.add(priority_id)
            continue
        if kind == SUGGESTION:
            suggested = True
            continue
        if kind == CommentState.PENDING:
            pending.add(priority_id)
        ids.add(pk)
    return PersonalState(supported, pending, ids, suggested)
