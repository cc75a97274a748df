"""The scorecard, municipality and priority pages keep their content
(`scorecards.fragments`) with the page cache on, as in production: a signed-in
reader still sees a newly published assessment or council decision on the next
load, their own follow state, no one else's, and the pages cost a few queries
once their content is kept."""

import datetime
import pickle
import re

import pytest

from django.core.cache import cache
from django.urls import reverse

from wagtail_localize.synctree import create_aliases_for_new_page

from consultations.models import Follow
from scorecards.models import Assessment, MunicipalityIndexPage

from ..accounts.factories import UserFactory
from ..consultations.factories import VoteFactory
from .council_factories import CouncilDecisionFactory, CouncilSessionFactory
from .factories import AssessmentFactory
from .test_thread_pages import build

pytestmark = pytest.mark.django_db

D = datetime.date
AS_OF = D(2022, 12, 31)
#: Warm, signed in, the content kept: the session, the person and the reader's
#: follows and unread count; the network's elections and the municipality's
#: row are read on each request. The scorecard's contracts (with who replies
#: for the municipality) are kept with the structure, the priority and what
#: citizens said about it until anything changes.
KEPT_QUERIES = {"scorecard": 3, "network": 4, "municipality": 4, "priority": 3}


@pytest.fixture
def cache_on(settings):
    settings.POP_PAGE_CACHE_SECONDS = 300
    cache.clear()


@pytest.fixture
def thread_index(home):
    page = MunicipalityIndexPage(title="Bashkitë", slug="bashkite")
    home.add_child(instance=page)
    create_aliases_for_new_page(page)
    return page


@pytest.fixture
def durres(home, municipality, thread_index, make_scorecard_page):
    world = build(home, municipality, 3)
    world["scorecard"] = make_scorecard_page(municipality)
    return world


@pytest.fixture
def reader(client):
    person = UserFactory(verified=True, display_name="Arta Lexuesja")
    client.force_login(person)
    return person


def pages(durres):
    water = durres["water"]
    return {
        "scorecard": durres["scorecard"].url,
        "network": durres["scorecard"].get_parent().url,
        "municipality": "/sq/bashkite/durres/",
        "priority": f"/sq/bashkite/durres/prioritete/{water.pk}/",
    }


def follow_forms(html):
    """`{action: following?}` for every follow form of the page."""
    return {
        action: 'name="stop"' in form
        for action, form in re.findall(
            r'<form method="post" action="([^"]*/follow/[^"]*)"[^>]*>(.*?)</form>', html, re.S
        )
    }


def kept_values():
    """Everything the cache holds, unpickled, as text."""
    return [str(pickle.loads(value)) for value in cache._cache.values()]  # noqa: S301


def test_a_published_assessment_shows_on_the_next_signed_in_load(
    client, cache_on, durres, reader, django_capture_on_commit_callbacks
):
    water = durres["water"]
    urls = pages(durres)
    before = {name: client.get(url).content.decode() for name, url in urls.items()}
    AssessmentFactory(
        priority=water,
        as_of=AS_OF,
        status="fully",
        published_at=None,
        evidence="<p>Ujësjellësi i ri punon gjithë ditën.</p>",
    )
    for name in ("scorecard", "priority"):
        assert "Ujësjellësi i ri" not in client.get(urls[name]).content.decode(), name

    editor = UserFactory(verified=True, groups=["Editors"])
    with django_capture_on_commit_callbacks(execute=True):
        Assessment.objects.publish_round(editor, durres["contract"], AS_OF)

    for name in ("scorecard", "priority"):
        assert "Ujësjellësi i ri" in client.get(urls[name]).content.decode(), name
    municipality_html = client.get(urls["municipality"]).content.decode()
    assert municipality_html != before["municipality"]  # the latest changes list it
    assert water.title in municipality_html


def test_a_published_council_decision_shows_on_the_next_signed_in_load(
    client, cache_on, durres, reader, municipality
):
    water = durres["water"]
    urls = pages(durres)
    for url in urls.values():
        client.get(url)
    session = CouncilSessionFactory(municipality=municipality, published_at=None)
    decision = CouncilDecisionFactory(
        session=session, title="Fondi për ujësjellësin e Durrësit", priorities=[water]
    )
    assert decision.title not in client.get(urls["scorecard"]).content.decode()

    session.publish(UserFactory(verified=True, groups=["Editors"]))

    assert decision.title in client.get(urls["scorecard"]).content.decode()


def test_each_reader_sees_their_own_follow_state_and_nothing_personal_is_kept(
    client, cache_on, durres, reader, municipality
):
    water, other = durres["water"], durres["priorities"][1]
    Follow.objects.follow(reader, water)
    urls = pages(durres)
    water_action = reverse("consultations:follow", args=["priority", water.pk])
    other_action = reverse("consultations:follow", args=["priority", other.pk])
    town_action = reverse("consultations:follow", args=["municipality", municipality.pk])

    for _load in range(2):  # rendered, then kept
        scorecard = follow_forms(client.get(urls["scorecard"]).content.decode())
        assert scorecard[water_action] is True
        assert scorecard[other_action] is False
        assert scorecard[town_action] is False
        assert follow_forms(client.get(urls["priority"]).content.decode()) == {water_action: True}
        assert follow_forms(client.get(urls["municipality"]).content.decode()) == {
            town_action: False
        }

    someone_else = UserFactory(verified=True, display_name="Besa Tjetra")
    client.force_login(someone_else)
    scorecard = follow_forms(client.get(urls["scorecard"]).content.decode())
    assert not any(scorecard.values())
    assert water_action in scorecard

    client.logout()
    anonymous = client.get(urls["scorecard"]).content.decode()
    assert "csrfmiddlewaretoken" not in anonymous
    assert follow_forms(anonymous) == {}

    kept = kept_values()
    assert any("scorecard-priorities" in value for value in kept)  # the body is kept
    for value in kept:
        assert "csrfmiddlewaretoken" not in value
        assert reader.email not in value and "Arta Lexuesja" not in value
        assert someone_else.email not in value


def test_a_new_support_shows_on_the_priority_page_whose_content_is_kept(
    client, cache_on, durres, reader
):
    water = durres["water"]
    url = pages(durres)["priority"]
    client.get(url)
    water.refresh_from_db()
    count = water.support_count
    VoteFactory(priority=water)
    water.refresh_from_db()
    assert water.support_count == count + 1
    assert f"{count + 1} qytetarë" in client.get(url).content.decode()


@pytest.mark.parametrize("name", list(KEPT_QUERIES))
def test_signed_in_pages_cost_a_few_queries_once_kept(
    client, cache_on, durres, reader, name, django_assert_max_num_queries
):
    url = pages(durres)[name]
    client.get(url)
    client.get(url)
    with django_assert_max_num_queries(KEPT_QUERIES[name]):
        assert client.get(url).status_code == 200
