"""Site chrome kept between pages: `cached(key_parts, compute)` hands over to
the callable named by the POP_FRAGMENT_CACHE setting (the site's page cache,
which retires what it keeps whenever content changes), so that cms_pages
imports no other app. Without the setting, `compute()` is simply called.

`compute` must return plain, picklable data (strings, numbers, lists and
dicts of them, or rendered HTML) that does not depend on the visitor.
"""

from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string


@cache
def _backend(path):
    return import_string(path)


def cached(key_parts, compute, seconds=None):
    """`compute()`, kept until content changes (see the module docstring);
    `seconds` keeps it that long even where pages are not cached."""
    path = getattr(settings, "POP_FRAGMENT_CACHE", "")
    if not path:
        return compute()
    return _backend(path)(key_parts, compute, seconds=seconds)
