"""The support path, lean: with the page cache on (as in production) a
support or a withdrawal is routed from the cache, and what is left is the
session, the citizen, the rules, the priority and one transaction that locks
the citizen, counts, inserts and raises the priority's kept count. The cap and
the one-support rule still hold."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Site

from cms_pages.models import SiteSettings
from consultations.models import Vote

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}
# session, user, e-mail verified, priority, lock, count, insert, the
# priority's kept count raised (in the same transaction), the count read for
# the answer, and the transaction's two savepoints (tests run inside a
# transaction).
SUPPORT_QUERIES = 11
# session, user, e-mail, priority, the support found and deleted (2), the
# priority's kept count lowered in the same transaction (with its two
# savepoints here), the citizen's count, the priority's count
WITHDRAW_QUERIES = 11


@pytest.fixture
def reader(client, citizen, settings, consultation):
    settings.POP_PAGE_CACHE_SECONDS = 300
    SiteSettings.for_site(Site.objects.get(is_default_site=True))
    client.force_login(citizen)
    client.get(consultation.url)  # routing kept
    return client


def post(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, **JSON)
    return response, len(queries)


def test_a_support_costs_a_small_fixed_number_of_queries(reader, consultation, priorities, citizen):
    first, cost = post(reader, f"{consultation.url}support/{priorities[0].pk}/")
    second, again = post(reader, f"{consultation.url}support/{priorities[1].pk}/")

    assert first.json()["ok"] and second.json()["ok"]
    assert second.json()["count"] == 1
    assert cost == again == SUPPORT_QUERIES
    assert Vote.objects.filter(citizen=citizen).count() == 2


def test_a_withdrawal_costs_a_small_fixed_number_of_queries(reader, consultation, priorities):
    post(reader, f"{consultation.url}support/{priorities[0].pk}/")
    response, cost = post(reader, f"{consultation.url}withdraw/{priorities[0].pk}/")

    assert response.json()["ok"] is True
    assert response.json()["supported"] is False
    assert cost == WITHDRAW_QUERIES
    assert not Vote.objects.exists()


def test_the_cap_and_the_single_support_still_hold_on_the_lean_path(
    reader, consultation, priorities, citizen
):
    assert reader.post(f"{consultation.url}support/{priorities[0].pk}/", **JSON).json()["ok"]
    twice = reader.post(f"{consultation.url}support/{priorities[0].pk}/", **JSON)
    for priority in priorities[1:3]:
        assert reader.post(f"{consultation.url}support/{priority.pk}/", **JSON).json()["ok"]
    over = reader.post(f"{consultation.url}support/{priorities[3].pk}/", **JSON)

    assert twice.json()["supported"] is True
    assert twice.json()["supports_used"] == 1
    assert over.status_code == 409
    assert Vote.objects.filter(citizen=citizen).count() == 3
