"""Where a kept page body leaves room for what is the reader's own (see
`scorecards.fragments`): `{% follow_slot target name %}`, the follow form of
`target`; `{% page_slot "name" %}`, a part rendered on each request. Rendered
without `slots` in the context (an uncached rendering), the follow form is
rendered in place and a part is left empty."""

from django import template
from django.utils.safestring import mark_safe

from ..fragments import FOLLOW_FORM

register = template.Library()


@register.simple_tag(takes_context=True)
def follow_slot(context, target, name=""):
    slots = context.get("slots")
    if slots is not None:
        return mark_safe(slots.follow(target, name))  # noqa: S308 - our own marker
    form = context.template.engine.get_template(FOLLOW_FORM)
    with context.push(target=target, name=name):
        return form.render(context)


@register.simple_tag(takes_context=True)
def page_slot(context, name):
    slots = context.get("slots")
    return mark_safe(slots.part(name)) if slots is not None else ""  # noqa: S308
