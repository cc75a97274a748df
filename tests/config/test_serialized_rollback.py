"""Transactional tests get the migrations' rows back after each test
(`serialized_rollback`), with the suite's `restorable_locale_synchronisation`
fixture: the locales, their synchronisation and both home pages."""

import pytest

from wagtail_localize.models import LocaleSynchronization

from cms_pages.models import HomePage

from ..cms_pages.factories import StandardPageFactory

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("restorable_locale_synchronisation"),
]


@pytest.mark.parametrize("run", ["first", "second"])
def test_the_migrations_rows_are_restored_after_each_test(run, sq, en, home, home_en):
    assert LocaleSynchronization.objects.filter(locale=en, sync_from=sq).exists()
    assert HomePage.objects.count() == 2
    assert home_en.alias_of_id == home.pk
    assert home.get_children().count() == 0

    # Changed here; the next run starts from the migrations' rows again.
    StandardPageFactory(parent=home, title="Vetëm në këtë test")
