"""The open-data page's list of the API, read from the API's own OpenAPI
schema so that it lists every endpoint, including ones added later."""

from django import template

from ..opendata import api_endpoints as endpoints_from_schema

register = template.Library()


@register.simple_tag(takes_context=True)
def api_endpoints(context):
    """Every GET endpoint of the open-data API with a `curl` example."""
    request = context["request"]
    return endpoints_from_schema(request.build_absolute_uri("/"))
