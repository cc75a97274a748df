"""`{{ council_decisions|decisions_for:priority.pk }}`: a priority's council
decisions from the scorecard page's `{priority pk: [decisions]}`."""

from django import template

register = template.Library()


@register.filter
def decisions_for(by_priority, priority_pk):
    return (by_priority or {}).get(priority_pk, [])
