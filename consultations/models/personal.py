"""What one citizen sees of a consultation that nobody else does."""

from django.db.models import CharField, Value

from ..states import CommentState
from .participation import Comment, Report, Vote

REPORTED = "reported"
SUPPORT = "support"


def personal_state(user, contract):
    """What `user` sees of `contract` that nobody else does, in one query:
    `(supported, pending, ids)`, the priorities they support, those where
    they have a pending comment, and the ids of their visible comments and
    of the comments they reported (a kept card that shows one of those is
    rendered for them)."""
    if not user.is_authenticated:
        return set(), set(), set()
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
    supported, pending, ids = set(), set(), set()
    for priority_id, pk, kind in supports.union(own, reported, all=True):
        if kind == SUPPORT:
            supported.add(priority_id)
            continue
        if kind == CommentState.PENDING:
            pending.add(priority_id)
        ids.add(pk)
    return supported, pending, ids
