"""Signing up: the happy path to a verified address, and every refusal."""

import re

import pytest
from allauth.account.models import EmailAddress

from django.contrib.auth.hashers import get_hasher
from django.core import mail

from wagtail.models import Site

from accounts.models import User
from cms_pages.models import SiteSettings

from ..cms_pages.factories import HomePageFactory
from ..markup import soup, text
from .factories import UserFactory

pytestmark = pytest.mark.django_db

CONFIRMATION_LINK = re.compile(r"https?://[^/\s]+(/sq/accounts/confirm-email/[-:\w]+/)")


def sign_up(client, language="sq", **overrides):
    data = {
        "display_name": "Besa nga Durrësi",
        "email": "besa@example.org",
        "password1": "Kontrate-Sociale-2023",
        "password2": "Kontrate-Sociale-2023",
        "municipality": "",
        "consent": "on",
    }
    data.update(overrides)
    return client.post(
        f"/{language}/accounts/signup/", {k: v for k, v in data.items() if v is not None}
    )


def confirmation_path(message):
    match = CONFIRMATION_LINK.search(message.body)
    assert match, f"no confirmation link in:\n{message.body}"
    return match.group(1)


def test_sign_up_form_asks_for_name_email_passwords_municipality_and_consent(client):
    response = client.get("/sq/accounts/signup/")

    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.fields) == [
        "display_name",
        "email",
        "password1",
        "password2",
        "municipality",
        "consent",
    ]
    html = response.content.decode()
    for name in form.fields:
        assert f'name="{name}"' in html


def test_sign_up_creates_an_unverified_account_and_sends_a_confirmation_link(client, municipality):
    response = sign_up(client, municipality=municipality.pk)

    assert response.status_code == 302
    assert response["Location"] == "/sq/accounts/confirm-email/"
    user = User.objects.get(email="besa@example.org")
    assert user.display_name == "Besa nga Durrësi"
    assert user.municipality == municipality
    assert user.terms_accepted_at is not None
    assert user.check_password("Kontrate-Sociale-2023")
    assert not user.is_staff
    address = EmailAddress.objects.get(user=user)
    assert (address.email, address.primary, address.verified) == ("besa@example.org", True, False)
    assert not user.has_verified_email
    assert "_auth_user_id" not in client.session
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["besa@example.org"]
    assert confirmation_path(mail.outbox[0])


def test_sign_up_without_municipality_leaves_it_empty(client):
    sign_up(client)

    assert User.objects.get(email="besa@example.org").municipality is None


def test_following_the_link_and_confirming_verifies_the_address(client):
    sign_up(client)
    path = confirmation_path(mail.outbox[0])
    user = User.objects.get(email="besa@example.org")

    page = client.get(path)

    assert page.status_code == 200
    assert 'method="post"' in page.content.decode().lower()
    assert not user.has_verified_email, "a GET must not confirm (mail scanners follow links)"

    response = client.post(path)

    assert response.status_code == 302
    assert EmailAddress.objects.get(user=user).verified
    assert user.has_verified_email


def test_a_made_up_confirmation_key_verifies_nothing(client):
    sign_up(client)

    page = client.get("/sq/accounts/confirm-email/not-a-real-key/")
    response = client.post("/sq/accounts/confirm-email/not-a-real-key/")

    assert page.status_code == 200
    assert 'action="/sq/accounts/confirm-email/not-a-real-key/"' not in page.content.decode()
    assert response.status_code == 404
    assert not EmailAddress.objects.get(email="besa@example.org").verified


def test_duplicate_email_does_not_reveal_that_the_account_exists(client):
    owner = UserFactory(email="besa@example.org", display_name="Besa", verified=True)
    new_sign_up = sign_up(client, language="en", email="other@example.org")
    mail.outbox.clear()

    response = sign_up(client, language="en", email="Besa@Example.org", display_name="Tjetër")

    assert response.status_code == new_sign_up.status_code == 302
    assert response["Location"] == new_sign_up["Location"] == "/en/accounts/confirm-email/"
    assert User.objects.filter(email__iexact="besa@example.org").count() == 1
    owner.refresh_from_db()
    assert owner.display_name == "Besa"
    assert EmailAddress.objects.filter(email__iexact="besa@example.org").count() == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["besa@example.org"]
    assert "already exists" in message.body
    assert "/en/accounts/password/reset/" in message.body
    assert "/confirm-email/" not in message.body


@pytest.mark.parametrize(
    ("password", "error"),
    [
        ("12345678", "This password is too short. It must contain at least 10 characters."),
        ("1234567890", "This password is entirely numeric."),
        ("password123", "This password is too common."),
    ],
)
def test_weak_password_is_refused(client, password, error):
    response = sign_up(client, language="en", password1=password, password2=password)

    assert response.status_code == 200
    assert error in text(response)
    assert not User.objects.exists()
    assert not mail.outbox


def test_different_passwords_are_refused(client):
    response = sign_up(client, language="en", password2="Kontrate-Sociale-2024")

    assert response.status_code == 200
    assert "You must type the same password each time." in text(response)
    assert not User.objects.exists()


def test_sign_up_without_consent_is_refused(client):
    response = sign_up(client, language="en", consent=None)

    assert response.status_code == 200
    assert "To create an account you must accept the terms and privacy notice." in text(response)
    assert not User.objects.exists()
    assert not mail.outbox


