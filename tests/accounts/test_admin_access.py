"""Staff reach the Wagtail admin only through the site's (allauth) sign-in,
with a verified address; citizens are turned away without a redirect loop."""

import pytest

from ..markup import text
from .factories import PASSWORD, UserFactory
from .test_login import sign_in, signed_in_user_id

pytestmark = pytest.mark.django_db

LOGIN_FOR_ADMIN = "/sq/accounts/login/?next=/admin/"


@pytest.fixture
def editor():
    return UserFactory(
        email="redaktorja@example.org", is_staff=True, groups=["Editors"], verified=True
    )


def test_anonymous_visitor_is_sent_to_the_site_sign_in(client):
    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"] == LOGIN_FOR_ADMIN


def test_wagtail_login_address_redirects_to_the_site_sign_in(client):
    response = client.get("/admin/login/")

    assert response.status_code == 302
    assert response["Location"] == LOGIN_FOR_ADMIN


def test_wagtail_login_address_keeps_the_next_address(client):
    response = client.get("/admin/login/", {"next": "/admin/pages/"})

    assert response["Location"] == "/sq/accounts/login/?next=/admin/pages/"


def test_wagtail_login_form_cannot_be_posted_to(client, editor):
    response = client.post("/admin/login/", {"username": editor.email, "password": "x"})

    assert response.status_code == 302
    assert signed_in_user_id(client) is None


def test_sign_in_ignores_a_next_address_on_another_site(client, editor):
    response = client.get("/admin/login/", {"next": "https://evil.example/admin/"})
    login_url = response["Location"]

    signed_in = client.post(
        login_url, {"login": "redaktorja@example.org", "password": PASSWORD}, follow=False
    )

    assert signed_in.status_code == 302
    assert signed_in["Location"] == "/sq/accounts/profile/"
    assert signed_in_user_id(client) == str(editor.pk)


def test_unverified_editor_cannot_reach_the_admin(client):
    UserFactory(email="e.re@example.org", is_staff=True, groups=["Editors"], verified=False)

    response = sign_in(client, "e.re@example.org", next="/admin/")

    assert response.status_code == 302
    assert response["Location"] == "/sq/accounts/confirm-email/"
    assert signed_in_user_id(client) is None
    admin = client.get("/admin/")
    assert admin.status_code == 302
    assert admin["Location"] == LOGIN_FOR_ADMIN


def test_verified_editor_signs_in_and_reaches_the_admin(client, editor):
    response = sign_in(client, "redaktorja@example.org", next="/admin/")

    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_citizen_is_sent_to_the_sign_in_page_without_a_loop(client, citizen):
    client.force_login(citizen)

    response = client.get("/admin/", follow=True)

    assert response.status_code == 200
    assert response.redirect_chain == [(LOGIN_FOR_ADMIN, 302)]
    assert response.request["PATH_INFO"] == "/sq/accounts/login/"
    assert signed_in_user_id(client) == str(citizen.pk)


def test_citizen_is_told_they_have_no_access(client, citizen):
    client.force_login(citizen)

    response = client.get("/admin/", headers={"accept-language": "en"}, follow=True)

    assert "You do not have permission to access the admin." in text(response)
