"""The generation tokens cost one cache round trip each per request, however
many kept pieces a page asks for (its routing, its chrome, its cards); a
support draws one new page token, once its answer is ready, and leaves the
structure's token alone."""

import pytest

from django.core.cache.backends.locmem import LocMemCache

from pagecache.invalidation import STRUCTURE_KEY, TOKEN_KEY

from .test_page_cache import page_cache, supports_shown  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]

TOKENS = {TOKEN_KEY, STRUCTURE_KEY}


@pytest.fixture
def token_calls(monkeypatch):
    """Every cache call that names a token, as (method, token key): the
    calls made, not those the cache makes inside them (`get_many` asks `get`)."""
    calls = []
    inside = []

    def spy(name):
        original = getattr(LocMemCache, name)

        def recorded(self, first, *args, **kwargs):
            if not inside:
                keys = first if isinstance(first, (list, tuple, dict, set)) else [first]
                calls.extend((name, key) for key in keys if key in TOKENS)
            inside.append(name)
            try:
                return original(self, first, *args, **kwargs)
            finally:
                inside.pop()

        monkeypatch.setattr(LocMemCache, name, recorded)

    for name in ("get", "get_many", "set", "set_many", "add"):
        spy(name)
    return calls


def reads(calls):
    return sorted(key for name, key in calls if name in ("get", "get_many", "add"))


def test_a_signed_in_page_reads_each_token_once(client, consultation, citizen, token_calls):
    client.force_login(citizen)
    client.get(consultation.url)  # every kept piece made once
    token_calls.clear()
    response = client.get(consultation.url)
    assert response.status_code == 200
    assert reads(token_calls) == sorted(TOKENS)
    assert not [call for call in token_calls if call[0] in ("set", "set_many")]


def test_an_anonymous_page_reads_the_tokens_with_the_page(client, consultation, token_calls):
    client.get(consultation.url)
    token_calls.clear()
    client.get(consultation.url + "?sort=support")  # not stored yet: rendered
    assert token_calls == [("get_many", TOKEN_KEY), ("get_many", STRUCTURE_KEY)]


def test_a_support_draws_one_page_token_and_shows_on_the_next_load(
    client, consultation, priorities, citizen, token_calls
):
    assert supports_shown(client.get(consultation.url)) == [0, 0, 0, 0]
    voter = type(client)()
    voter.force_login(citizen)
    token_calls.clear()
    response = voter.post(
        consultation.url + f"support/{priorities[1].pk}/", HTTP_ACCEPT="application/json"
    )
    assert response.json()["ok"] is True
    assert [call for call in token_calls if call[0] in ("set", "set_many")] == [
        ("set_many", TOKEN_KEY)
    ]
    assert supports_shown(client.get(consultation.url)) == [0, 1, 0, 0]


def test_a_support_reads_the_structure_token_with_its_route(
    client, consultation, priorities, citizen, token_calls
):
    """Routed from the cache: the structure token comes in the same round
    trip as the kept routes, and nothing else reads a token."""
    client.force_login(citizen)
    client.get(consultation.url)  # the route kept
    token_calls.clear()
    response = client.post(
        consultation.url + f"support/{priorities[0].pk}/", HTTP_ACCEPT="application/json"
    )
    assert response.json()["ok"] is True
    assert [call for call in token_calls if call[0] != "set_many"] == [("get_many", STRUCTURE_KEY)]