@pytest.mark.parametrize("display_name", [None, "", "   "])
def test_sign_up_without_display_name_is_refused(client, display_name):
    response = sign_up(client, language="en", display_name=display_name)

    assert response.status_code == 200
    assert response.context["form"].errors["display_name"]
    assert "This field is required." in text(response)
    assert not User.objects.exists()


def test_sign_up_with_an_invalid_email_is_refused(client):
    response = sign_up(client, language="en", email="not-an-address")

    assert response.status_code == 200
    assert "Enter a valid email address." in text(response)
    assert not User.objects.exists()


def test_consent_names_the_terms_and_privacy_pages_when_editors_chose_them(client, home):
    terms = HomePageFactory(parent=home, title="Kushtet e përdorimit", slug="kushtet")
    privacy = HomePageFactory(parent=home, title="Privatësia", slug="privatesia")
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.terms_page = terms
    site_settings.privacy_page = privacy
    site_settings.save()

    label = soup(client.get("/sq/accounts/signup/")).select_one('label[for="id_consent"]')

    assert label is not None
    assert [(a["href"], a.get_text()) for a in label.select("a")] == [
        ("/sq/kushtet/", "Kushtet e përdorimit"),
        ("/sq/privatesia/", "Privatësia"),
    ]


def test_consent_has_a_plain_label_without_those_pages(client):
    label = soup(client.get("/en/accounts/signup/")).select_one('label[for="id_consent"]')

    assert label.get_text(" ", strip=True) == "I accept the terms of use and the privacy notice."
    assert not label.select("a")


def test_sign_up_refuses_a_municipality_that_is_not_a_source_row(client, municipality, en):
    english = municipality.copy_for_translation(en)
    english.name = "Durres (EN)"
    english.save()

    response = sign_up(client, language="en", municipality=english.pk)

    assert response.status_code == 200
    assert response.context["form"].errors["municipality"]
    assert not User.objects.exists()


def test_sign_up_lists_municipalities_in_the_visitor_language(client, municipality, en):
    english = municipality.copy_for_translation(en)
    english.name = "Durres in English"
    english.save()

    albanian_page = client.get("/sq/accounts/signup/").content.decode()
    english_page = client.get("/en/accounts/signup/").content.decode()

    assert f'<option value="{municipality.pk}">Durrës</option>' in albanian_page
    assert f'<option value="{municipality.pk}">Durres in English</option>' in english_page
    assert f'value="{english.pk}"' not in english_page


def test_the_confirmation_email_does_not_repeat_the_name_typed_at_sign_up(client):
    # The address is not verified yet: whoever signed up may not own it, and
    # the name would reach its owner under the platform's name.
    sign_up(client, language="en", display_name="Win a prize at https://pop-prize.example")

    message = mail.outbox[0]
    assert message.to == ["besa@example.org"]
    assert "pop-prize.example" not in message.subject + message.body
    assert "Win a prize" not in message.body
    assert (
        "You are receiving this e-mail because your e-mail address was given to create "
        "an account on testserver." in message.body
    )
    assert "/en/accounts/confirm-email/" in message.body


BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"


def test_bidirectional_controls_are_taken_out_of_the_name(client):
    sign_up(client, language="en", display_name=f"Besa\u202e{BIDI}gnp.exe")

    assert User.objects.get(email="besa@example.org").display_name == "Besagnp.exe"


def test_a_name_of_bidirectional_controls_only_is_refused(client):
    response = sign_up(client, language="en", display_name=f" {BIDI} ")

    assert response.status_code == 200
    assert "This field is required." in text(response)
    assert not User.objects.exists()
    assert not mail.outbox


def test_names_saved_any_other_way_lose_their_bidirectional_controls():
    user = UserFactory(display_name="Arta\u2066 B.\u2069")

    user.refresh_from_db()
    assert user.display_name == "Arta B."


def test_an_existing_address_costs_the_same_password_hashing_as_a_new_one(client, monkeypatch):
    # Enumeration by timing: the existing-address path must not skip the
    # slow step (hashing the password) that a new account takes.
    hasher = type(get_hasher())
    encode = hasher.encode
    hashed = []

    def counted_encode(self, password, salt, **kwargs):
        hashed.append(password)
        return encode(self, password, salt, **kwargs)

    monkeypatch.setattr(hasher, "encode", counted_encode)
    UserFactory(email="besa@example.org", verified=True)
    hashed.clear()

    sign_up(client, language="en", email="new@example.org")
    new_path = list(hashed)
    hashed.clear()
    sign_up(client, language="en", email="besa@example.org")
    existing_path = list(hashed)

    assert new_path == existing_path == ["Kontrate-Sociale-2023"]
    assert User.objects.filter(email__iexact="besa@example.org").count() == 1
    assert User.objects.filter(email="new@example.org").exists()


def test_the_confirmation_page_does_not_repeat_the_name_typed_at_sign_up(client):
    sign_up(client, language="en", display_name="Win a prize at https://pop-prize.example")
    path = re.search(r"/en/accounts/confirm-email/[-:\w]+/", mail.outbox[0].body).group(0)

    page = client.get(path)

    assert page.status_code == 200
    assert "pop-prize.example" not in page.content.decode()
    assert "Please confirm that besa@example.org is your e-mail address." in text(page)
