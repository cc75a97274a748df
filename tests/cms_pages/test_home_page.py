"""The home page: its hero, the sections apps contribute through the
`home_page_sections` hook, in hook order, and the latest news."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import format_html

from wagtail import hooks

from ..markup import soup, text
from .factories import NewsPageFactory

pytestmark = pytest.mark.django_db


def test_home_page_shows_the_latest_news_of_its_language(
    client, home, news_index, news_index_en, translate
):
    news = NewsPageFactory(parent=news_index, title="Forumi publik")
    translate(news, title="The public forum", slug="forum")

    albanian = text(client.get("/sq/"))
    english = text(client.get("/en/"))

    assert "Forumi publik" in albanian
    assert "The public forum" not in albanian
    assert "The public forum" in english
    assert "Forumi publik" not in english


def test_without_news_there_is_no_news_section(client, home):
    assert soup(client.get("/sq/")).select_one("#home-news-title") is None


def test_sections_from_hooks_are_shown_in_hook_order(client, home, news_index):
    NewsPageFactory(parent=news_index, title="Lajmi")

    def forums(request, page):
        return format_html('<section id="forums">{}</section>', page.title)

    def consultations(request, page):
        return format_html('<section id="consultations">{}</section>', request.path)

    def nothing(request, page):
        return ""

    with (
        hooks.register_temporarily("home_page_sections", forums, order=20),
        hooks.register_temporarily("home_page_sections", consultations, order=10),
        hooks.register_temporarily("home_page_sections", nothing, order=30),
    ):
        document = soup(client.get("/sq/"))

    sections = [section.get("id") or "news" for section in document.select("main section")]
    assert sections == ["consultations", "forums", "news"]
    assert document.select_one("#forums").get_text() == "Rrjeti POP"
    assert document.select_one("#consultations").get_text() == "/sq/"


def test_unsafe_section_html_is_escaped(client, home):
    def careless(request, page):
        return "<script>alert(1)</script>"

    with hooks.register_temporarily("home_page_sections", careless, order=10):
        content = client.get("/sq/").content.decode()

    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;" in content


def test_a_signed_in_home_page_reuses_the_sections_and_shows_new_news(
    settings, client, citizen, home, news_index
):
    """With the page cache on, signed-in visitors are never served a stored
    page, but the sections are kept like the chrome: the second visit reads
    none of them, and a news page published since shows at once."""
    settings.POP_PAGE_CACHE_SECONDS = 300
    client.force_login(citizen)
    client.get("/sq/")  # the site's settings rows, made on the first visit
    NewsPageFactory(parent=news_index, title="Lajmi i parë")
    with CaptureQueriesContext(connection) as cold:
        first = client.get("/sq/")
    with CaptureQueriesContext(connection) as warm:
        second = client.get("/sq/")

    assert soup(second).select("main section") == soup(first).select("main section")
    assert not [q["sql"] for q in warm.captured_queries if "cms_pages_newspage" in q["sql"]]
    assert any("cms_pages_newspage" in query["sql"] for query in cold.captured_queries)

    NewsPageFactory(parent=news_index, title="Lajmi i dytë")
    assert "Lajmi i dytë" in text(client.get("/sq/"))
