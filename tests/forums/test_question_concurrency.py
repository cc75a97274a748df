"""Parallel upvotes from one citizen never count twice: the database's
unique constraint decides. Needs real parallel writers, so PostgreSQL."""

import threading

import pytest

from django.db import connection, connections
from django.test import Client

from forums.models import Upvote

from ..accounts.factories import UserFactory
from ..cms_pages.factories import ElectionFactory, MunicipalityFactory
from .forum_helpers import QuestionFactory, make_forum, make_index

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("restorable_locale_synchronisation"),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs parallel writers; SQLite serialises them anyway (CI runs this on PostgreSQL)",
    ),
]

THREADS = 8


def test_parallel_upvotes_of_one_question_never_duplicate(home):
    forum = make_forum(make_index(home), MunicipalityFactory(), ElectionFactory())
    question = QuestionFactory(forum=forum)
    citizen = UserFactory(verified=True)
    url = f"{forum.url}questions/{question.pk}/upvote/"
    barrier = threading.Barrier(THREADS)
    statuses = []

    def run():
        client = Client()
        client.force_login(citizen)
        try:
            barrier.wait(timeout=10)
            statuses.append(client.post(url).status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert statuses == [302] * THREADS
    assert Upvote.objects.filter(question=question, citizen=citizen).count() == 1
