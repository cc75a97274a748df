"""`config.statements.Statement`: a queryset compiled once per database, run
with the request's values in the placeholders' places, answers what the ORM
answers."""

import pytest

from django.contrib.auth import get_user_model
from django.db import DEFAULT_DB_ALIAS
from django.db.models import Q

from config.statements import Statement

from ..accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def accounts(person_id, email):
    return (
        get_user_model()
        .objects.filter(Q(pk=person_id) | Q(email=email))
        .order_by("pk")
        .values_list("pk", "email")
    )


def test_a_statement_answers_what_the_orm_answers_for_each_value():
    people = UserFactory.create_batch(3)
    statement = Statement(accounts, person_id=-7_357_000_099, email="placeholder@example.invalid")
    for first, second in [(people[0], people[2]), (people[1], people[0]), (people[2], people[2])]:
        rows = statement.rows(DEFAULT_DB_ALIAS, person_id=first.pk, email=second.email)
        assert rows == list(accounts(first.pk, second.email))
    assert statement.rows(DEFAULT_DB_ALIAS, person_id=-1, email="nobody@example.org") == []


def test_a_placeholder_the_query_does_not_carry_is_refused():
    statement = Statement(
        lambda person_id: get_user_model().objects.all(), person_id=-7_357_000_098
    )
    with pytest.raises(ValueError, match="person_id"):
        statement.sql(DEFAULT_DB_ALIAS)
