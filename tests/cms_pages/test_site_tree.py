"""The site tree the migrations build: two locales, the Albanian home page
as the site's root, and its English alias."""

import pytest

from wagtail.models import Locale, Page, Site
from wagtail_localize.models import LocaleSynchronization

from cms_pages.models import HomePage

pytestmark = pytest.mark.django_db


def test_both_locales_exist_after_migrate():
    assert set(Locale.objects.values_list("language_code", flat=True)) == {"sq", "en"}


def test_english_is_synchronised_from_albanian(sq, en):
    assert LocaleSynchronization.objects.filter(locale=en, sync_from=sq).exists()


def test_albanian_home_page_is_the_site_root(home):
    site = Site.objects.get(is_default_site=True)

    assert site.root_page_id == home.pk
    assert home.live
    assert home.title == "Rrjeti POP"


def test_english_home_page_is_an_alias_of_the_albanian_one(home, home_en, en):
    assert home_en is not None
    assert home_en.locale == en
    assert home_en.alias_of_id == home.pk
    assert home_en.translation_key == home.translation_key
    assert home_en.live


def test_one_home_page_per_language():
    assert HomePage.objects.filter(depth=2).count() == 2
    assert not Page.objects.filter(depth=2).exclude(content_type__model="homepage").exists()
