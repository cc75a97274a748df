"""The language switcher sends a visitor to the same page in the other
language, or to that language's home page when there is no such page."""

import pytest

from ..markup import language_link, soup
from .factories import HomePageFactory

pytestmark = pytest.mark.django_db


def test_on_the_albanian_home_it_links_to_the_english_home(client, home):
    response = client.get("/sq/")

    assert response.status_code == 200
    assert language_link(response, "en") == "/en/"
    assert language_link(response, "sq") == "/sq/"


def test_on_the_english_home_it_links_back_to_the_albanian_home(client, home_en):
    response = client.get("/en/")

    assert response.status_code == 200
    assert language_link(response, "sq") == "/sq/"


def test_on_the_sign_in_page_it_links_to_the_english_sign_in_page(client):
    response = client.get("/sq/accounts/login/")

    assert language_link(response, "en") == "/en/accounts/login/"


def test_on_a_page_with_an_english_alias_it_links_to_the_alias(client, home, en):
    page = HomePageFactory(parent=home, title="Rreth nesh", slug="rreth-nesh")
    page.copy_for_translation(en, alias=True)

    response = client.get("/sq/rreth-nesh/")

    assert response.status_code == 200
    assert language_link(response, "en") == "/en/rreth-nesh/"


def test_on_a_page_without_english_version_it_links_to_the_english_home(client, home):
    HomePageFactory(parent=home, title="Vetëm shqip", slug="vetem-shqip")

    response = client.get("/sq/vetem-shqip/")

    assert response.status_code == 200
    assert language_link(response, "en") == "/en/"
    assert client.get("/en/vetem-shqip/").status_code == 404


def test_on_the_sign_in_page_it_keeps_the_next_address_in_english(client):
    response = client.get("/sq/accounts/login/", {"next": "/sq/accounts/profile/"})

    assert language_link(response, "en") == (
        "/en/accounts/login/?next=%2Fen%2Faccounts%2Fprofile%2F"
    )


def test_the_current_language_is_marked(client):
    document = soup(client.get("/sq/"))

    assert document.select_one('a[hreflang="sq"]').get("aria-current") == "true"
    assert document.select_one('a[hreflang="en"]').get("aria-current") is None
