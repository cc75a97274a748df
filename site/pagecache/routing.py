"""Wagtail's routing kept between requests, under the structure generation.

Wagtail finds the page for a URL with a query for the site, one for the
locale, one per level of the tree and one for the specific page, then two
more for view restrictions (the page's ancestors, their restrictions): about
eight queries before a page's own. None of it changes unless a page, a site
or a restriction does, and each of those draws a new structure token (see
`invalidation`). So what routing found is kept for the page's own address:
the site, the page (as loaded) and whether it has view restrictions, with
the structure token it was kept under (it counts only while that token is
current). A request reads the structure token and the kept addresses its
path starts with in one cache round trip, and is answered from the longest:
the rest of the path goes to that page's `route()` as Wagtail would pass it,
so the page's own routes (RoutablePageMixin: supports, the discussion…) are
found without queries, and anything below it is routed by Wagtail from there
and kept in its turn (so every page's routing is kept, not only the first
one asked for after a change).

Wagtail reads its answer from `request._wagtail_route_for_request` and the
site from `request._wagtail_site` (its documented per-request caches); this
fills them before Wagtail's `serve` view runs, whatever the method, and
fills the site for every other view too (its chrome asks for it). Kept only
where the page cache is on, like the chrome (`fragments`).
"""

import copy

from django.conf import settings
from django.core.cache import cache
from django.http import Http404

from wagtail import views as wagtail_views
from wagtail.models import Page, PageViewRestriction, Site

from .fragments import key_for
from .invalidation import STRUCTURE_KEY, remember, remembered, structure_token

NO_RESTRICTIONS = PageViewRestriction.objects.none


def _components(path):
    return [component for component in path.split("/") if component]


def _keep(request, path, token, seconds, result=None):
    """Route as Wagtail does (unless `result` is what it found already),
    and keep what it found under the page's own address (nothing is kept
    for an address without a page)."""
    if result is None:
        result = Page.route_for_request(request, path)
    if result is None:
        return
    page = result.page
    site = Site.find_for_request(request)
    own = _components(path)[: page.depth - site.root_page.depth]
    restricted = page.get_view_restrictions().exists()
    if not restricted:
        page.get_view_restrictions = NO_RESTRICTIONS  # asked just now
    kept = copy.copy(page)
    kept.__dict__.pop("_cached_parent_obj", None)  # the page alone, not its parents
    kept.__dict__.pop("get_view_restrictions", None)
    key = _route_key(request, own)
    cache.set(key, (token, site, kept, restricted), seconds)


def _route_key(request, components):
    """Where the route of a page's own address is kept (its token is in
    the value, so the lookup reads the token and the routes together)."""
    return key_for("route", (request.get_host(), request.LANGUAGE_CODE, *components))


def _keep_site(request, token, seconds):
    """For a view outside the page tree (search, the side-by-side offers…):
    the site its chrome asks for, kept per host like the routes."""
    key = key_for(token, ("site", request.get_host(), request.get_port()))
    found = cache.get(key)
    if found is not None:
        request._wagtail_site = found[0]
        return
    cache.set(key, (Site.find_for_request(request),), seconds)


class RouteCacheMiddleware:
    """Serves Wagtail's routing from the cache (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        seconds = getattr(settings, "POP_PAGE_CACHE_SECONDS", 0)
        if not seconds:
            return None
        if view_func is not wagtail_views.serve:
            _keep_site(request, structure_token(), seconds)
            return None
        path = view_kwargs.get("path", view_args[0] if view_args else "")
        components = _components(path)
        keys = [_route_key(request, components[:n]) for n in range(len(components) + 1)]
        token_key = [] if remembered(STRUCTURE_KEY) else [STRUCTURE_KEY]
        found = cache.get_many([*token_key, *keys])
        remember(found)
        token = structure_token()
        for length in range(len(components), -1, -1):
            entry = found.get(keys[length])
            if entry is not None and entry[0] == token:
                (_token, site, page, restricted) = entry
                break
        else:
            _keep(request, path, token, seconds)
            return None
        request._wagtail_site = site
        if not restricted:
            page.get_view_restrictions = NO_RESTRICTIONS
        try:
            result = page.route(request, components[length:])
        except Http404:
            result = None
        request._wagtail_route_for_request = result
        if result is not None and result.page.depth > page.depth:
            # Found below a kept page (by Wagtail's queries): kept under its
            # own address for the next request.
            _keep(request, path, token, seconds, result)
        return None
