"""Fixtures shared by the whole suite.

The data migrations build the site: both locales (sq, en), the Albanian home
page and its English alias, and the staff groups. Fixtures here find those
rows rather than making new ones.
"""

import pytest

from django.core.cache import cache
from django.utils import translation

from wagtail.models import Locale

from cms_pages.models import HomePage

from .accounts.factories import UserFactory
from .cms_pages.factories import MunicipalityFactory


@pytest.fixture(autouse=True)
def _isolated():
    """Each test starts with an empty cache (allauth keeps its rate limits
    there) and leaves no language activated behind it (the test client's
    requests activate one and never reset it)."""
    cache.clear()
    yield
    translation.deactivate()


@pytest.fixture
def sq():
    return Locale.objects.get(language_code="sq")


@pytest.fixture
def en():
    return Locale.objects.get(language_code="en")


@pytest.fixture
def home(sq):
    """The Albanian home page made by the migrations: the site's root page."""
    return HomePage.objects.get(locale=sq, depth=2)


@pytest.fixture
def home_en(home, en):
    """The English home page: an alias of the Albanian one, made after migrate."""
    return home.get_translation(en)


@pytest.fixture
def municipality():
    return MunicipalityFactory(name="Durrës", slug="durres")


@pytest.fixture
def citizen(municipality):
    """A citizen with a verified e-mail address who lives in Durrës."""
    return UserFactory(
        email="arta@example.org", display_name="Arta", municipality=municipality, verified=True
    )
