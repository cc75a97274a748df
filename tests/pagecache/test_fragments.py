"""A fragment kept with `cms_pages.caching.cached(..., seconds=...)` (as the
home page's scorecards section is) lives under the page cache's generation
token: it is computed once, then served until anything public changes, even
where whole pages are not cached (the page cache is off in the tests)."""

import pytest

from django.contrib.sessions.backends.db import SessionStore

from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from cms_pages.caching import cached
from cms_pages.models import Municipality

from ..cms_pages.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def names():
    """A fragment listing the municipalities, and how often it was computed."""
    computed = []

    def compute():
        computed.append(True)
        return sorted(Municipality.objects.values_list("name", flat=True))

    def fragment():
        return cached(("tests", "municipality-names"), compute, seconds=60)

    fragment.computed = computed
    return fragment


def test_a_fragment_is_computed_once_and_kept(settings, names, municipality):
    assert settings.POP_PAGE_CACHE_SECONDS == 0
    assert names() == ["Durrës"]
    assert names() == ["Durrës"]
    assert len(names.computed) == 1


def test_a_renamed_municipality_retires_the_fragment(names, municipality):
    assert names() == ["Durrës"]
    municipality.name = "Durrësi"
    municipality.save()

    assert names() == ["Durrësi"]
    assert len(names.computed) == 2


def test_a_new_or_deleted_municipality_retires_the_fragment(names, municipality):
    assert names() == ["Durrës"]
    fier = MunicipalityFactory(name="Fier", slug="fier")
    assert names() == ["Durrës", "Fier"]
    fier.delete()
    assert names() == ["Durrës"]
    assert len(names.computed) == 3


def test_rows_no_page_shows_leave_the_fragment_kept(names, municipality, citizen):
    assert names() == ["Durrës"]
    session = SessionStore()
    session["seen"] = True
    session.save()
    log(instance=municipality, action="wagtail.edit", user=citizen)

    assert ModelLogEntry.objects.filter(label="Durrës").exists()
    assert names() == ["Durrës"]
    assert len(names.computed) == 1


def test_without_seconds_nothing_is_kept_while_the_page_cache_is_off(municipality):
    computed = []

    def compute():
        computed.append(True)
        return Municipality.objects.count()

    assert cached(("tests", "count"), compute) == 1
    assert cached(("tests", "count"), compute) == 1
    assert len(computed) == 2
