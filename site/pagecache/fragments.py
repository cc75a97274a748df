"""Site chrome (menus, footer, partners, language links) computed once per
generation instead of once per page.

`cached(key_parts, compute)` returns what `compute()` returns, kept in the
shared cache under a key made of `key_parts` and the current structure token
(see `invalidation`): any change to what pages show draws a new token, so
every kept value is retired with the cached pages, except the busy
participation rows (supports, comments…), which the chrome never shows. It caches only where the
page cache is on (POP_PAGE_CACHE_SECONDS, production with Redis), because only
there is the token drawn anew on every change; elsewhere (development, tests)
it simply calls `compute()`.

`kept_here(key_parts, compute)` is the same under the same token, but kept
in the process's own memory: for the small rows a busy write reads on every
request (the priority a support is about), where even the shared cache's
round trip is most of the cost. The token is still the shared one (read once
per request), so a change anywhere retires what every process keeps.

cms_pages reaches this through the POP_FRAGMENT_CACHE setting, so that it
imports no other app.
"""

import hashlib
import threading
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache

from .invalidation import structure_token

PREFIX = "pagecache:fragment:"


def key_for(token, key_parts):
    raw = "|".join(str(part) for part in (token, *key_parts))
    return PREFIX + hashlib.sha256(raw.encode()).hexdigest()


def cached(key_parts, compute, seconds=None, token=structure_token):
    """`compute()`, kept under the generation `token()` returns (by default
    the structure's; `current_token` for what shows participation too) for
    `seconds` (by default as long as pages are: nothing kept where the page
    cache is off)."""
    if seconds is None:
        seconds = getattr(settings, "POP_PAGE_CACHE_SECONDS", 0)
    if not seconds:
        return compute()
    # The token is read before computing: data read after a change but
    # stored under the old token is retired by the token drawn on commit.
    key = key_for(token(), key_parts)
    entry = cache.get(key)
    if entry is not None:
        return entry[0]
    value = compute()
    cache.set(key, (value,), seconds)
    return value


KEPT_HERE_LIMIT = 2000  # values per process; past it, the least recently used goes
_here = {"token": None, "values": OrderedDict()}
_here_lock = threading.Lock()


def kept_here(key_parts, compute):
    """`compute()`, kept in this process under the structure token (see the
    module docstring); `key_parts` must be hashable. The caller gets the
    kept value itself: it copies what it changes. Where the page cache is
    off, simply `compute()`."""
    if not getattr(settings, "POP_PAGE_CACHE_SECONDS", 0):
        return compute()
    token = structure_token()
    with _here_lock:
        if _here["token"] != token:
            _here["token"], _here["values"] = token, OrderedDict()
        values = _here["values"]
        if key_parts in values:
            values.move_to_end(key_parts)
            return values[key_parts]
    value = compute()
    with _here_lock:
        if _here["token"] == token:
            values = _here["values"]
            values[key_parts] = value
            values.move_to_end(key_parts)
            while len(values) > KEPT_HERE_LIMIT:
                values.popitem(last=False)
    return value
