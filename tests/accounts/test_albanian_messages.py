"""Django's and allauth's own messages in Albanian: every password validator
and every form error that the sign-up, sign-in, password and contact forms
can show reads in Albanian on /sq/ pages, and none of the English that the
same request shows on /en/ is left on the Albanian page."""

import re

import pytest

from django.conf import settings
from django.core import mail
from django.core.cache import cache

from cms_pages.models import FormField

from ..cms_pages.factories import ContactPageFactory
from ..markup import soup, text
from .factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

REQUIRED = ("This field is required.", "Kjo fushë është e domosdoshme.")
INVALID_EMAIL = ("Enter a valid email address.", "Jepni një adresë email të vlefshme.")
TOO_SHORT = (
    "This password is too short. It must contain at least 10 characters.",
    "Ky fjalëkalim është shumë i shkurtër. Duhet të përmbajë të paktën 10 shenja.",
)
TOO_COMMON = ("This password is too common.", "Ky fjalëkalim është shumë i rëndomtë.")
NUMERIC = ("This password is entirely numeric.", "Ky fjalëkalim është tërësisht numerik.")
TOO_SIMILAR = (
    "The password is too similar to the e-mail address.",
    "Fjalëkalimi është shumë i ngjashëm me fushën “adresa e email-it”.",
)
MISMATCH = (
    "You must type the same password each time.",
    "Duhet të shkruani të njëjtin fjalëkalim të dyja herët.",
)

# One weak password per configured validator, with the message it gets.
WEAK_PASSWORDS = {
    "UserAttributeSimilarityValidator": ("besakontrata2023", TOO_SIMILAR),
    "MinimumLengthValidator": ("Ab-7x", TOO_SHORT),
    "CommonPasswordValidator": ("qwertyuiop", TOO_COMMON),
    "NumericPasswordValidator": ("4829175036", NUMERIC),
}
SIMILAR_EMAIL = "besakontrata2023@example.org"


def shown(response):
    """The errors and messages a person sees after submitting a form."""
    selectors = ".field__errors li, .form-errors li, .message p"
    return [" ".join(node.get_text(" ").split()) for node in soup(response).select(selectors)]


def assert_albanian(client, path, data, *expected, en_path=None, status=200):
    """POST the same data to the Albanian and the English page: the English
    page shows each expected English message, the Albanian one shows its
    Albanian translation and none of the English page's messages."""
    albanian = client.post(f"/sq{path}", data)
    english = client.post(en_path or f"/en{path}", data)

    assert albanian.status_code == english.status_code == status
    english_messages, albanian_messages = shown(english), shown(albanian)
    albanian_text = text(albanian)
    for english_message, albanian_message in expected:
        assert english_message in " | ".join(english_messages)
        assert albanian_message in " | ".join(albanian_messages)
        assert english_message not in albanian_text
    assert english_messages, "the English page shows no error"
    assert len(albanian_messages) == len(english_messages)
    for message in english_messages:
        assert message not in albanian_text
    assert set(albanian_messages).isdisjoint(english_messages)
    return albanian


def page_texts(response):
    """The headings and paragraphs of the page's main content."""
    nodes = soup(response).select("main h1, main h2, main p")
    return [" ".join(node.get_text(" ").split()) for node in nodes]


def prose_lines(body):
    """The lines of an e-mail that are sentences, not links or names."""
    return [line.strip() for line in body.splitlines() if len(line.split()) > 3]


def assert_no_english_left(albanian, english):
    assert albanian.status_code == english.status_code == 200
    english_texts = page_texts(english)
    assert english_texts
    albanian_text = text(albanian)
    for english_text in english_texts:
        assert english_text not in albanian_text


def test_each_configured_password_validator_is_covered():
    configured = [v["NAME"].rsplit(".", 1)[1] for v in settings.AUTH_PASSWORD_VALIDATORS]

    assert sorted(configured) == sorted(WEAK_PASSWORDS)


# Sign-up ------------------------------------------------------------------

SIGN_UP = {
    "display_name": "Besa",
    "email": "besa@example.org",
    "password1": "Kontrate-Sociale-2023",
    "password2": "Kontrate-Sociale-2023",
    "consent": "on",
}


def test_sign_up_without_anything_says_what_is_required_in_albanian(client):
    page = assert_albanian(client, "/accounts/signup/", {}, REQUIRED)

    assert shown(page).count(REQUIRED[1]) == 4
    assert (
        "Për të krijuar një llogari, duhet të pranoni kushtet e përdorimit "
        "dhe njoftimin e privatësisë." in shown(page)
    )


def test_sign_up_with_an_invalid_email_address(client):
    assert_albanian(
        client, "/accounts/signup/", {**SIGN_UP, "email": "besa.example.org"}, INVALID_EMAIL
    )


