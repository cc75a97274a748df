"""The anonymous page cache: visitors who are not signed in get a stored copy
without a query, and whatever changes what a page shows (a support, a
comment, a published assessment, a page edit, any POST the site answers
without refusing it) shows on the next load; a refused POST retires nothing.
Signed-in pages and pages that set cookies are never stored."""

import datetime
import gzip
import re

import pytest

from django.core.cache import cache
from django.utils import timezone

from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.contrib.settings.registry import registry
from wagtail.models import Site

from consultations.models import Vote
from pagecache.invalidation import TOKEN_KEY
from pagecache.middleware import HEADER
from scorecards.models import Assessment, Status

from ..cms_pages.factories import ContactPageFactory, ElectionFactory
from ..consultations.factories import CommentFactory, SocialContractFactory, VoteFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]


@pytest.fixture
def page_cache(settings, home):
    """The cache on, and the site settings rows made (Wagtail makes them on
    first use, which counts as a change)."""
    settings.POP_PAGE_CACHE_SECONDS = 300
    site = Site.objects.get(is_default_site=True)
    for model in registry:
        if issubclass(model, BaseSiteSetting):
            model.for_site(site)


def supports_shown(response):
    return [int(n) for n in re.findall(r"data-support-count>(\d+)<", response.content.decode())]


def test_a_second_anonymous_load_is_served_from_the_cache_without_queries(
    client, consultation, django_assert_num_queries
):
    first = client.get(consultation.url)
    assert first.status_code == 200
    assert first[HEADER] == "miss"
    with django_assert_num_queries(0):
        second = client.get(consultation.url)
    assert second[HEADER] == "hit"
    assert second.content == first.content


def test_stored_pages_are_sent_gzipped_to_clients_that_accept_it(client, consultation):
    plain = client.get(consultation.url)
    packed = client.get(consultation.url, HTTP_ACCEPT_ENCODING="gzip, deflate")
    assert packed[HEADER] == "hit"
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    assert gzip.decompress(packed.content) == plain.content
    unpacked = client.get(consultation.url)
    assert unpacked[HEADER] == "hit"
    assert not unpacked.has_header("Content-Encoding")
    assert unpacked.content == plain.content


def test_a_new_support_shows_on_the_next_load(client, consultation, priorities):
    assert supports_shown(client.get(consultation.url)) == [0, 0, 0, 0]
    VoteFactory(priority=priorities[1])
    response = client.get(consultation.url)
    assert response[HEADER] == "miss"
    assert supports_shown(response) == [0, 1, 0, 0]


def test_a_withdrawn_support_and_a_new_comment_show_on_the_next_load(
    client, consultation, priorities
):
    vote = VoteFactory(priority=priorities[0])
    assert supports_shown(client.get(consultation.url))[0] == 1
    Vote.objects.filter(pk=vote.pk).withdraw()
    assert supports_shown(client.get(consultation.url))[0] == 0
    CommentFactory(priority=priorities[0], body="Një koment i ri për ujin")
    assert "Një koment i ri për ujin" in client.get(consultation.url).content.decode()


def test_a_support_through_the_site_shows_to_visitors(client, consultation, priorities, citizen):
    visitor_before = supports_shown(client.get(consultation.url))
    voter = type(client)()
    voter.force_login(citizen)
    response = voter.post(
        consultation.url + f"support/{priorities[2].pk}/", HTTP_ACCEPT="application/json"
    )
    assert response.json()["ok"] is True
    assert visitor_before == [0, 0, 0, 0]
    assert supports_shown(client.get(consultation.url)) == [0, 0, 1, 0]


def test_a_post_the_site_answers_retires_the_cached_pages(client, consultation):
    client.get(consultation.url)
    token = cache.get(TOKEN_KEY)
    response = type(client)().post("/sq/accounts/login/", {"login": "x@example.org"})
    assert response.status_code == 200
    assert cache.get(TOKEN_KEY) != token
    assert client.get(consultation.url)[HEADER] == "miss"


def test_a_refused_post_leaves_the_cached_pages(client, consultation, home, rf):
    contact = ContactPageFactory(parent=home)
    # This address has sent the contact form as often as it may this hour.
    cache.set(contact.rate_limit_key(rf.post(contact.url)), contact.rate_limit, 3600)
    client.get(consultation.url)
    token = cache.get(TOKEN_KEY)
    refusals = [
        (type(client)().post("/sq/search/", {"q": "x"}), 405),
        (type(client)(enforce_csrf_checks=True).post("/sq/accounts/login/", {}), 403),
        (type(client)().post("/sq/no-such-page/", {}), 404),
        (type(client)().post(contact.url, {}), 429),
    ]
    assert [response.status_code for response, _ in refusals] == [code for _, code in refusals]
    assert cache.get(TOKEN_KEY) == token
    assert client.get(consultation.url)[HEADER] == "hit"


def test_a_published_assessment_shows_on_the_next_load(client, municipality, make_scorecard_page):
    from ..consultations.factories import PriorityFactory

    held = ElectionFactory(date=timezone.localdate() - datetime.timedelta(days=400))
    contract = SocialContractFactory(municipality=municipality, phase="finalised", election=held)
    priority = PriorityFactory(contract=contract, in_contract=True)
    page = make_scorecard_page(municipality)
    assessment = Assessment.objects.create(
        priority=priority,
        as_of=timezone.localdate() - datetime.timedelta(days=1),
        status=Status.FULLY,
        evidence="<p>Ujësjellësi i ri funksionon.</p>",
    )
    before = client.get(page.url).content.decode()
    assert "Ujësjellësi i ri funksionon." not in before
    assert client.get(page.url)[HEADER] == "hit"
    assessment.publish(None)
    assert "Ujësjellësi i ri funksionon." in client.get(page.url).content.decode()


def test_a_page_edit_shows_on_the_next_load(client, consultation):
    client.get(consultation.url)
    consultation.title = "Kontrata e rishikuar"
    consultation.save_revision().publish()
    assert "Kontrata e rishikuar" in client.get(consultation.url).content.decode()


def test_signed_in_pages_are_never_cached(client, consultation, citizen):
    client.force_login(citizen)
    client.get(consultation.url)
    response = client.get(consultation.url)
    assert HEADER not in response
    assert citizen.display_name in response.content.decode()


def test_a_visitor_with_a_session_cookie_is_not_served_from_the_cache(client, consultation):
    client.get(consultation.url)
    client.cookies["sessionid"] = "not-a-session"
    assert HEADER not in client.get(consultation.url)


def test_responses_that_set_cookies_are_not_stored(client):
    # The sign-in form carries a CSRF token, so it sets the CSRF cookie.
    client.get("/sq/accounts/login/")
    client.cookies.clear()
    assert HEADER not in client.get("/sq/accounts/login/")


def test_errors_are_not_stored(client, index_page):
    assert client.get("/sq/konsultimet/no-such-page/").status_code == 404
    assert client.get("/sq/konsultimet/no-such-page/").get(HEADER) is None


def test_a_lost_token_retires_everything(client, consultation):
    client.get(consultation.url)
    cache.delete(TOKEN_KEY)
    assert client.get(consultation.url)[HEADER] == "miss"


def test_the_cache_is_off_without_the_setting(client, consultation, settings):
    settings.POP_PAGE_CACHE_SECONDS = 0
    client.get(consultation.url)
    assert HEADER not in client.get(consultation.url)
