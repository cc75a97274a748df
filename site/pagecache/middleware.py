"""The anonymous page cache (POP_PAGE_CACHE_SECONDS; 0 turns it off).

Serves a stored copy of a public page to visitors who are not signed in,
without touching the session, the user or the database. A page is stored
only if it was a plain 200 answer to a cookieless GET that set no cookie (so
never a page with a CSRF token, a message, or a signed-in view) and did not
say `private`/`no-store`. Every change to what pages show retires the whole
cache (see `invalidation`); so does every POST, PUT, PATCH or DELETE the
site answers without refusing it (status below 400), which also covers bulk
`update()`s that send no signal.

The cache must be shared by every process (Redis in production): with a
per-process cache one worker could not retire another's pages, which is why
production turns this on only with REDIS_URL.

Wagtail's own Locale lookups (`Locale.get_active()`, run by routing and by
every `.localized`) are left as Wagtail makes them: Wagtail 8 caches none
(each is a query on the two-row locale table) and has no supported way to
remember them for a request, so they are counted in the query budgets like
any other query. A page served whole from the cache makes none.
"""

import gzip
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers

from .invalidation import STRUCTURE_KEY, TOKEN_KEY, current_token, finish, remember, request_scope

HEADER = "X-Page-Cache"
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
SKIPPED_HEADERS = {"set-cookie", "content-length"}
COMPRESS_FROM = 1024  # bytes; stored pages larger than this are kept gzipped


def _allowed_cookies():
    return {settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME}


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = getattr(settings, "POP_PAGE_CACHE_SECONDS", 0)
        if not seconds:
            return self.get_response(request)
        unsafe = request.method in UNSAFE
        # The tokens read once for the whole request (see `invalidation`).
        with request_scope(defer=unsafe) as scope:
            if unsafe:
                return self._answer_unsafe(request, scope)
            if not self._cacheable_request(request):
                return self.get_response(request)
            return self._answer_cacheable(request, seconds)

    def _answer_cacheable(self, request, seconds):
        key = self._key(request)
        found = cache.get_many([TOKEN_KEY, STRUCTURE_KEY, key])
        remember(found)
        entry = found.get(key)
        if entry is not None and entry[0] == found.get(TOKEN_KEY):
            return self._rebuild(entry, "gzip" in request.headers.get("Accept-Encoding", ""))
        token = found.get(TOKEN_KEY) or current_token()
        response = self.get_response(request)
        if self._cacheable_response(response):
            headers = [(k, v) for k, v in response.items() if k.lower() not in SKIPPED_HEADERS]
            content, compressed = response.content, False
            if len(content) >= COMPRESS_FROM and not response.has_header("Content-Encoding"):
                # Compressed once here, not on every hit: big pages (a
                # consultation with its discussion) cost a tenth to send.
                content, compressed = gzip.compress(content, compresslevel=6), True
            cache.set(key, (token, response.status_code, headers, content, compressed), seconds)
            response[HEADER] = "miss"
        return response

    def _answer_unsafe(self, request, scope):
        """A POST (PUT, PATCH, DELETE) that may have changed something retires
        the cache, once, when its answer is ready; one the site refused (403,
        404, 405, 429…) changed nothing unless a change said so, so a stream
        of refused requests cannot keep the cache empty."""
        # Public POSTs change participation (the shared routing and chrome
        # are retired by the signals of what they show); the admin's may
        # change anything, by bulk updates too.
        structure = request.path_info.startswith("/admin/")
        try:
            response = self.get_response(request)
        except BaseException:
            finish(scope, retire=True, structure=structure)
            raise
        finish(scope, retire=response.status_code < 400, structure=structure)
        return response

    @staticmethod
    def _cacheable_request(request):
        if request.method != "GET":
            return False
        if set(request.COOKIES) - _allowed_cookies():
            return False  # signed in, messages waiting, or anything we do not know
        if "Authorization" in request.headers:
            return False
        excluded = getattr(settings, "POP_PAGE_CACHE_EXCLUDED_PATHS", ())
        return not request.path_info.startswith(tuple(excluded))

    @staticmethod
    def _cacheable_response(response):
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        control = response.get("Cache-Control", "").lower()
        return not any(word in control for word in ("private", "no-store", "no-cache"))

    @staticmethod
    def _key(request):
        wants_json = "application/json" in request.headers.get("Accept", "")
        raw = f"{request.scheme}://{request.get_host()}{request.get_full_path()}|{wants_json}"
        return "pagecache:page:" + hashlib.sha256(raw.encode()).hexdigest()

    @staticmethod
    def _rebuild(entry, accepts_gzip):
        _token, status, headers, content, compressed = entry
        if compressed and not accepts_gzip:
            content, compressed = gzip.decompress(content), False
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        if compressed:
            response["Content-Encoding"] = "gzip"
        patch_vary_headers(response, ["Accept-Encoding"])
        response[HEADER] = "hit"
        return response