@pytest.mark.parametrize("validator", sorted(WEAK_PASSWORDS))
def test_sign_up_with_a_weak_password(client, validator):
    password, message = WEAK_PASSWORDS[validator]
    data = {**SIGN_UP, "email": SIMILAR_EMAIL, "password1": password, "password2": password}

    assert_albanian(client, "/accounts/signup/", data, message)


def test_sign_up_with_passwords_that_differ(client):
    data = {**SIGN_UP, "password2": "Kontrate-Sociale-2024"}

    assert_albanian(client, "/accounts/signup/", data, MISMATCH)


def test_sign_up_with_a_public_name_too_long(client):
    data = {**SIGN_UP, "display_name": "B" * 61}

    assert_albanian(
        client,
        "/accounts/signup/",
        data,
        (
            "Ensure this value has at most 60 characters (it has 61).",
            "Siguroni që kjo vlerë ka të shumtën 60 shenja (ka 61).",
        ),
    )


def test_sign_up_with_an_address_that_has_an_account_answers_and_mails_in_albanian(client):
    UserFactory(email="besa@example.org", verified=True)

    # No enumeration: the same answer as for a new account, and an e-mail
    # to the address's owner, each in the language of the page.
    albanian = client.post("/sq/accounts/signup/", SIGN_UP, follow=True)
    cache.clear()  # allauth mails an address at most once in a while
    english = client.post("/en/accounts/signup/", SIGN_UP, follow=True)

    assert_no_english_left(albanian, english)
    albanian_mail, english_mail = mail.outbox
    assert albanian_mail.to == english_mail.to == ["besa@example.org"]
    assert albanian_mail.subject != english_mail.subject
    for line in prose_lines(english_mail.body):
        assert line not in albanian_mail.body


# Sign-in ------------------------------------------------------------------


def test_sign_in_without_anything(client):
    page = assert_albanian(client, "/accounts/login/", {}, REQUIRED)

    assert shown(page).count(REQUIRED[1]) == 2


def test_sign_in_with_an_invalid_email_address(client):
    assert_albanian(
        client, "/accounts/login/", {"login": "arta", "password": PASSWORD}, INVALID_EMAIL
    )


def test_sign_in_with_a_wrong_password(client, citizen):
    assert_albanian(
        client,
        "/accounts/login/",
        {"login": citizen.email, "password": "not-the-password"},
        (
            "The email address and/or password you specified are not correct.",
            "Adresa e email-it ose fjalëkalimi nuk janë të sakta.",
        ),
    )


def test_too_many_failed_sign_ins(client, citizen):
    wrong = {"login": citizen.email, "password": "not-the-password"}
    refusals = {}
    for language in ("sq", "en"):
        cache.clear()
        for _ in range(5):
            client.post(f"/{language}/accounts/login/", wrong)
        refusals[language] = client.post(f"/{language}/accounts/login/", wrong)

    assert "Too many failed login attempts. Try again later." in shown(refusals["en"])
    assert "Shumë përpjekje të dështuara për të hyrë. Provoni përsëri më vonë." in shown(
        refusals["sq"]
    )
    for message in shown(refusals["en"]):
        assert message not in text(refusals["sq"])


# Password reset, change and set -------------------------------------------


def test_password_reset_without_an_address_or_with_an_invalid_one(client):
    assert_albanian(client, "/accounts/password/reset/", {}, REQUIRED)
    assert_albanian(client, "/accounts/password/reset/", {"email": "arta"}, INVALID_EMAIL)


def reset_form_path(client, citizen):
    """The set-a-new-password form reached from the e-mailed link."""
    client.post("/sq/accounts/password/reset/", {"email": citizen.email})
    link = re.search(r"/sq/accounts/password/reset/key/\S+/", mail.outbox[-1].body).group(0)
    response = client.get(link)
    assert response.status_code == 302
    return response["Location"].removeprefix("/sq")


@pytest.mark.parametrize("validator", sorted(WEAK_PASSWORDS))
def test_password_reset_from_the_link_with_a_weak_password(client, validator):
    citizen = UserFactory(email=SIMILAR_EMAIL, verified=True)
    path = reset_form_path(client, citizen)
    password, message = WEAK_PASSWORDS[validator]

    # The key is kept in the session, so the same form answers in both languages.
    assert_albanian(client, path, {"password1": password, "password2": password}, message)


def test_password_reset_from_the_link_with_passwords_that_differ(client, citizen):
    path = reset_form_path(client, citizen)
    data = {"password1": "Kontrate-Sociale-2024", "password2": "Kontrate-Sociale-2025"}

    assert_albanian(client, path, data, MISMATCH)
    assert_albanian(client, path, {}, REQUIRED)


