"""Following in a browser, with and without JavaScript: follow a
municipality and a priority from the scorecard page, see the unread count in
the header, read the notifications page, mark them read, stop following."""

import re

import pytest
from playwright.sync_api import expect

from wagtail_localize.synctree import create_aliases_for_new_page

from cms_pages.models import HomePage
from consultations.models import Announcement, Follow, NotificationKind
from scorecards.models import MunicipalityScorecardPage, ScorecardIndexPage

from ..accounts.factories import PASSWORD, UserFactory
from ..cms_pages.factories import MunicipalityFactory
from ..scorecards.factories import (
    AssessmentFactory,
    FinalisedContractFactory,
    MonitoredPriorityFactory,
)
from .helpers import navigate, visit

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def scorecard():
    home = HomePage.objects.get(locale__language_code="sq", depth=2)
    durres = MunicipalityFactory(name="Durrës", slug="durres")
    contract = FinalisedContractFactory(municipality=durres)
    water = MonitoredPriorityFactory(contract=contract, title="Uji 24 orë")
    AssessmentFactory(priority=water, status="partially")
    index = ScorecardIndexPage(title="Kartat e vlerësimit", slug="kartat")
    home.add_child(instance=index)
    create_aliases_for_new_page(index)
    page = MunicipalityScorecardPage(title="Karta: Durrës", slug="durres", municipality=durres)
    index.add_child(instance=page)
    create_aliases_for_new_page(page)
    return "/en/kartat/durres/", durres, water


def sign_in(page, base, email, next_url):
    page.goto(f"{base}/sq/accounts/login/?next={next_url}")
    page.locator('input[name="login"]').fill(email)
    page.locator('input[name="password"]').fill(PASSWORD)
    with page.expect_navigation():
        page.locator('form[action*="/accounts/login/"] [type="submit"]').click()


def test_follow_read_notifications_and_stop_with_javascript(page, live_server):
    url, durres, water = scorecard()
    citizen = UserFactory(email="besa@example.org", verified=True, email_language="en")
    sign_in(page, live_server.url, citizen.email, url)
    page.accessibility_scanner.scan()
    with navigate(page):
        page.get_by_role("button", name=re.compile(r"^Follow\W+Durrës$")).click()
    expect(
        page.get_by_role("button", name=re.compile(r"^Stop following\W+Durrës$"))
    ).to_be_visible()
    assert Follow.objects.filter(person=citizen, municipality=durres).count() == 1

    Announcement.objects.announce(
        NotificationKind.ASSESSMENT,
        municipality=durres,
        priority=water,
        params={"title": {"en": "Water 24 hours"}, "summary": {"en": "Not → Partially"}},
        links={"en": f"{live_server.url}{url}#{water.anchor}"},
    )
    visit(page, f"{live_server.url}{url}")
    header_link = page.get_by_role("link", name=re.compile(r"^Notifications\W+unread:\W+1$"))
    expect(header_link).to_be_visible()
    with navigate(page):
        header_link.click()
    expect(page.get_by_role("heading", name="Notifications", level=1)).to_be_visible()
    expect(page.get_by_role("link", name="Water 24 hours")).to_be_visible()
    with navigate(page):
        page.get_by_role("button", name="Mark as read").click()
    expect(page.get_by_role("link", name="Notifications", exact=True)).to_be_visible()

    visit(page, f"{live_server.url}/en/accounts/profile/")
    with navigate(page):
        page.get_by_role("button", name=re.compile(r"^Stop following\W+Durrës$")).click()
    expect(page.get_by_text("You follow nothing yet.")).to_be_visible()
    assert not Follow.objects.exists()


def test_follow_and_stop_following_a_priority_without_javascript(browser, live_server):
    url, durres, water = scorecard()
    citizen = UserFactory(email="besa@example.org", verified=True)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        sign_in(page, live_server.url, citizen.email, url)
        with page.expect_navigation():
            page.get_by_role("button", name=re.compile(r"^Follow\W+Uji 24 orë$")).click()
        assert Follow.objects.filter(person=citizen, priority=water).count() == 1
        with page.expect_navigation():
            page.get_by_role("button", name=re.compile(r"^Stop following\W+Uji 24 orë$")).click()
        expect(
            page.get_by_role("button", name=re.compile(r"^Follow\W+Uji 24 orë$"))
        ).to_be_visible()
        assert not Follow.objects.exists()
    finally:
        context.close()
