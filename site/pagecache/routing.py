"""Wagtail's routing kept between requests, under the structure generation.

Wagtail finds the page for a URL with a query for the site, one for the
locale, one per level of the tree and one for the specific page, then two
more for view restrictions (the page's ancestors, their restrictions): about
eight queries before a page's own. None of it changes unless a page, a site
or a restriction does, and each of those draws a new structure token (see
`invalidation`). So the answer is kept: the site, the page (as loaded), what
is left of the path for the page's own routes (RoutablePageMixin), and the
page's view restrictions. Wagtail reads its answer from
`request._wagtail_route_for_request` and the site from
`request._wagtail_site` (its documented per-request caches); this fills them
before Wagtail's `serve` view runs. Kept only where the page cache is on,
like the chrome (`fragments`).
"""

import copy

from django.conf import settings
from django.http import Http404

from wagtail import views as wagtail_views
from wagtail.models import Page, PageViewRestriction, Site

from .fragments import cached

NO_RESTRICTIONS = PageViewRestriction.objects.none


def _route(request, path):
    """What Wagtail's routing answers for `path`, in a form that can be kept:
    `None` (no page), or the site, the page and what is left of the path."""
    result = Page.route_for_request(request, path)
    if result is None:
        return (Site.find_for_request(request), None, None, None)
    page = result.page
    site = Site.find_for_request(request)
    components = [component for component in path.split("/") if component]
    remaining = components[page.depth - site.root_page.depth :]
    restrictions = list(page.get_view_restrictions().values_list("pk", flat=True))
    if not restrictions:
        page.get_view_restrictions = NO_RESTRICTIONS  # asked just now
    kept = copy.copy(page)
    kept.__dict__.pop("_cached_parent_obj", None)  # the page alone, not its parents
    kept.__dict__.pop("get_view_restrictions", None)
    return (site, kept, remaining, restrictions)


class RouteCacheMiddleware:
    """Serves Wagtail's routing from the cache (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not getattr(settings, "POP_PAGE_CACHE_SECONDS", 0):
            return None
        if view_func is not wagtail_views.serve or request.method not in ("GET", "HEAD"):
            return None
        path = view_kwargs.get("path", view_args[0] if view_args else "")
        key = ("route", request.get_host(), request.LANGUAGE_CODE, path)
        site, page, remaining, restrictions = cached(key, lambda: _route(request, path))
        request._wagtail_site = site
        if hasattr(request, "_wagtail_route_for_request"):
            return None  # just routed by Wagtail itself
        if page is None:
            request._wagtail_route_for_request = None
            return None
        if not restrictions:
            page.get_view_restrictions = NO_RESTRICTIONS
        try:
            request._wagtail_route_for_request = page.route(request, remaining)
        except Http404:
            request._wagtail_route_for_request = None
        return None
