"""What consultation pages compute once per page generation.

`kept(key_parts, compute)` returns `compute()`, kept in the shared cache under
the *current* generation (`pagecache.invalidation.current_token`), which
every change renews, supports and comments included: what is kept here may
show counts and discussions. Where the page cache is off (development,
tests) `compute()` is simply called. `compute` returns picklable data that
does not depend on the visitor.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache

from pagecache.invalidation import current_token

PREFIX = "consultations:kept:"


def seconds():
    """How long what is kept lives (0: nothing is kept)."""
    return getattr(settings, "POP_PAGE_CACHE_SECONDS", 0)


def key(token, key_parts):
    raw = "|".join(str(part) for part in (token, *key_parts))
    return PREFIX + hashlib.sha256(raw.encode()).hexdigest()


def kept(key_parts, compute):
    """`compute()`, once per generation (see the module docstring)."""
    if not seconds():
        return compute()
    # The token is read before computing: data read after a change but
    # stored under the old token is retired by the token drawn on commit.
    entry_key = key(current_token(), key_parts)
    entry = cache.get(entry_key)
    if entry is not None:
        return entry[0]
    value = compute()
    cache.set(entry_key, (value,), seconds())
    return value
