"""Rate limits behind the reverse proxy (nginx in front of gunicorn).

Every request reaches the site from the proxy's address; the visitor's is the
last entry of X-Forwarded-For, appended by the proxy. The limits on sign-ins,
sign-ups and contact messages must hold per visitor: a flood from other
addresses locks out no one else, and what a visitor writes in the header
themselves is not believed."""

import pytest

from django.test import override_settings

from wagtail.contrib.forms.models import FormSubmission

from accounts.models import User
from cms_pages.models import ContactPage, FormField

from ..accounts.factories import PASSWORD, UserFactory
from ..cms_pages.factories import ContactPageFactory
from ..markup import text

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("behind_one_proxy"),
]

PROXY = "10.0.0.2"
TOO_MANY_FAILURES = "Too many failed login attempts"


@pytest.fixture
def behind_one_proxy():
    with override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=1):
        yield


def through_the_proxy(visitor, written_by_visitor=""):
    """What gunicorn sees when `visitor` comes through nginx, which appends
    the address it was connected from to whatever the visitor sent."""
    forwarded = f"{written_by_visitor}, {visitor}" if written_by_visitor else visitor
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": forwarded}


def sign_in(client, email, password, visitor, **headers):
    return client.post(
        "/en/accounts/login/",
        {"login": email, "password": password},
        **through_the_proxy(visitor, **headers),
    )


def sign_up(client, email, visitor):
    return client.post(
        "/en/accounts/signup/",
        {
            "display_name": "Besa",
            "email": email,
            "password1": PASSWORD,
            "password2": PASSWORD,
            "municipality": "",
            "consent": "on",
        },
        **through_the_proxy(visitor),
    )


@pytest.fixture
def editor():
    return UserFactory(email="redaktorja@example.org", verified=True, groups=["Editors"])


@pytest.fixture
def contact(home):
    page = ContactPageFactory(parent=home)
    FormField.objects.create(page=page, label="Mesazhi", field_type="multiline", required=True)
    return page


def send_message(client, contact, visitor, **headers):
    return client.post(
        contact.url, {"mesazhi": "Përshëndetje"}, **through_the_proxy(visitor, **headers)
    )


def test_failed_sign_ins_from_many_addresses_do_not_lock_out_a_member_of_staff(client, editor):
    for n in range(4):
        for _ in range(5):
            response = sign_in(client, editor.email, "e-gabuar", f"203.0.113.{n}")
            assert TOO_MANY_FAILURES not in text(response)

    response = sign_in(client, editor.email, PASSWORD, "198.51.100.7")

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(editor.pk)


def test_failed_sign_ins_from_one_address_are_still_limited(client, editor):
    for _ in range(5):
        sign_in(client, editor.email, "e-gabuar", "203.0.113.5")

    response = sign_in(client, editor.email, PASSWORD, "203.0.113.5")

    assert TOO_MANY_FAILURES in text(response)
    assert "_auth_user_id" not in client.session


def test_sign_ups_from_many_addresses_do_not_close_sign_up_for_others(client):
    for n in range(11):
        assert sign_up(client, f"bot{n}@example.org", f"203.0.113.{n}").status_code == 302

    response = sign_up(client, "besa@example.org", "198.51.100.7")

    assert response.status_code == 302
    assert User.objects.filter(email="besa@example.org").exists()


def test_sign_ups_from_one_address_are_still_limited(client):
    for n in range(10):
        sign_up(client, f"bot{n}@example.org", "203.0.113.5")

    response = sign_up(client, "besa@example.org", "203.0.113.5")

    assert response.status_code == 429
    assert not User.objects.filter(email="besa@example.org").exists()


def test_messages_from_many_addresses_do_not_close_the_contact_form_for_others(client, contact):
    for n in range(ContactPage.rate_limit + 1):
        assert send_message(client, contact, f"203.0.113.{n}").status_code == 200

    response = send_message(client, contact, "198.51.100.7")

    assert response.status_code == 200
    assert FormSubmission.objects.count() == ContactPage.rate_limit + 2


def test_addresses_a_visitor_writes_before_the_proxys_are_ignored(client, contact):
    for n in range(ContactPage.rate_limit):
        send_message(client, contact, "203.0.113.5", written_by_visitor=f"192.0.2.{n}")

    response = send_message(client, contact, "203.0.113.5", written_by_visitor="192.0.2.99")

    assert response.status_code == 429
    assert "prisni një orë" in text(response)
    assert FormSubmission.objects.count() == ContactPage.rate_limit


def test_spoofed_addresses_do_not_escape_the_sign_in_limit(client, editor):
    for n in range(10):
        sign_in(client, editor.email, "e-gabuar", "203.0.113.5", written_by_visitor=f"192.0.2.{n}")

    response = sign_in(
        client, editor.email, PASSWORD, "203.0.113.5", written_by_visitor="198.51.100.7"
    )

    assert TOO_MANY_FAILURES in text(response)
    assert "_auth_user_id" not in client.session


@override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=0)
def test_without_a_trusted_proxy_the_header_is_not_read_at_all(client, contact):
    for n in range(ContactPage.rate_limit):
        client.post(
            contact.url,
            {"mesazhi": "Përshëndetje"},
            REMOTE_ADDR="203.0.113.5",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}",
        )

    response = client.post(
        contact.url,
        {"mesazhi": "Përshëndetje"},
        REMOTE_ADDR="203.0.113.5",
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )

    assert response.status_code == 429
