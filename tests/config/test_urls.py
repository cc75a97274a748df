"""Public addresses carry the language; the bare root picks one."""

import pytest

from ..markup import html_lang

pytestmark = pytest.mark.django_db


def test_root_redirects_to_albanian_by_default(client):
    response = client.get("/")

    assert response.status_code == 302
    assert response["Location"] == "/sq/"


def test_root_redirects_to_english_for_an_english_browser(client):
    response = client.get("/", headers={"accept-language": "en"})

    assert response.status_code == 302
    assert response["Location"] == "/en/"


def test_root_ignores_a_language_the_site_does_not_offer(client):
    response = client.get("/", headers={"accept-language": "de"})

    assert response["Location"] == "/sq/"


@pytest.mark.parametrize("language", ["sq", "en"])
def test_home_page_in_each_language(client, language):
    response = client.get(f"/{language}/")

    assert response.status_code == 200
    assert html_lang(response) == language


@pytest.mark.parametrize("language", ["sq", "en"])
def test_sign_in_page_in_each_language(client, language):
    response = client.get(f"/{language}/accounts/login/")

    assert response.status_code == 200
    assert html_lang(response) == language


def test_unknown_address_is_not_found(client):
    response = client.get("/sq/nuk-ekziston/")

    assert response.status_code == 404
