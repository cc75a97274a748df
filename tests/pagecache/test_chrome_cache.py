"""The site chrome (main menu, language links, partners, footer) is kept
between pages while the page cache is on: a page rendered after another makes
fewer queries, shows exactly the same, and any edit to a footer text, a
funder, a menu page or a partner shows on the next page. With the page cache
off (development, the other tests) nothing is kept."""

import re

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.contrib.settings.registry import registry
from wagtail.models import Site
from wagtail.models.i18n import LocaleManager

from cms_pages.models import FooterText, SiteSettings

from ..cms_pages.factories import FunderFactory, PartnerOrganisationFactory, StandardPageFactory
from ..markup import soup

pytestmark = pytest.mark.django_db

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


@pytest.fixture
def chrome(home, sq, municipality):
    """A footer text, a funder, a partner and two menu pages."""
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    for model in registry:
        if issubclass(model, BaseSiteSetting):
            model.for_site(site_settings.site)
    footer = FooterText.objects.create(locale=sq, body="Rrjeti i organizatave qytetare.")
    funder = FunderFactory(name="Olof Palme International Center")
    site_settings.footer_text = footer
    site_settings.funders = [("funder", funder)]
    site_settings.save()
    partner = PartnerOrganisationFactory(name="Qendra Durrës", municipality=municipality)
    about = StandardPageFactory(parent=home, title="Rreth nesh", show_in_menus=True)
    method = StandardPageFactory(parent=home, title="Metoda", show_in_menus=True)
    return {
        "footer": footer,
        "funder": funder,
        "partner": partner,
        "about": about,
        "method": method,
    }


@pytest.fixture
def cache_on(settings):
    settings.POP_PAGE_CACHE_SECONDS = 300


@pytest.fixture
def reader(client, citizen):
    """Signed in: pages are never stored whole, so only the chrome is kept."""
    client.force_login(citizen)
    return client


def render(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response, len(queries)


def menu(response):
    return [
        (link.get_text(strip=True), link.get("aria-current"))
        for link in soup(response).select(".main-nav a")
    ]


def footer_text(response):
    return soup(response).select_one("footer").get_text(" ", strip=True)


@pytest.mark.usefixtures("cache_on")
def test_a_page_after_another_makes_fewer_queries_and_shows_the_same(reader, chrome, home):
    first, cold = render(reader, chrome["about"].url)
    second, warm = render(reader, chrome["method"].url)
    again, _ = render(reader, chrome["about"].url)

    # Kept: the menu, the partners (1), the settings, the footer text, the
    # funders (2); the language links are the other page's own.
    assert warm <= cold - 6
    assert CSRF.sub("", again.content.decode()) == CSRF.sub("", first.content.decode())
    assert "Qendra Durrës" in footer_text(second)
    assert "Olof Palme International Center" in footer_text(second)


def test_with_the_page_cache_off_nothing_is_kept(settings, reader, chrome):
    settings.POP_PAGE_CACHE_SECONDS = 0
    _first, cold = render(reader, chrome["about"].url)
    _second, warm = render(reader, chrome["about"].url)

    assert warm == cold


@pytest.mark.usefixtures("cache_on")
def test_the_current_section_is_marked_on_each_page_not_kept(reader, chrome):
    on_about, _ = render(reader, chrome["about"].url)
    on_method, _ = render(reader, chrome["method"].url)

    assert menu(on_about) == [("Rreth nesh", "page"), ("Metoda", None)]
    assert menu(on_method) == [("Rreth nesh", None), ("Metoda", "page")]


@pytest.mark.usefixtures("cache_on")
def test_an_edited_footer_text_shows_on_the_next_page(reader, chrome):
    render(reader, chrome["about"].url)
    chrome["footer"].body = "Rrjeti POP, i përditësuar."
    chrome["footer"].save()

    response, _ = render(reader, chrome["method"].url)

    assert "Rrjeti POP, i përditësuar." in footer_text(response)
    assert "Rrjeti i organizatave qytetare." not in footer_text(response)


@pytest.mark.usefixtures("cache_on")
def test_an_edited_funder_shows_on_the_next_page(reader, chrome):
    render(reader, chrome["about"].url)
    chrome["funder"].name = "National Endowment for Democracy"
    chrome["funder"].save()

    response, _ = render(reader, chrome["about"].url)

    assert "National Endowment for Democracy" in footer_text(response)
    assert "Olof Palme" not in footer_text(response)


@pytest.mark.usefixtures("cache_on")
def test_a_new_or_renamed_menu_page_shows_on_the_next_page(reader, chrome, home):
    render(reader, chrome["about"].url)
    StandardPageFactory(parent=home, title="Lajme", show_in_menus=True)
    about = chrome["about"]
    about.title = "Kush jemi"
    about.save_revision().publish()

    response, _ = render(reader, chrome["method"].url)

    assert menu(response) == [("Kush jemi", None), ("Metoda", "page"), ("Lajme", None)]


@pytest.mark.usefixtures("cache_on")
def test_a_new_partner_shows_on_the_next_page(reader, chrome, municipality):
    render(reader, chrome["about"].url)
    PartnerOrganisationFactory(name="Zëri i Qytetarëve", municipality=municipality)

    response, _ = render(reader, chrome["about"].url)

    assert "Zëri i Qytetarëve" in footer_text(response)


@pytest.mark.usefixtures("cache_on")
def test_anonymous_pages_also_reuse_the_chrome_and_see_edits(client, chrome):
    _first, cold = render(client, chrome["about"].url)
    _second, warm = render(client, chrome["method"].url)
    chrome["partner"].name = "Qendra Durrës e Re"
    chrome["partner"].save()

    response, _ = render(client, chrome["about"].url)

    assert warm < cold
    assert "Qendra Durrës e Re" in footer_text(response)


def locale_lookups(queries):
    return [
        query["sql"]
        for query in queries
        if 'FROM "wagtailcore_locale"' in query["sql"]
        and '"wagtailcore_locale"."language_code" =' in query["sql"]
    ]


def test_wagtail_looks_up_its_locales_itself_whether_the_cache_is_on_or_off(
    settings, reader, municipality, make_scorecard_page
):
    """Nothing in Wagtail is replaced: a page that is not served whole from
    the cache makes the same Locale lookups with the page cache on as off
    (where every query budget is counted)."""
    from ..consultations.factories import PriorityFactory, SocialContractFactory

    contract = SocialContractFactory(municipality=municipality, phase="finalised")
    PriorityFactory(contract=contract, in_contract=True)
    page = make_scorecard_page(municipality)
    settings.POP_PAGE_CACHE_SECONDS = 0
    with CaptureQueriesContext(connection) as uncached:
        assert reader.get(page.url).status_code == 200
    settings.POP_PAGE_CACHE_SECONDS = 300
    with CaptureQueriesContext(connection) as cached:
        shown = reader.get(page.url)

    assert shown.status_code == 200
    assert LocaleManager.get_for_language.__module__ == "wagtail.models.i18n"
    assert locale_lookups(uncached)  # Wagtail's own, not remembered by us
    assert len(locale_lookups(cached)) == len(locale_lookups(uncached))
