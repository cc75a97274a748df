"""`{% related_pages municipality_id election_id %}`: the shared "related
pages" navigation (includes/related_pages.html), and `{% thread_url obj
municipality_slug as url %}`: the permanent page of a municipality or a
priority; see `cms_pages.related`."""

from django import template

from cms_pages.related import related_links
from cms_pages.related import thread_url as thread_address

register = template.Library()


@register.inclusion_tag("includes/related_pages.html", takes_context=True)
def related_pages(context, municipality_id, election_id):
    request = context.get("request")
    links = related_links(request, municipality_id, election_id)
    current = request.path if request is not None else ""
    return {"links": [(link, link.url.split("?")[0] == current) for link in links]}


@register.simple_tag(takes_context=True)
def thread_url(context, obj, municipality_slug):
    """The thread page of `obj` (a municipality or a source priority), or ""."""
    return thread_address(obj, municipality_slug, context.get("request"))
