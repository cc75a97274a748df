"""Fixtures shared by the whole suite.

The data migrations build the site: both locales (sq, en), the Albanian home
page and its English alias, and the staff groups. Fixtures here find those
rows rather than making new ones.
"""

import pytest

from django.core.cache import cache
from django.db.models.signals import post_save
from django.utils import translation

from wagtail.models import Locale
from wagtail_localize.models import LocaleSynchronization, sync_trees_on_locale_sync_save

from cms_pages.models import HomePage

from .accounts.factories import UserFactory
from .cms_pages.factories import MunicipalityFactory
from .databases import create_test_database, destroy_test_database


@pytest.fixture(scope="session")
def django_db_setup(django_test_environment, django_db_blocker, django_db_modify_db_settings):
    """Each worker's test database is a copy of the migrated template
    (tests/databases.py) instead of a migration run of its own."""
    with django_db_blocker.unblock():
        created = create_test_database()
    yield
    with django_db_blocker.unblock():
        destroy_test_database(*created)


@pytest.fixture(autouse=True)
def _isolated():
    """Each test starts with an empty cache (allauth keeps its rate limits
    there) and leaves no language activated behind it (the test client's
    requests activate one and never reset it)."""
    cache.clear()
    yield
    translation.deactivate()


@pytest.fixture(scope="session")
def restorable_locale_synchronisation():
    """Lets `serialized_rollback=True` restore the rows the migrations made
    (locales, home pages, groups) in transactional tests.

    Transactional tests flush the database after each test, and
    `serialized_rollback` reloads those rows with `raw` saves.
    wagtail-localize's post_save receiver on LocaleSynchronization ignores
    `raw` and reads its locale before that row is back, so it fails; while
    this fixture is in use it is replaced by one that skips raw saves (as
    Django's fixture loading expects of receivers). Ask for it with
    `pytest.mark.usefixtures("restorable_locale_synchronisation")`. It stays
    in place for the rest of the session, which changes nothing for other
    tests: they make no raw saves.
    """

    def sync_unless_raw(instance, raw=False, **kwargs):
        if not raw:
            sync_trees_on_locale_sync_save(instance=instance, raw=raw, **kwargs)

    post_save.disconnect(sync_trees_on_locale_sync_save, sender=LocaleSynchronization)
    post_save.connect(sync_unless_raw, sender=LocaleSynchronization, weak=False)
    yield
    post_save.disconnect(sync_unless_raw, sender=LocaleSynchronization)
    post_save.connect(sync_trees_on_locale_sync_save, sender=LocaleSynchronization)


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


# With pytest-xdist (`make test` runs two workers, `--dist loadgroup`), tests
# that share something outside their own database run on one worker, one
# after another: the Redis databases the broker tests flush, and the demo,
# which tests/demo loads once per worker for the whole package.
SHARED = {
    "redis": (
        "tests/config/test_background.py",
        "tests/operations/test_composition_survives_killed_workers.py",
        "tests/operations/test_outbox_survives_killed_workers.py",
    ),
    "demo": ("tests/demo/",),
}


def pytest_collection_modifyitems(config, items):
    for item in items:
        path = item.path.as_posix()
        for group, prefixes in SHARED.items():
            if any(f"/{prefix}" in path for prefix in prefixes):
                item.add_marker(pytest.mark.xdist_group(group))