def test_password_reset_with_a_bad_link_speaks_albanian(client, citizen):
    albanian = client.get("/sq/accounts/password/reset/key/1-bad-key/", follow=True)
    english = client.get("/en/accounts/password/reset/key/1-bad-key/", follow=True)

    assert_no_english_left(albanian, english)


@pytest.mark.parametrize("validator", sorted(WEAK_PASSWORDS))
def test_password_change_with_a_weak_password(client, validator):
    citizen = UserFactory(email=SIMILAR_EMAIL, verified=True)
    client.force_login(citizen)
    password, message = WEAK_PASSWORDS[validator]
    data = {"oldpassword": PASSWORD, "password1": password, "password2": password}

    assert_albanian(client, "/accounts/password/change/", data, message)


def test_password_change_with_a_wrong_current_password_or_differing_passwords(client, citizen):
    client.force_login(citizen)
    wrong_current = {
        "oldpassword": "not-the-password",
        "password1": "Kontrate-Sociale-2024",
        "password2": "Kontrate-Sociale-2024",
    }
    differing = {**wrong_current, "oldpassword": PASSWORD, "password2": "Kontrate-Sociale-2025"}

    assert_albanian(
        client,
        "/accounts/password/change/",
        wrong_current,
        ("Please type your current password.", "Ju lutemi, shkruani fjalëkalimin tuaj aktual."),
    )
    cache.clear()  # allauth allows five password changes a minute
    assert_albanian(client, "/accounts/password/change/", differing, MISMATCH)
    cache.clear()
    page = assert_albanian(client, "/accounts/password/change/", {}, REQUIRED)
    assert shown(page).count(REQUIRED[1]) == 3


@pytest.mark.parametrize("validator", sorted(WEAK_PASSWORDS))
def test_password_set_with_a_weak_password(client, validator):
    citizen = UserFactory(email=SIMILAR_EMAIL, verified=True, password=None)
    citizen.set_unusable_password()
    citizen.save()
    client.force_login(citizen)
    password, message = WEAK_PASSWORDS[validator]

    assert_albanian(
        client, "/accounts/password/set/", {"password1": password, "password2": password}, message
    )


def test_password_set_with_differing_passwords(client):
    citizen = UserFactory(verified=True, password=None)
    citizen.set_unusable_password()
    citizen.save()
    client.force_login(citizen)
    data = {"password1": "Kontrate-Sociale-2024", "password2": "Kontrate-Sociale-2025"}

    assert_albanian(client, "/accounts/password/set/", data, MISMATCH)
    assert_albanian(client, "/accounts/password/set/", {}, REQUIRED)


# The contact form ---------------------------------------------------------


@pytest.fixture
def contact(home, home_en, en):
    page = ContactPageFactory(parent=home)
    for label, field_type, extra in [
        ("Emri", "singleline", {}),
        ("Email-i", "email", {}),
        ("Mosha", "number", {}),
        ("Faqja juaj", "url", {}),
        ("Data", "date", {}),
        ("Data dhe ora", "datetime", {}),
        ("Tema", "dropdown", {"choices": "Vullnetarizëm\nAnkesë"}),
    ]:
        FormField.objects.create(
            page=page, label=label, field_type=field_type, required=True, **extra
        )
    page.copy_for_translation(en).save_revision().publish()
    return page


def contact_paths(page, en):
    return page.url.removeprefix("/sq"), page.get_translation(en).url


def test_contact_form_without_anything(client, contact, en):
    path, en_path = contact_paths(contact, en)

    page = assert_albanian(client, path, {}, REQUIRED, en_path=en_path)

    assert shown(page).count(REQUIRED[1]) == 7


def test_contact_form_with_every_value_wrong(client, contact, en):
    path, en_path = contact_paths(contact, en)
    data = {
        "emri": "A" * 256,
        "email_i": "arta",
        "mosha": "njëzet",
        "faqja_juaj": "jo një adresë",
        "data": "31/31/2026",
        "data_dhe_ora": "nesër në mbrëmje",
        "tema": "Tjetër",
    }

    assert_albanian(
        client,
        path,
        data,
        (
            "Ensure this value has at most 255 characters (it has 256).",
            "Siguroni që kjo vlerë ka të shumtën 255 shenja (ka 256).",
        ),
        INVALID_EMAIL,
        ("Enter a number.", "Jepni një numër."),
        ("Enter a valid URL.", "Jepni një URL të vlefshme."),
        ("Enter a valid date.", "Jepni një datë të vlefshme."),
        ("Enter a valid date/time.", "Jepni një datë/kohë të vlefshme."),
        (
            "Select a valid choice. Tjetër is not one of the available choices.",
            "Përzgjidhni një zgjedhje të vlefshme. Tjetër s’është një nga zgjedhjet e mundshme.",
        ),
        en_path=en_path,
    )
