"""Per-citizen write limits (comments and suggestions here, forum questions
downstream): a few a minute and a daily ceiling, counted in the cache, which
is Redis and shared by every process in production.

The minute is counted from the first write, not by the clock's minute: read
off the clock, two writes a second apart could fall in two minutes and both
pass a limit of one. The window is still fixed once opened (a burst at its
end and another just after can reach twice the limit); a flood guard needs
no more. The day is the local calendar day, as the refusal says "today"."""

from django.core.cache import cache
from django.utils import timezone

from .decisions import Decision

MINUTE = "minute"
DAY = "day"


def _count(key, ttl):
    """One more write under `key`, which lives `ttl` seconds from its first
    write (the cache keeps a key's expiry when it is incremented)."""
    cache.add(key, 0, ttl)
    try:
        cache.incr(key)
    except ValueError:  # expired between the two calls
        cache.set(key, 1, ttl)


def over_limit(scope, user, per_minute, per_day):
    """Which limit one more write by `user` in `scope` would pass (`MINUTE`
    or `DAY`), or None, in which case the write is counted."""
    minute_key = f"{scope}:{user.pk}:minute"
    day_key = f"{scope}:{user.pk}:{timezone.localdate():%Y%m%d}"
    if cache.get(minute_key, 0) >= per_minute:
        return MINUTE
    if cache.get(day_key, 0) >= per_day:
        return DAY
    _count(minute_key, 60)
    _count(day_key, 24 * 3600)
    return None


def refusal(scope, user, per_minute, per_day, minute, day, reasons=("rate_limited",) * 2):
    """The refusal of one more write by `user` in `scope` past `per_minute`
    or `per_day` (a `Decision` whose message is `minute`, or `day` formatted
    with the day's `count`; `reasons` name the two), or None, in which case
    the write is counted."""
    passed = over_limit(scope, user, per_minute, per_day)
    if passed == MINUTE:
        return Decision(False, reasons[0], str(minute))
    if passed == DAY:
        return Decision(False, reasons[1], str(day) % {"count": per_day})
    return None
