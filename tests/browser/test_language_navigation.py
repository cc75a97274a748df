"""Switching language keeps the visitor's place: the municipality scorecard
keeps the date they chose, and signing in from a page whose language they
switched lands on that page's translation, not on a 404."""

import datetime

import pytest
from playwright.sync_api import expect

from wagtail.models import Locale
from wagtail_localize.synctree import create_aliases_for_new_page

from cms_pages.models import HomePage
from scorecards.models import MunicipalityScorecardPage, ScorecardIndexPage

from ..accounts.factories import PASSWORD, UserFactory
from ..cms_pages.conftest import translate_page
from ..cms_pages.factories import ElectionFactory, MunicipalityFactory, NewsIndexPageFactory
from ..scorecards.factories import (
    AssessmentFactory,
    FinalisedContractFactory,
    MonitoredPriorityFactory,
)
from .helpers import navigate, visit
from .test_accounts import sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def albanian_home():
    return HomePage.objects.get(locale__language_code="sq", depth=2)


def test_switching_language_on_a_scorecard_keeps_its_date(page, live_server):
    durres = MunicipalityFactory(name="Durrës", slug="durres")
    contract = FinalisedContractFactory(
        municipality=durres,
        election=ElectionFactory(name="Zgjedhjet vendore 2019", date=datetime.date(2019, 6, 30)),
    )
    AssessmentFactory(
        priority=MonitoredPriorityFactory(contract=contract, title="Ujë çdo ditë"),
        as_of=datetime.date(2020, 12, 31),
        status="fully",
    )
    index = ScorecardIndexPage(title="Kartat e vlerësimit", slug="kartat")
    albanian_home().add_child(instance=index)
    create_aliases_for_new_page(index)
    scorecard = MunicipalityScorecardPage(title="Durrësi", slug="durres", municipality=durres)
    index.add_child(instance=scorecard)
    create_aliases_for_new_page(scorecard)

    visit(page, f"{live_server.url}/sq/kartat/durres/")
    page.locator("#id_as_of").fill("2021-03-15")
    with navigate(page):
        page.locator("form.scorecard-date [type=submit]").click()
    expect(page.locator("#contract-title")).to_contain_text("15 mars 2021")

    with navigate(page):
        page.locator('.language-switcher a[hreflang="en"]').click()

    assert page.url.startswith(f"{live_server.url}/en/kartat/durres/?")
    assert "as_of=2021-03-15" in page.url
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("#contract-title")).to_contain_text("March 15, 2021")
    expect(page.locator("#id_as_of")).to_have_value("2021-03-15")

    with navigate(page):
        page.locator('.language-switcher a[hreflang="sq"]').click()

    assert "as_of=2021-03-15" in page.url
    expect(page.locator("#contract-title")).to_contain_text("15 mars 2021")


def test_signing_in_from_a_switched_page_lands_on_its_translation(page, live_server):
    user = UserFactory(email="arta@example.org", verified=True)
    news = NewsIndexPageFactory(parent=albanian_home(), title="Lajme", slug="lajme")
    translate_page(news, Locale.objects.get(language_code="en"), title="News", slug="news")

    visit(page, f"{live_server.url}/en/news/")
    with navigate(page):
        page.locator("a.account-menu__signin").click()
    assert page.url == f"{live_server.url}/en/accounts/login/?next=/en/news/"

    with navigate(page):
        page.locator('.language-switcher a[hreflang="sq"]').click()
    expect(page.locator("html")).to_have_attribute("lang", "sq")

    sign_in(page, user.email, PASSWORD)

    assert page.url == f"{live_server.url}/sq/lajme/"
    expect(page.locator("h1")).to_have_text("Lajme")
    expect(page.locator("html")).to_have_attribute("lang", "sq")
