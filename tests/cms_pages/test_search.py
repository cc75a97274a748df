"""Site search: live pages of the visitor's language only."""

import pytest

from ..markup import text
from .factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def body(words):
    return [("paragraph", f"<p>{words}</p>")]


def test_finds_a_published_page_by_a_word_of_its_body(client, home):
    StandardPageFactory(parent=home, title="Metoda", body=body("Kontrata shoqërore bashkiake"))

    response = client.get("/sq/search/", {"q": "bashkiake"})

    assert response.status_code == 200
    assert "Metoda" in text(response)


def test_finds_only_pages_in_the_current_language(client, home, home_en, translate):
    page = StandardPageFactory(parent=home, title="Metoda", body=body("Kontrata bashkiake"))
    translate(page, title="The method", slug="method", body=body("Municipal contract"))

    albanian = text(client.get("/sq/search/", {"q": "contract"}))
    english = text(client.get("/en/search/", {"q": "contract"}))

    assert "The method" not in albanian
    assert "The method" in english
    assert "Metoda" not in english


def test_drafts_never_appear(client, home):
    StandardPageFactory(parent=home, title="Skicë", body=body("fjalëkyçsekret"), live=False)

    assert "Skicë" not in text(client.get("/sq/search/", {"q": "fjalëkyçsekret"}))


def test_empty_query_shows_the_form_only(client):
    response = client.get("/sq/search/")

    assert response.status_code == 200
    assert "search-results" not in response.content.decode()
