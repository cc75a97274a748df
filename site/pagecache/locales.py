"""Wagtail's Locale looked up once per request, not once per use.

Wagtail finds the active Locale with `Locale.objects.get_for_language()`
every time it is asked (routing, `.localized` on every translatable object a
page shows: a query each). While the page cache is on, the middleware opens a
memo for the request and each language's Locale is read once in it; outside a
request (the worker, commands) and with the page cache off (development,
tests) Wagtail's own lookup runs unchanged. A Locale missing is not
remembered, and the memo ends with the request, so a locale added or removed
is seen by the next request.
"""

import contextlib
import contextvars

from wagtail.models.i18n import LocaleManager

_memo = contextvars.ContextVar("pagecache_locales", default=None)
_lookup = LocaleManager.get_for_language


def _get_for_language(self, language_code):
    memo = _memo.get()
    if memo is None:
        return _lookup(self, language_code)
    if language_code not in memo:
        memo[language_code] = _lookup(self, language_code)
    return memo[language_code]


@contextlib.contextmanager
def remembered():
    """Within this block each language's Locale is read at most once."""
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


def install():
    LocaleManager.get_for_language = _get_for_language
