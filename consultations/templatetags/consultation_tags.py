"""Template helpers for consultation pages."""

from django import template
from django.template.defaultfilters import urlize
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from cms_pages.text import without_bidi_controls

from ..cards import render_cards
from ..states import PREVIEW_LENGTH

register = template.Library()


@register.filter(needs_autoescape=True)
def comment_text(value, autoescape=True):
    """A comment's plain text as HTML: escaped, links clickable with
    rel="nofollow ugc", paragraphs kept; bidirectional overrides neutralised."""
    text = without_bidi_controls(str(value).replace("\r\n", "\n"))
    html = urlize(text, autoescape=True)  # escapes everything, links get rel="nofollow"
    html = html.replace('rel="nofollow"', 'rel="nofollow ugc"')
    paragraphs = [p for p in html.split("\n\n") if p.strip()]
    return mark_safe(  # noqa: S308 - every piece was escaped by urlize above
        "".join(f"<p>{p.strip().replace(chr(10), '<br>')}</p>" for p in paragraphs)
    )


@register.simple_tag
def refusal_for(comment_refusal, priority, parent=None):
    """`comment_refusal` (the text and message of a refused comment) when it
    is about the form for `priority` (and reply to `parent`), else None."""
    if not comment_refusal or comment_refusal["priority_id"] != priority.pk:
        return None
    parent_id = parent.pk if parent else None
    return comment_refusal if comment_refusal["parent_id"] == parent_id else None


@register.simple_tag
def preview(body, length=PREVIEW_LENGTH):
    """The beginning of a comment as the consultation page shows it:
    `{"text": …, "cut": True}` when it is longer than `length` characters
    (cut at a word's end, with an ellipsis), the whole text otherwise."""
    if len(body) <= length:
        return {"text": body, "cut": False}
    text = Truncator(body).chars(length, truncate="…")
    cut_at = text.rstrip("…").rfind(" ")
    if cut_at > length // 2:
        text = text[:cut_at].rstrip() + "…"
    return {"text": text, "cut": True}


@register.simple_tag(takes_context=True)
def priority_cards(context):
    """The consultation page's priorities, one card each (see `cards`: kept
    between requests where the page cache is on, the visitor's own state
    filled in)."""
    return render_cards(context)
