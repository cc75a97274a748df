"""What search engines and sharing read: sitemap.xml (both languages, no
drafts), robots.txt, canonical and alternate links, Open Graph and Twitter."""

import xml.etree.ElementTree as ET  # noqa: S405 - parses only our own responses

import pytest

from demo.images import generated_image

from ..markup import soup
from .factories import NewsPageFactory, StandardPageFactory

pytestmark = pytest.mark.django_db


def parse_xml(content):
    return ET.fromstring(content)  # noqa: S314 - the test server's own output


SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def sitemap_locations(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    return {loc.text for loc in parse_xml(response.content).iter(f"{SITEMAP}loc")}


def test_sitemap_lists_live_pages_of_both_languages(
    client, home, news_index, news_index_en, translate
):
    news = NewsPageFactory(parent=news_index, title="Forumi", slug="forumi")
    translate(news, title="The forum", slug="forum")

    locations = sitemap_locations(client)

    assert {
        "http://localhost/sq/",
        "http://localhost/en/",
        "http://localhost/sq/lajme/",
        "http://localhost/en/news/",
        "http://localhost/sq/lajme/forumi/",
        "http://localhost/en/news/forum/",
    } <= locations


def test_sitemap_leaves_out_drafts(client, home):
    StandardPageFactory(parent=home, title="Skicë", slug="skice", live=False)

    assert not any("skice" in location for location in sitemap_locations(client))


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body
    assert "Disallow: /admin/" in body


def test_page_has_canonical_alternates_and_sharing_meta(client, home, home_en, translate):
    image = generated_image("Rreth nesh", "POP", (11, 79, 156))
    page = StandardPageFactory(
        parent=home,
        title="Rreth nesh",
        slug="rreth-nesh",
        image=image,
        search_description="Rrjeti i organizatave.",
    )
    translate(page, title="About us", slug="about", search_description="The network.")

    head = soup(client.get("/sq/rreth-nesh/")).head

    assert head.select_one('link[rel="canonical"]')["href"] == "http://testserver/sq/rreth-nesh/"
    alternates = {link["hreflang"]: link["href"] for link in head.select('link[rel="alternate"]')}
    assert alternates["sq"] == "http://testserver/sq/rreth-nesh/"
    assert alternates["en"] == "http://testserver/en/about/"
    assert head.select_one('meta[name="description"]')["content"] == "Rrjeti i organizatave."
    assert head.select_one('meta[property="og:title"]')["content"] == "Rreth nesh"
    assert head.select_one('meta[property="og:image"]')["content"].startswith("http://testserver/")
    assert head.select_one('meta[name="twitter:card"]')["content"] == "summary_large_image"
