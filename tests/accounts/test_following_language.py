"""The language of a person's e-mails: taken from the sign-up page, changed
in the profile, exported with their data."""

import json

import pytest

from accounts.models import User

from .test_signup import sign_up

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["sq", "en"])
def test_sign_up_takes_the_language_of_the_page(client, language):
    sign_up(client, language=language)
    assert User.objects.get(email="besa@example.org").email_language == language


def test_profile_sets_the_language_of_emails(client, citizen):
    assert citizen.email_language == "sq"
    client.force_login(citizen)
    page = client.get("/en/accounts/profile/").content.decode()
    assert 'name="email_language"' in page
    client.post(
        "/en/accounts/profile/",
        {"display_name": "Arta", "municipality": "", "email_language": "en"},
    )
    citizen.refresh_from_db()
    assert citizen.email_language == "en"
    response = client.post(
        "/en/accounts/profile/", {"display_name": "Arta", "email_language": "xx"}
    )
    assert response.status_code == 200  # the form again, with its error
    assert 'value="Arta"' in response.content.decode()
    citizen.refresh_from_db()
    assert citizen.email_language == "en"


def test_the_export_says_the_language_of_emails(client, citizen):
    client.force_login(citizen)
    response = client.get("/en/accounts/profile/export/")
    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert json.loads(content)["account"]["email_language"] == "sq"
