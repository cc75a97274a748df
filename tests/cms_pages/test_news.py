"""The news index: filters, pagination, feeds per language, and a fixed
number of queries whatever the number of news items."""

import datetime
import xml.etree.ElementTree as ET  # noqa: S405 - parses only our own responses

import pytest

from cms_pages.models.pages import NEWS_PER_PAGE
from demo.images import generated_image

from ..markup import soup, text
from .factories import MunicipalityFactory, NewsPageFactory

pytestmark = pytest.mark.django_db


def parse_xml(content):
    return ET.fromstring(content)  # noqa: S314 - the test server's own output


ATOM = "{http://www.w3.org/2005/Atom}"


def test_news_are_listed_newest_first(client, news_index):
    NewsPageFactory(parent=news_index, title="E vjetra", date=datetime.date(2020, 1, 1))
    NewsPageFactory(parent=news_index, title="E reja", date=datetime.date(2024, 1, 1))

    titles = [link.get_text() for link in soup(client.get(news_index.url)).select("main h2 a")]

    assert titles == ["E reja", "E vjetra"]


def test_drafts_are_not_listed(client, news_index):
    NewsPageFactory(parent=news_index, title="Draft", live=False)

    assert "Draft" not in text(client.get(news_index.url))


def test_news_are_filtered_by_municipality(client, news_index):
    durres = MunicipalityFactory(name="Durrës", slug="durres")
    fier = MunicipalityFactory(name="Fier", slug="fier")
    NewsPageFactory(parent=news_index, title="Lajm nga Durrësi", municipalities=[durres])
    NewsPageFactory(parent=news_index, title="Lajm nga Fieri", municipalities=[fier])

    content = text(client.get(news_index.url, {"municipality": "durres"}))

    assert "Lajm nga Durrësi" in content
    assert "Lajm nga Fieri" not in content


def test_news_are_filtered_by_tag(client, news_index):
    tagged = NewsPageFactory(parent=news_index, title="Forumi")
    tagged.tags.add("forume")
    tagged.save_revision().publish()
    NewsPageFactory(parent=news_index, title="Tjetër")

    content = text(client.get(news_index.url, {"tag": "forume"}))

    assert "Forumi" in content
    assert "Tjetër" not in content


def test_news_are_paginated(client, news_index):
    for number in range(NEWS_PER_PAGE + 2):
        NewsPageFactory(
            parent=news_index, date=datetime.date(2024, 1, 1) + datetime.timedelta(number)
        )

    first = soup(client.get(news_index.url)).select("main .news-card")
    second = soup(client.get(news_index.url, {"page": 2})).select("main .news-card")
    beyond = client.get(news_index.url, {"page": "99"})

    assert len(first) == NEWS_PER_PAGE
    assert len(second) == 2
    assert beyond.status_code == 200


def test_rss_feed_lists_the_news_of_its_language(client, news_index, news_index_en, translate):
    news = NewsPageFactory(parent=news_index, title="Forumi publik", lead="Kandidatët nënshkruan.")
    translate(news, title="The public forum", slug="forum", lead="Candidates signed.")

    albanian = client.get(news_index.url + "feed/rss/")
    english = client.get(news_index_en.url + "feed/rss/")

    assert albanian["Content-Type"].startswith("application/rss+xml")
    channel = parse_xml(albanian.content).find("channel")
    assert channel.findtext("language") == "sq"
    assert [item.findtext("title") for item in channel.findall("item")] == ["Forumi publik"]
    assert channel.find("item").findtext("link").endswith("/sq/lajme/forumi-publik/")
    english_channel = parse_xml(english.content).find("channel")
    assert english_channel.findtext("language") == "en"
    assert [item.findtext("title") for item in english_channel.findall("item")] == [
        "The public forum"
    ]


def test_atom_feed(client, news_index):
    NewsPageFactory(parent=news_index, title="Forumi publik")
    NewsPageFactory(parent=news_index, title="Draft", live=False)

    response = client.get(news_index.url + "feed/atom/")

    assert response["Content-Type"].startswith("application/atom+xml")
    feed = parse_xml(response.content)
    assert [entry.findtext(f"{ATOM}title") for entry in feed.findall(f"{ATOM}entry")] == [
        "Forumi publik"
    ]


def test_news_index_announces_its_feeds(client, news_index):
    links = soup(client.get(news_index.url)).select('head link[rel="alternate"][type]')

    assert {link["type"] for link in links} == {"application/rss+xml", "application/atom+xml"}


def _news(news_index, count, municipality):
    image = generated_image("Lajm", "POP", (23, 64, 122), size=(400, 240))
    for number in range(count):
        page = NewsPageFactory(
            parent=news_index,
            image=image,
            date=datetime.date(2024, 1, 1) + datetime.timedelta(number),
            municipalities=[municipality],
        )
        page.tags.add("monitorim")
        page.save()


def _queries_for(client, url, django_assert_max_num_queries, budget):
    # The first visit makes the image renditions and the site settings' row
    # (a change that retires what the first visit kept); the second one is
    # served as every visit after it.
    client.get(url)
    client.get(url)
    with django_assert_max_num_queries(budget) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("count", [10, 50])
def test_news_index_queries_do_not_grow_with_the_news(
    client, news_index, municipality, count, django_assert_max_num_queries
):
    _news(news_index, count, municipality)

    queries = _queries_for(
        client, news_index.url, django_assert_max_num_queries, NEWS_INDEX_QUERIES
    )

    assert queries == NEWS_INDEX_QUERIES


@pytest.mark.parametrize("count", [10, 50])
def test_home_page_queries_do_not_grow_with_the_news(
    client, home, news_index, municipality, count, django_assert_max_num_queries
):
    _news(news_index, count, municipality)

    queries = _queries_for(client, "/sq/", django_assert_max_num_queries, HOME_QUERIES)

    assert queries == HOME_QUERIES


# Measured; the same at both sizes (see the two tests above).
NEWS_INDEX_QUERIES = 17
HOME_QUERIES = 16  # with the forums section (one query); the partners in one
