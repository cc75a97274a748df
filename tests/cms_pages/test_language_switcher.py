"""The language switcher sends a visitor to the same page in the other
language (with its query string: date, election, filters, page number),
or to that language's home page when there is no such page; a `next`
address leads to the translation of the page it names."""

import datetime

import pytest

from django.utils import timezone

from wagtail_localize.synctree import create_aliases_for_new_page

from forums.models import ForumIndexPage, ForumPage
from scorecards.models import MunicipalityScorecardPage, ScorecardIndexPage

from ..accounts.factories import PASSWORD, UserFactory
from ..markup import language_link, soup
from .conftest import translate_page
from .factories import ElectionFactory, HomePageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db


def test_on_the_albanian_home_it_links_to_the_english_home(client, home):
    response = client.get("/sq/")

    assert response.status_code == 200
    assert language_link(response, "en") == "/en/"
    assert language_link(response, "sq") == "/sq/"


def test_on_the_english_home_it_links_back_to_the_albanian_home(client, home_en):
    response = client.get("/en/")

    assert response.status_code == 200
    assert language_link(response, "sq") == "/sq/"


def test_on_the_sign_in_page_it_links_to_the_english_sign_in_page(client):
    response = client.get("/sq/accounts/login/")

    assert language_link(response, "en") == "/en/accounts/login/"


def test_on_a_page_with_an_english_alias_it_links_to_the_alias(client, home, en):
    page = HomePageFactory(parent=home, title="Rreth nesh", slug="rreth-nesh")
    page.copy_for_translation(en, alias=True)

    response = client.get("/sq/rreth-nesh/")

    assert response.status_code == 200
    assert language_link(response, "en") == "/en/rreth-nesh/"


def test_on_a_page_without_english_version_it_links_to_the_english_home(client, home):
    HomePageFactory(parent=home, title="Vetëm shqip", slug="vetem-shqip")

    response = client.get("/sq/vetem-shqip/")

    assert response.status_code == 200
    assert language_link(response, "en") == "/en/"
    assert client.get("/en/vetem-shqip/").status_code == 404


def test_on_the_sign_in_page_it_keeps_the_next_address_in_english(client):
    response = client.get("/sq/accounts/login/", {"next": "/sq/accounts/profile/"})

    assert language_link(response, "en") == (
        "/en/accounts/login/?next=%2Fen%2Faccounts%2Fprofile%2F"
    )


def test_the_current_language_is_marked(client):
    document = soup(client.get("/sq/"))

    assert document.select_one('a[hreflang="sq"]').get("aria-current") == "true"
    assert document.select_one('a[hreflang="en"]').get("aria-current") is None


# The query string and the page's translation (issue 13: "Navigation that
# keeps its place").


def alternate(response, code):
    """The `href` of the page's `<link rel="alternate" hreflang=…>`."""
    (link,) = soup(response).select(f'link[rel="alternate"][hreflang="{code}"]')
    return link["href"]


@pytest.fixture
def scorecard_page(home, municipality):
    index = ScorecardIndexPage(title="Kartat e vlerësimit", slug="kartat")
    home.add_child(instance=index)
    create_aliases_for_new_page(index)
    page = MunicipalityScorecardPage(
        title="Karta: Durrës", slug="durres", municipality=municipality
    )
    index.add_child(instance=page)
    create_aliases_for_new_page(page)
    return page


@pytest.fixture
def news_in_both(home_en, news_index_en, news_index):
    """The news index, /sq/lajme/ and /en/news/ (a real translation)."""
    for number in range(12):
        NewsPageFactory(parent=news_index, title=f"Lajmi {number}")
    return news_index


def test_the_scorecard_keeps_its_election_and_date_in_the_other_language(client, scorecard_page):
    query = "election=3&as_of=2021-12-31"

    response = client.get(f"/sq/kartat/durres/?{query}")

    assert language_link(response, "en") == f"/en/kartat/durres/?{query}"
    assert language_link(response, "sq") == f"/sq/kartat/durres/?{query}"
    assert alternate(response, "en") == f"http://testserver/en/kartat/durres/?{query}"
    assert alternate(response, "sq") == f"http://testserver/sq/kartat/durres/?{query}"
    english = client.get(f"/en/kartat/durres/?{query}")
    assert language_link(english, "sq") == f"/sq/kartat/durres/?{query}"
    assert alternate(english, "x-default") == f"http://testserver/sq/kartat/durres/?{query}"


