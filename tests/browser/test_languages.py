"""A visitor switches language with the keyboard and stays on the same page."""

import pytest
from playwright.sync_api import expect

from .helpers import navigate, visit

# Live-server tests are transactional: the rows the migrations made (locales,
# home pages) are restored for each test by serialized_rollback.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def tab_to(page, selector, limit=40):
    """Press Tab until the element matching `selector` has the focus, as a
    keyboard user would; fail if it is never reached."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} cannot be reached with the Tab key")


def test_visitor_switches_the_home_page_to_english_with_the_keyboard(page, live_server):
    visit(page, f"{live_server.url}/sq/")
    expect(page.locator("html")).to_have_attribute("lang", "sq")

    tab_to(page, 'a[hreflang="en"]')
    with navigate(page):
        page.keyboard.press("Enter")

    assert page.url == f"{live_server.url}/en/"
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_switching_on_a_sub_page_keeps_the_visitor_on_that_page(page, live_server):
    visit(page, f"{live_server.url}/sq/accounts/login/")

    tab_to(page, 'a[hreflang="en"]')
    with navigate(page):
        page.keyboard.press("Enter")

    assert page.url == f"{live_server.url}/en/accounts/login/"
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator('input[name="login"]')).to_be_visible()

    tab_to(page, 'a[hreflang="sq"]')
    with navigate(page):
        page.keyboard.press("Enter")

    assert page.url == f"{live_server.url}/sq/accounts/login/"
    expect(page.locator("html")).to_have_attribute("lang", "sq")
