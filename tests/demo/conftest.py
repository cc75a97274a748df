"""The demo content, loaded once for every test in this package.

`load_demo_data` runs twice on the freshly migrated test database (the second
run proves it idempotent) inside a transaction that is rolled back after the
package's last test; each test runs in a savepoint within it, as in any
`django_db` test, so what a test changes is undone and the rest of the suite
never sees the demo."""

import io
from dataclasses import dataclass

import pytest

from django.apps import apps
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

# Apps whose rows the demo makes: everything of ours, Wagtail's pages,
# revisions, logs, images and documents, tags, form submissions and
# allauth's e-mail addresses (not sessions or queued background tasks).
COUNTED_APPS = {
    "accounts",
    "cms_pages",
    "consultations",
    "forums",
    "scorecards",
    "wagtailcore",
    "wagtailimages",
    "wagtaildocs",
    "wagtailforms",
    "taggit",
    "account",
}


def row_counts():
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in COUNTED_APPS
    }


@dataclass(frozen=True)
class DemoLoad:
    output: str  # what the first run printed (development settings)
    first: dict  # row counts after the first run
    second: dict  # row counts after the second run


@pytest.fixture(scope="package")
def demo_load(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), override_settings(POP_SHOW_DEMO_PASSWORDS=True):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            out = io.StringIO()
            call_command("load_demo_data", stdout=out)
            first = row_counts()
            call_command("load_demo_data", stdout=io.StringIO())
            yield DemoLoad(output=out.getvalue(), first=first, second=row_counts())
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def demo(demo_load, db):
    """The demo content, for one test (in a savepoint)."""
    return demo_load
