"""Fixtures for the editorial pages: an English translation helper and the
news section in both languages."""

import pytest

from .factories import NewsIndexPageFactory


def translate_page(page, locale, **fields):
    """A real (not alias) translation of `page` in `locale`, with `fields`
    set and published, as a translator would leave it."""
    translation = page.copy_for_translation(locale).specific
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    translation.refresh_from_db()
    return translation


@pytest.fixture
def translate(en):
    def _translate(page, **fields):
        return translate_page(page, en, **fields)

    return _translate


@pytest.fixture
def news_index(home):
    return NewsIndexPageFactory(parent=home, title="Lajme", slug="lajme", intro="Lajmet e rrjetit.")


@pytest.fixture
def news_index_en(news_index, translate, home_en):
    return translate(news_index, title="News", slug="news", intro="The network's news.")
