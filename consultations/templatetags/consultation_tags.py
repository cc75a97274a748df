"""Template helpers for consultation pages."""

from django import template
from django.template.defaultfilters import urlize
from django.utils.safestring import mark_safe

register = template.Library()

# Characters that reorder text (RLO, LRO, isolates…): shown inert, not obeyed,
# so a comment cannot make the page read differently from what is stored.
BIDI_CONTROLS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


@register.filter(needs_autoescape=True)
def comment_text(value, autoescape=True):
    """A comment's plain text as HTML: escaped, links clickable with
    rel="nofollow ugc", paragraphs kept; bidirectional overrides neutralised."""
    text = str(value).replace("\r\n", "\n").translate(BIDI_CONTROLS)
    html = urlize(text, autoescape=True)  # escapes everything, links get rel="nofollow"
    html = html.replace('rel="nofollow"', 'rel="nofollow ugc"')
    paragraphs = [p for p in html.split("\n\n") if p.strip()]
    return mark_safe(  # noqa: S308 - every piece was escaped by urlize above
        "".join(f"<p>{p.strip().replace(chr(10), '<br>')}</p>" for p in paragraphs)
    )
