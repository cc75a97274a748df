"""Wagtail's routing kept between requests (page cache on): a page found
once is found again without its routing queries, and a page unpublished,
moved or restricted is seen as such on the next request. Supports and
comments retire the cached pages but not the routing and the chrome."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction, Site

from cms_pages.models import SiteSettings
from pagecache.invalidation import current_token, structure_token

from ..cms_pages.factories import StandardPageFactory
from ..consultations.factories import CommentFactory, VoteFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cache_on(settings):
    settings.POP_PAGE_CACHE_SECONDS = 300


@pytest.fixture
def reader(client, citizen):
    client.force_login(citizen)
    return client


@pytest.fixture
def about(home):
    # Made on a site's first page otherwise (which retires what was kept).
    SiteSettings.for_site(Site.objects.get(is_default_site=True))
    return StandardPageFactory(parent=home, title="Rreth nesh", slug="rreth-nesh")


def page_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, [q["sql"] for q in queries if '"wagtailcore_page"' in q["sql"]]


@pytest.mark.usefixtures("cache_on")
def test_a_page_found_once_is_found_again_without_routing_queries(reader, about):
    first, cold = page_queries(reader, about.url)
    again, warm = page_queries(reader, about.url)

    assert first.status_code == again.status_code == 200
    assert "Rreth nesh" in again.text
    assert cold
    assert warm == []


@pytest.mark.usefixtures("cache_on")
def test_an_unpublished_page_is_gone_on_the_next_request(reader, about):
    assert reader.get(about.url).status_code == 200
    about.unpublish()

    assert reader.get(about.url).status_code == 404


@pytest.mark.usefixtures("cache_on")
def test_a_renamed_page_is_found_at_its_new_address_only(reader, about):
    old = about.url
    assert reader.get(old).status_code == 200
    about.slug = "kush-jemi"
    about.save_revision().publish()

    assert reader.get(old).status_code == 404
    assert reader.get("/sq/kush-jemi/").status_code == 200


@pytest.mark.usefixtures("cache_on")
def test_a_restriction_added_to_a_page_applies_on_the_next_request(client, about):
    assert client.get(about.url).status_code == 200
    PageViewRestriction.objects.create(page=about, restriction_type=PageViewRestriction.LOGIN)

    response = client.get(about.url)

    assert response.status_code == 302
    assert "login" in response["Location"]


@pytest.mark.usefixtures("cache_on")
def test_a_missing_page_stays_missing_until_it_is_published(reader, home):
    assert reader.get("/sq/metoda/").status_code == 404
    StandardPageFactory(parent=home, title="Metoda", slug="metoda")

    assert reader.get("/sq/metoda/").status_code == 200


def test_supports_and_comments_retire_pages_but_not_what_pages_share(priorities, about):
    pages, shared = current_token(), structure_token()
    VoteFactory(priority=priorities[0])
    CommentFactory(priority=priorities[0])
    assert current_token() != pages
    assert structure_token() == shared

    about.title = "Kush jemi"
    about.save_revision().publish()
    assert structure_token() != shared


@pytest.mark.usefixtures("cache_on")
def test_a_page_below_one_already_kept_is_kept_too(reader, home, about):
    """The home page's routing kept first (as after any change, when the
    first visitor opens the home page): a page below it is routed by
    Wagtail once, then found again without its routing queries."""
    assert reader.get(home.url).status_code == 200
    first, cold = page_queries(reader, about.url)
    again, warm = page_queries(reader, about.url)

    assert first.status_code == again.status_code == 200
    assert "Rreth nesh" in again.text
    assert cold
    assert warm == []
