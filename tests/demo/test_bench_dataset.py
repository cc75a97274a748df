"""The benchmark's dataset generator writes with PostgreSQL's COPY, naming
every column itself: a column added to a model without a database default
breaks `make bench` (as `email_language` once did). Run it here, on top of
the demo as the benchmark does, at a tiny size."""

import pytest

from django.contrib.auth import get_user_model
from django.db import connection

from bench.generate import Generator
from bench.presets import Preset
from consultations.models import Comment, Priority, Vote
from scorecards.models import Assessment

TINY = Preset(
    name="tiny",
    municipalities=13,
    priorities=3,
    big_priorities=6,
    citizens=30,
    votes=60,
    comments=12,
    rounds=1,
    candidates=2,
    session_pool=10,
    seconds=1,
    users=1,
    workers=1,
)


@pytest.fixture
def postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("the generator writes with PostgreSQL's COPY")


def test_the_benchmark_dataset_is_generated_on_top_of_the_demo(postgresql_only, demo):
    assert not Priority.objects.miscounted().exists()  # the demo keeps the counts
    votes_before = Vote.objects.count()
    comments_before = Comment.objects.count()
    assessments_before = Assessment.objects.count()
    log = []

    Generator(TINY, log.append).run()

    citizens = get_user_model().objects.filter(email__endswith="@bench.example")
    assert citizens.count() == TINY.citizens
    assert citizens.filter(emailaddress__verified=True).count() == TINY.citizens
    assert set(citizens.values_list("email_language", flat=True)) == {"sq"}
    assert Vote.objects.count() > votes_before
    assert Comment.objects.count() > comments_before
    assert Assessment.objects.count() > assessments_before
    assert log[-1].endswith("done")
    # COPY writes around the acts; the generator counts afterwards.
    assert not Priority.objects.miscounted().exists()
    assert Priority.objects.filter(support_count__gt=0).exists()
