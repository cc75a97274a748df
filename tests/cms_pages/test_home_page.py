"""The home page: its hero, the sections apps contribute through the
`home_page_sections` hook, in hook order, and the latest news."""

import pytest

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
