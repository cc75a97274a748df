"""Wagtail's routing kept between requests, under the structure generation.

Wagtail finds the page for a URL with a query for the site, one for the
locale, one per level of the tree and one for the specific page, then two
more for view restrictions (the page's ancestors, their restrictions): about
eight queries before a page's own. None of it changes unless a page, a site
or a restriction does, and each of those draws a new structure token (see
`invalidation`). So what routing found is kept for the page's own address:
the site, the page (as loaded) and whether it has view restrictions. A
request is answered from the longest kept address its path starts with (one
cache round trip for all of them): the rest of the path goes to that page's
`route()` as Wagtail would pass it, so the page's own routes
(RoutablePageMixin: supports, the discussion…) are found without queries,
and anything below it is routed by Wagtail from there.

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
from .invalidation import structure_token

NO_RESTRICTIONS = PageViewRestriction.objects.none


def _components(path):
    return [component for component in path.split("/") if component]


def _keep(request, path, token, seconds):
    """Route as Wagtail does, and keep what it found under the page's own
    address (nothing is kept for an address without a page)."""
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
    key = key_for(token, ("route", request.get_host(), request.LANGUAGE_CODE, *own))
    cache.set(key, ((site, kept, restricted),), seconds)


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
        token = structure_token()
        if view_func is not wagtail_views.serve:
            _keep_site(request, token, seconds)
            return None
        path = view_kwargs.get("path", view_args[0] if view_args else "")
        components = _components(path)
        base = ("route", request.get_host(), request.LANGUAGE_CODE)
        keys = [key_for(token, (*base, *components[:n])) for n in range(len(components) + 1)]
        found = cache.get_many(keys)
        for length in range(len(components), -1, -1):
            if keys[length] in found:
                (site, page, restricted) = found[keys[length]][0]
                break
        else:
            _keep(request, path, token, seconds)
            return None
        request._wagtail_site = site
        if not restricted:
            page.get_view_restrictions = NO_RESTRICTIONS
        try:
            request._wagtail_route_for_request = page.route(request, components[length:])
        except Http404:
            request._wagtail_route_for_request = None
        return None
