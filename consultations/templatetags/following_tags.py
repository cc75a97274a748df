"""Follow buttons, the header's unread count and a person's follows, for
any page's templates (the pages of other apps include the follow form)."""

from django import template
from django.utils import translation

from cms_pages.models import Municipality

from ..models import Follow, Priority
from ..models.following import reader_state
from ..rules import can_follow

register = template.Library()


@register.simple_tag(takes_context=True)
def follow_state(context, target):
    """`{"kind", "following", "decision"}` for the follow form of `target`;
    what the person follows is read once per request, however many forms."""
    request = context.get("request")
    user = getattr(request, "user", None)
    kind = Follow.target_kind(target)
    state = {"kind": kind, "following": False, "decision": None}
    if user is None or not user.is_authenticated:
        state["decision"] = can_follow(user) if user is not None else None
        return state
    state["following"] = (kind, target.pk) in reader_state(request).followed
    decision = can_follow(user, request.get_full_path())
    state["decision"] = None if decision else decision
    return state


@register.simple_tag(takes_context=True)
def unread_notifications(context):
    """How many unread notifications the signed-in person has (see `reader_state`)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return 0
    return reader_state(request).unread


@register.simple_tag
def follows_of(user):
    """What `user` follows, each with its name in the active language:
    `[{"kind", "pk", "name"}]`, in three queries."""
    follows = list(Follow.objects.of(user).values_list("municipality_id", "priority_id"))
    municipality_ids = [m for m, _p in follows if m]
    priority_ids = [p for _m, p in follows if p]
    names = {}
    language = translation.get_language()
    if municipality_ids:
        for pk, name in (
            Municipality.objects.filter(pk__in=municipality_ids)
            .localized("name", language=language)
            .values_list("pk", f"localized_name_{language}")
        ):
            names["municipality", pk] = name
    if priority_ids:
        for pk, name in (
            Priority.objects.filter(pk__in=priority_ids)
            .localized("title", language=language)
            .values_list("pk", f"localized_title_{language}")
        ):
            names["priority", pk] = name
    return [
        {"kind": kind, "pk": pk, "name": names.get((kind, pk), "")}
        for kind, pk in (("municipality", m) if m else ("priority", p) for m, p in follows)
    ]