def test_news_filters_and_page_number_follow_to_the_translated_index(client, news_in_both):
    response = client.get("/sq/lajme/", {"municipality": "durres", "page": "2"})

    assert language_link(response, "en") == "/en/news/?municipality=durres&page=2"
    assert alternate(response, "en") == "http://testserver/en/news/?municipality=durres&page=2"
    english = client.get("/en/news/", {"tag": "forume", "page": "2"})
    assert language_link(english, "sq") == "/sq/lajme/?tag=forume&page=2"


def test_without_a_translation_the_home_page_is_offered_without_the_query(client, home):
    HomePageFactory(parent=home, title="Vetëm shqip", slug="vetem-shqip")

    response = client.get("/sq/vetem-shqip/", {"page": "2"})

    assert language_link(response, "en") == "/en/"


def test_outside_pages_the_query_is_kept(client):
    response = client.get("/sq/search/", {"q": "ujë", "page": "2"})

    assert language_link(response, "en") == "/en/search/?q=uj%C3%AB&page=2"


def test_the_next_address_leads_to_the_translated_page(client, news_in_both):
    response = client.get("/en/accounts/login/", {"next": "/en/news/?page=2"})

    assert language_link(response, "sq") == ("/sq/accounts/login/?next=%2Fsq%2Flajme%2F%3Fpage%3D2")


def test_the_next_address_keeps_a_routable_pages_sub_route(client, home, en, municipality):
    index = ForumIndexPage(title="Forumet", slug="forumet")
    home.add_child(instance=index)
    forum = ForumPage(
        title="Forumi publik",
        slug="forumi-durres",
        municipality=municipality,
        election=ElectionFactory(),
        starts_at=timezone.now() + datetime.timedelta(days=20),
        venue="Pallati i Kulturës",
    )
    index.add_child(instance=forum)
    translate_page(index, en, title="Forums", slug="forums")
    translate_page(forum, en, title="Public forum", slug="public-forum")

    response = client.get("/sq/accounts/login/", {"next": "/sq/forumet/forumi-durres/calendar/"})

    assert language_link(response, "en") == (
        "/en/accounts/login/?next=%2Fen%2Fforums%2Fpublic-forum%2Fcalendar%2F"
    )
    assert client.get("/en/forums/public-forum/calendar/").status_code == 200


def test_a_next_address_that_is_no_page_only_changes_its_prefix(client):
    response = client.get("/en/accounts/login/", {"next": "/en/candidates/"})

    assert language_link(response, "sq") == "/sq/accounts/login/?next=%2Fsq%2Fcandidates%2F"


def test_signing_in_after_switching_language_lands_on_the_translated_page(client, news_in_both):
    user = UserFactory(verified=True)
    english_sign_in = client.get("/en/news/")
    sign_in = soup(english_sign_in).select_one("a.account-menu__signin")["href"]
    assert sign_in == "/en/accounts/login/?next=/en/news/"

    albanian_sign_in = language_link(client.get(sign_in), "sq")
    response = client.post(albanian_sign_in, {"login": user.email, "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == "/sq/lajme/"
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize(
    "next_url",
    [
        "/sq/%00",
        "/sq/lajme/%ff/",
        "/en/../../etc/passwd",
        "/sq/" + "a/" * 300,
        "/xx/lajme/",
        '/sq/"><script>alert(1)</script>',
        "//evil.example/sq/",
        "https://evil.example/sq/",
    ],
)
def test_odd_next_addresses_never_break_the_page(client, news_in_both, next_url):
    response = client.get("/sq/accounts/login/", {"next": next_url, "page": "<b>"})

    assert response.status_code == 200
    english = language_link(response, "en")
    assert english.startswith("/en/accounts/login/?next=")
    assert "<script>alert" not in response.content.decode()


def test_odd_query_strings_on_a_page_are_kept_escaped(client, scorecard_page):
    response = client.get('/sq/kartat/durres/?as_of="><script>&next=/sq/kartat/durres/')

    assert response.status_code in (200, 400)
    assert language_link(response, "en").startswith("/en/kartat/durres/?as_of=")
    assert "<script>" not in response.content.decode()  # kept, but escaped


def test_a_next_page_without_translation_is_kept_rather_than_broken(client, home):
    HomePageFactory(parent=home, title="Vetëm shqip", slug="vetem-shqip")

    response = client.get("/sq/accounts/login/", {"next": "/sq/vetem-shqip/"})

    assert language_link(response, "en") == "/en/accounts/login/?next=%2Fsq%2Fvetem-shqip%2F"
