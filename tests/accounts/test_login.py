"""Signing in with e-mail and password; only verified addresses get in."""

import pytest
from allauth.account.models import EmailAddress

from django.core import mail

from ..markup import text
from .factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

MISMATCH = "The email address and/or password you specified are not correct."


def sign_in(client, email, password=PASSWORD, language="sq", **extra):
    return client.post(
        f"/{language}/accounts/login/", {"login": email, "password": password, **extra}
    )


def signed_in_user_id(client):
    return client.session.get("_auth_user_id")


def test_verified_citizen_signs_in_and_lands_on_their_profile(client, citizen):
    response = sign_in(client, "arta@example.org")

    assert response.status_code == 302
    assert response["Location"] == "/sq/accounts/profile/"
    assert signed_in_user_id(client) == str(citizen.pk)


def test_email_is_matched_case_insensitively(client, citizen):
    sign_in(client, "ARTA@example.org")

    assert signed_in_user_id(client) == str(citizen.pk)


def test_unverified_citizen_cannot_sign_in(client):
    user = UserFactory(email="i.ri@example.org", verified=False)

    response = sign_in(client, "i.ri@example.org")

    assert response.status_code == 302
    assert response["Location"] == "/sq/accounts/confirm-email/"
    assert signed_in_user_id(client) is None
    assert not user.has_verified_email
    # They are sent a (new) confirmation link to their address.
    assert [message.to for message in mail.outbox] == [["i.ri@example.org"]]


def test_has_verified_email_follows_the_address_of_the_account(client):
    user = UserFactory(email="i.ri@example.org", verified=False)
    assert not user.has_verified_email

    EmailAddress.objects.create(user=user, email="tjeter@example.org", verified=True)
    assert not user.has_verified_email, "another verified address does not count"

    EmailAddress.objects.filter(email="i.ri@example.org").update(verified=True)
    assert user.has_verified_email

    sign_in(client, "i.ri@example.org")
    assert signed_in_user_id(client) == str(user.pk)


def test_wrong_password_is_refused_with_a_message(client, citizen):
    response = sign_in(client, "arta@example.org", password="not-my-password", language="en")

    assert response.status_code == 200
    assert MISMATCH in text(response)
    assert signed_in_user_id(client) is None


def test_unknown_email_gets_the_same_message_as_a_wrong_password(client):
    response = sign_in(client, "nobody@example.org", language="en")

    assert response.status_code == 200
    assert MISMATCH in text(response)
    assert signed_in_user_id(client) is None


def test_repeated_failures_lock_the_address_for_a_while(client, citizen):
    for _attempt in range(5):
        sign_in(client, "arta@example.org", password="not-my-password", language="en")

    response = sign_in(client, "arta@example.org", language="en")

    assert response.status_code == 200
    assert "Too many failed login attempts. Try again later." in text(response)
    assert signed_in_user_id(client) is None


def test_inactive_account_cannot_sign_in(client):
    UserFactory(email="mbyllur@example.org", verified=True, is_active=False)

    sign_in(client, "mbyllur@example.org")

    assert signed_in_user_id(client) is None


def test_sign_out_ends_the_session(client, citizen):
    sign_in(client, "arta@example.org")

    response = client.post("/sq/accounts/logout/")

    assert response.status_code == 302
    assert signed_in_user_id(client) is None


@pytest.mark.parametrize("backend", [0, 1])
def test_the_signed_in_account_comes_with_whether_its_address_is_verified(
    client, settings, backend
):
    """Both backends (staff through Django's, citizens through allauth's)
    load the account and its address check in one query; the check is the
    account's own address, as `has_verified_email`."""
    from django.contrib.auth import get_user
    from django.test import RequestFactory

    user = UserFactory(email="i.ri@example.org", verified=False)
    EmailAddress.objects.create(user=user, email="tjeter@example.org", verified=True)
    client.force_login(user, backend=settings.AUTHENTICATION_BACKENDS[backend])

    def loaded():
        request = RequestFactory().get("/")
        request.session = client.session
        return get_user(request)

    unverified = loaded()
    EmailAddress.objects.filter(email="i.ri@example.org").update(verified=True)
    verified = loaded()

    assert unverified.pk == verified.pk == user.pk
    assert unverified.email_verified is False
    assert verified.email_verified is True


@pytest.mark.parametrize("backend", [0, 1])
def test_the_account_loaded_for_a_request_is_the_whole_row_in_one_query(
    settings, backend, django_assert_num_queries
):
    """The backends load the account by a statement compiled once: every
    field as the ORM loads it, an inactive account or an id that is not one
    loads nobody."""
    from django.contrib.auth import get_user_model
    from django.utils.module_loading import import_string

    loader = import_string(settings.AUTHENTICATION_BACKENDS[backend])()
    user = UserFactory(email="plote@example.org", display_name="Arta K.", verified=True)
    loader.get_user(str(user.pk))  # compiled here, if not already

    with django_assert_num_queries(1):
        loaded = loader.get_user(str(user.pk))

    expected = get_user_model().objects.get(pk=user.pk)
    fields = [field.attname for field in expected._meta.concrete_fields]
    assert [getattr(loaded, name) for name in fields] == [
        getattr(expected, name) for name in fields
    ]
    assert loaded.email_verified is True
    assert loader.get_user(str(user.pk + 1000)) is None
    assert loader.get_user("not an id") is None
    user.is_active = False
    user.save()
    assert loader.get_user(str(user.pk)) is None
