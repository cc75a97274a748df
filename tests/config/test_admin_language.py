"""Wagtail's admin ships no Albanian, so staff use it in English (settings:
WAGTAILADMIN_PERMITTED_LANGUAGES); the public site stays Albanian first."""

import pytest

from ..accounts.factories import UserFactory
from ..markup import html_lang, text

pytestmark = pytest.mark.django_db

ADD_MUNICIPALITY = "/admin/snippets/cms_pages/municipality/add/?locale=sq"


@pytest.fixture
def editor_client(client):
    client.force_login(UserFactory(is_staff=True, groups=["Editors"], verified=True))
    return client


def test_admin_is_in_english_for_staff_without_a_chosen_language(editor_client):
    response = editor_client.get(ADD_MUNICIPALITY)

    assert response.status_code == 200
    assert html_lang(response) == "en"


def test_admin_form_errors_are_in_english(editor_client):
    response = editor_client.post(ADD_MUNICIPALITY, {"name": "", "slug": ""})

    assert response.status_code == 200
    assert "This field is required." in text(response)


def test_public_site_stays_albanian_after_a_visit_to_the_admin(editor_client):
    editor_client.get("/admin/")

    response = editor_client.get("/")

    assert response["Location"] == "/sq/"
