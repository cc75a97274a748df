"""The scorecard, municipality and priority pages' content, rendered once per
content generation and kept (`cms_pages.caching.cached`, retired whenever
anything these pages show changes) for every reader, signed in or not.

What is the reader's own is left out of the kept HTML and put back on each
request: the body template writes `{% follow_slot target name %}` where a
follow form goes and `{% page_slot "name" %}` where a part rendered per
request goes (participation counts, which the kept content's generation
does not follow). Each slot is an HTML comment carrying a nonce drawn for
that rendering, so no text of the content can pose as one. What is kept is
plain data: strings, and per slot a tuple of strings and numbers.
"""

import re
import secrets

from django.template import Context
from django.template.context_processors import csrf
from django.template.loader import get_template, render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from cms_pages.caching import cached
from cms_pages.models import Municipality
from consultations.models import Follow, Priority

FOLLOW_FORM = "consultations/includes/follow_form.html"
TARGETS = {"municipality": Municipality, "priority": Priority}


class Slots:
    """The slots written while rendering one body (see the module docstring)."""

    def __init__(self):
        self.nonce = secrets.token_hex(8)
        self.items = []

    def _marker(self, item):
        self.items.append(item)
        return f"<!--slot-{self.nonce}-{len(self.items) - 1}-->"

    def follow(self, target, name=""):
        kind = Follow.target_kind(target)
        return self._marker(("follow", kind, target.pk, str(name or target)))

    def part(self, name):
        return self._marker(("part", name))

    def split(self, html):
        """`[text, index, text, index, …, text]` (indices as strings)."""
        return re.split(rf"<!--slot-{self.nonce}-(\d+)-->", str(html))


def render_body(request, template_name, context):
    """`{"pieces", "slots"}` of `template_name` rendered with `context`."""
    slots = Slots()
    html = render_to_string(template_name, {**context, "slots": slots}, request)
    return {"pieces": slots.split(html), "slots": slots.items}


def kept_body(request, key_parts, template_name, get_context, extra=None):
    """The body kept under `key_parts` (with the language and the host; None:
    not kept, for a reader who sees more than others), `get_context()`
    called only when it is rendered; `extra()`, if given, returns plain
    values kept beside it (`{"body": …}` is added)."""

    def compute():
        context = get_context()
        value = render_body(request, template_name, context)
        if extra is not None:
            value.update(extra(context))
        return value

    if key_parts is None:
        return compute()
    return cached((*key_parts, get_language(), request.get_host()), compute)


def fill(request, kept, parts=None):
    """The kept body's HTML with the reader's follow forms and `parts`
    (`{name: html}`) in their slots."""
    pieces, slots = kept["pieces"], kept["slots"]
    if not slots:
        return mark_safe(pieces[0])  # noqa: S308 - rendered by our own templates
    parts = parts or {}
    template = get_template(FOLLOW_FORM).template
    # What the follow form reads, and only that: the page's context
    # processors have already run once for this request.
    context = Context({"request": request, "user": request.user, **csrf(request)})
    out = []
    with context.bind_template(template):
        for index, piece in enumerate(pieces):
            if index % 2 == 0:
                out.append(piece)
                continue
            slot = slots[int(piece)]
            if slot[0] == "part":
                out.append(str(parts.get(slot[1], "")))
                continue
            _follow, kind, pk, name = slot
            with context.push(target=TARGETS[kind](pk=pk), name=name):
                out.append(template.render(context))
    return mark_safe("".join(out))  # noqa: S308 - rendered by our own templates
