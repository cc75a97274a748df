"""The language switcher sends a visitor to the same page in the other
language, or to that language's home page when there is no such page."""

import pytest

from ..markup import language_link
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
