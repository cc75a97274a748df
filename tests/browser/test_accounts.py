"""A citizen's account journeys: signing up, confirming, signing in."""

import re

import pytest
from playwright.sync_api import expect

from django.core import mail

from ..accounts.factories import PASSWORD, UserFactory
from .helpers import navigate, visit

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

CONFIRMATION_LINK = re.compile(r"https?://\S+/accounts/confirm-email/[-:\w]+/")


def sign_in(page, email, password):
    page.locator('input[name="login"]').fill(email)
    page.locator('input[name="password"]').fill(password)
    with navigate(page):
        page.locator('form[action$="/accounts/login/"] [type="submit"]').click()


def test_citizen_signs_up_confirms_and_signs_in(page, live_server):
    visit(page, f"{live_server.url}/sq/accounts/signup/")
    page.locator('input[name="display_name"]').fill("Besa nga Durrësi")
    page.locator('input[name="email"]').fill("besa@example.org")
    page.locator('input[name="password1"]').fill(PASSWORD)
    page.locator('input[name="password2"]').fill(PASSWORD)
    page.locator('input[name="consent"]').check()
    with navigate(page):
        page.locator('form[action$="/accounts/signup/"] [type="submit"]').click()

    assert page.url == f"{live_server.url}/sq/accounts/confirm-email/"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["besa@example.org"]
    link = CONFIRMATION_LINK.search(mail.outbox[0].body).group(0)

    visit(page, link)
    with navigate(page):
        page.get_by_role("main").locator('form[method="post"] [type="submit"]').click()

    # Confirming in the browser that signed up signs the citizen in.
    header = page.get_by_role("banner")
    expect(header).to_contain_text("Besa nga Durrësi")

    with navigate(page):
        header.locator('form[action$="/accounts/logout/"] [type="submit"]').click()
    expect(header).not_to_contain_text("Besa nga Durrësi")

    visit(page, f"{live_server.url}/sq/accounts/login/")
    sign_in(page, "besa@example.org", PASSWORD)

    assert page.url == f"{live_server.url}/sq/accounts/profile/"
    expect(page.get_by_role("banner")).to_contain_text("Besa nga Durrësi")


def test_wrong_password_shows_a_clear_message_in_albanian(page, live_server):
    UserFactory(email="arta@example.org", display_name="Arta", verified=True)

    visit(page, f"{live_server.url}/sq/accounts/login/")
    sign_in(page, "arta@example.org", "jo-fjalekalimi-im")

    assert page.url == f"{live_server.url}/sq/accounts/login/"
    expect(page.get_by_text("Adresa e email-it ose fjalëkalimi nuk janë të sakta.")).to_be_visible()
    expect(page.get_by_role("banner")).not_to_contain_text("Arta")
