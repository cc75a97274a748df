"""`{% related_pages municipality_id election_id %}`: the shared "related
pages" navigation (includes/related_pages.html), see `cms_pages.related`."""

from django import template

from cms_pages.related import related_links

register = template.Library()


@register.inclusion_tag("includes/related_pages.html", takes_context=True)
def related_pages(context, municipality_id, election_id):
    request = context.get("request")
    links = related_links(request, municipality_id, election_id)
    current = request.path if request is not None else ""
    return {"links": [(link, link.url.split("?")[0] == current) for link in links]}
