"""Parallel requests from one citizen: the cap is never exceeded and a
priority is never supported twice; from many citizens at once: the count the
priority keeps equals its supports. Needs row locks, so PostgreSQL."""

import threading

import pytest

from django.db import connection, connections
from django.test import Client

from consultations.models import Priority, Vote

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
    """POST each URL from its own thread and connection, all at once, as
    `user` (or each URL as its own user, when `user` is a list)."""
    users = user if isinstance(user, list) else [user] * len(urls)
    barrier = threading.Barrier(len(urls))
    statuses = []
    answers = []

    def run(user, url):
        client = Client()
        client.force_login(user)
        try:
            barrier.wait(timeout=10)
            response = client.post(url, HTTP_ACCEPT="application/json")
            statuses.append(response.status_code)
            answers.append(response.json())
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=run, args=(user, url))
        for user, url in zip(users, urls, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    in_parallel.answers = answers
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
    assert (
        sum(Priority.objects.filter(contract=page.contract).values_list("support_count", flat=True))
        == 2
    )
    assert not Priority.objects.miscounted().exists()


def test_parallel_supports_of_one_priority_never_duplicate(setup):
    page, priorities, citizen = setup
    statuses = in_parallel(citizen, [f"{page.url}support/{priorities[0].pk}/"] * THREADS)
    assert statuses == [200] * THREADS
    assert Vote.objects.filter(citizen=citizen).count() == 1
    assert Priority.objects.get(pk=priorities[0].pk).support_count == 1
    assert not Priority.objects.miscounted().exists()


def test_parallel_supports_and_withdrawals_of_many_citizens_keep_the_count_exact(
    setup, municipality
):
    page, priorities, _citizen = setup
    citizens = [UserFactory(municipality=municipality, verified=True) for _ in range(THREADS)]
    support = f"{page.url}support/{priorities[0].pk}/"
    withdraw = f"{page.url}withdraw/{priorities[0].pk}/"
    assert in_parallel(citizens, [support] * THREADS) == [200] * THREADS
    assert Priority.objects.get(pk=priorities[0].pk).support_count == THREADS
    # Half withdraw while the other half supports a second priority and
    # withdraws twice at once from the first.
    half = THREADS // 2
    statuses = in_parallel(
        citizens[:half] + citizens[half:] + citizens[half:],
        [withdraw] * half
        + [f"{page.url}support/{priorities[1].pk}/"] * (THREADS - half)
        + [withdraw] * (THREADS - half),
    )
    assert statuses == [200] * (THREADS + THREADS - half)
    assert Vote.objects.filter(priority=priorities[0]).count() == 0
    assert Priority.objects.get(pk=priorities[0].pk).support_count == 0
    assert Priority.objects.get(pk=priorities[1].pk).support_count == THREADS - half
    assert not Priority.objects.miscounted().exists()


def test_parallel_withdrawals_and_supports_at_the_cap_never_exceed_it(setup):
    """At the cap, one withdrawal races supports of six other priorities:
    at most one of them takes the freed place, every answer's count of the
    citizen's supports stays within the cap, and the kept counts are exact."""
    page, priorities, citizen = setup
    for priority in priorities[:2]:
        Vote.objects.cast(citizen, priority)
    statuses = in_parallel(
        citizen,
        [f"{page.url}withdraw/{priorities[0].pk}/"]
        + [f"{page.url}support/{p.pk}/" for p in priorities[2:]],
    )
    answers = in_parallel.answers
    assert len(statuses) == THREADS - 1
    assert statuses.count(200) in (1, 2)  # the withdrawal, and perhaps one support
    assert all(answer["supports_used"] <= 2 for answer in answers)
    assert 1 <= Vote.objects.filter(citizen=citizen).count() <= 2
    assert not Priority.objects.miscounted().exists()
