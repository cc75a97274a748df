"""The footer shows what editors chose in the site settings, in the
visitor's language."""

import pytest

from wagtail.models import Site

from cms_pages.models import FooterText, SiteSettings

from ..markup import soup, text
from .factories import FunderFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def site_settings(home, sq, en):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    footer = FooterText.objects.create(locale=sq, body="Rrjeti i organizatave qytetare.")
    english = footer.copy_for_translation(en)
    english.body = "A network of civic organisations."
    english.save()
    palme = FunderFactory(name="Olof Palme International Center", support_line="me fonde suedeze")
    palme_en = palme.copy_for_translation(en)
    palme_en.support_line = "with Swedish funds"
    palme_en.save()
    ned = FunderFactory(name="National Endowment for Democracy")
    settings.footer_text = footer
    settings.funders = [("funder", ned), ("funder", palme)]
    settings.contact_address = "Rruga e Durrësit\nTiranë"
    settings.contact_email = "info@pop.example"
    settings.social_links = [("link", {"network": "facebook", "url": "https://facebook.com/pop"})]
    settings.save()
    return settings


def test_footer_shows_settings_in_albanian(client, site_settings):
    footer = soup(client.get("/sq/")).select_one("footer")

    assert "Rrjeti i organizatave qytetare." in text(str(footer))
    funders = [item.get_text(" ", strip=True) for item in footer.select(".funder-list li")]
    assert funders == [
        "National Endowment for Democracy",
        "Olof Palme International Center me fonde suedeze",
    ]
    assert footer.select_one("address").get_text(" ", strip=True).startswith("Rruga e Durrësit")
    assert footer.select_one('a[href="https://facebook.com/pop"]') is not None


def test_footer_shows_settings_in_english(client, site_settings, home_en):
    footer = text(str(soup(client.get("/en/")).select_one("footer")))

    assert "A network of civic organisations." in footer
    assert "with Swedish funds" in footer
    assert "me fonde suedeze" not in footer


def test_footer_without_settings_has_no_funders(client, home):
    assert soup(client.get("/sq/")).select_one(".funder-list") is None
