"""The write limits behind comments, suggestions and questions
(consultations.limits): the minute is counted from the first write, so the
clock's minute turning between two writes lets nothing extra through; the
count starts again once that minute has passed."""

import datetime
import time

import pytest

from django.core.cache.backends import locmem
from django.utils import timezone

from consultations import limits

from ..accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def at(monkeypatch, when):
    monkeypatch.setattr(limits.timezone, "now", lambda: when)


def test_the_clock_minute_turning_between_two_writes_lets_nothing_through(monkeypatch):
    citizen = UserFactory()
    at(monkeypatch, datetime.datetime(2026, 12, 4, 16, 33, 59, 900000, tzinfo=datetime.UTC))
    assert limits.over_limit("test:writes", citizen, 1, 10) is None
    at(monkeypatch, datetime.datetime(2026, 12, 4, 16, 34, 0, 100000, tzinfo=datetime.UTC))
    assert limits.over_limit("test:writes", citizen, 1, 10) == limits.MINUTE


def test_the_count_starts_again_a_minute_after_the_first_write(monkeypatch):
    citizen, other = UserFactory(), UserFactory()
    assert limits.over_limit("test:writes", citizen, 2, 10) is None
    assert limits.over_limit("test:writes", citizen, 2, 10) is None
    assert limits.over_limit("test:writes", citizen, 2, 10) == limits.MINUTE
    assert limits.over_limit("test:writes", other, 2, 10) is None
    later = time.time() + 61
    monkeypatch.setattr(locmem.time, "time", lambda: later)
    assert limits.over_limit("test:writes", citizen, 2, 10) is None


def test_the_day_is_the_local_calendar_day(monkeypatch):
    """Tirana is an hour ahead of UTC in December: 23:30 UTC is already the
    next day there, and the next day's count is a new one."""
    citizen = UserFactory()
    at(monkeypatch, datetime.datetime(2026, 12, 4, 22, 30, tzinfo=datetime.UTC))
    assert limits.over_limit("test:writes", citizen, 10, 1) is None
    assert limits.over_limit("test:writes", citizen, 10, 1) == limits.DAY
    at(monkeypatch, datetime.datetime(2026, 12, 4, 23, 30, tzinfo=datetime.UTC))
    assert timezone.localdate(timezone.now()) == datetime.date(2026, 12, 5)
    assert limits.over_limit("test:writes", citizen, 10, 1) is None
