"""Parallel requests from one citizen: the cap is never exceeded and a
priority is never supported twice. Needs row locks, so PostgreSQL."""

import threading

import pytest

from django.db import connection, connections
from django.test import Client

from consultations.models import Vote

from ..accounts.factories import UserFactory
from .factories import PriorityFactory, SocialContractFactory

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("restorable_locale_synchronisation"),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL's row locks; SQLite serialises writers anyway "
        "(CI runs this on PostgreSQL)",
    ),
]


THREADS = 8


def in_parallel(user, urls):
    """POST each URL from its own thread and connection, all at once."""
    barrier = threading.Barrier(len(urls))
    statuses = []

    def run(url):
        client = Client()
        client.force_login(user)
        try:
            barrier.wait(timeout=10)
            response = client.post(url, HTTP_ACCEPT="application/json")
            statuses.append(response.status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(url,)) for url in urls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return statuses


@pytest.fixture
def setup(make_page, municipality):
    contract = SocialContractFactory(municipality=municipality, max_supports=2)
    priorities = PriorityFactory.create_batch(THREADS, contract=contract)
    page = make_page(contract)
    citizen = UserFactory(municipality=municipality, verified=True)
    return page, priorities, citizen


def test_parallel_supports_never_exceed_the_cap(setup):
    page, priorities, citizen = setup
    statuses = in_parallel(citizen, [f"{page.url}support/{p.pk}/" for p in priorities])
    assert len(statuses) == THREADS
    assert Vote.objects.filter(citizen=citizen).count() == 2
    assert sorted(statuses) == [200, 200] + [409] * (THREADS - 2)


def test_parallel_supports_of_one_priority_never_duplicate(setup):
    page, priorities, citizen = setup
    statuses = in_parallel(citizen, [f"{page.url}support/{priorities[0].pk}/"] * THREADS)
    assert statuses == [200] * THREADS
    assert Vote.objects.filter(citizen=citizen).count() == 1
