"""Factories for consultations: sectors, contracts in any phase, priorities,
supports and comments (all in Albanian, the source language)."""

import datetime

import factory
from factory.django import DjangoModelFactory

from django.utils import timezone

from consultations.models import (
    Comment,
    CommentState,
    Phase,
    Priority,
    Sector,
    SocialContract,
    Vote,
)

from ..accounts.factories import UserFactory
from ..cms_pages.factories import ElectionFactory, MunicipalityFactory, albanian

DAY = datetime.timedelta(days=1)


def window(phase, now=None):
    """Dates (opens_at, closes_at, finalised_at) that put a contract in `phase`."""
    now = now or timezone.now()
    return {
        Phase.DRAFT: (None, None, None),
        Phase.UPCOMING: (now + 2 * DAY, now + 30 * DAY, None),
        Phase.OPEN: (now - 2 * DAY, now + 30 * DAY, None),
        Phase.CLOSED: (now - 30 * DAY, now - 2 * DAY, None),
        Phase.FINALISED: (now - 30 * DAY, now - 2 * DAY, now - DAY),
    }[Phase(phase)]


class SectorFactory(DjangoModelFactory):
    class Meta:
        model = Sector
        django_get_or_create = ("slug", "locale")

    name = factory.Sequence(lambda n: f"Sektori {n}")
    slug = factory.Sequence(lambda n: f"sektori-{n}")
    locale = factory.LazyFunction(albanian)


class SocialContractFactory(DjangoModelFactory):
    """An open contract unless `phase=` says otherwise."""

    class Meta:
        model = SocialContract

    class Params:
        phase = Phase.OPEN

    municipality = factory.SubFactory(MunicipalityFactory)
    election = factory.SubFactory(ElectionFactory)
    opens_at = factory.LazyAttribute(lambda o: window(o.phase)[0])
    closes_at = factory.LazyAttribute(lambda o: window(o.phase)[1])
    finalised_at = factory.LazyAttribute(lambda o: window(o.phase)[2])
    max_supports = 3
    residents_only = True


class PriorityFactory(DjangoModelFactory):
    class Meta:
        model = Priority

    contract = factory.SubFactory(SocialContractFactory)
    title = factory.Sequence(lambda n: f"Prioriteti {n}")
    description = "Përshkrimi i prioritetit."
    sector = factory.SubFactory(SectorFactory)
    order = factory.Sequence(int)
    locale = factory.LazyFunction(albanian)


class VoteFactory(DjangoModelFactory):
    """A support row, counted on its priority as `Vote.objects.cast` counts
    it (without the rules and the cap, which tests set up on purpose)."""

    class Meta:
        model = Vote

    priority = factory.SubFactory(PriorityFactory)
    citizen = factory.SubFactory(UserFactory)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        vote = super()._create(model_class, *args, **kwargs)
        Priority.objects.filter(pk=vote.priority_id).add_to_counts(supports=1)
        return vote


class CommentFactory(DjangoModelFactory):
    """A comment row, counted on its priority when visible, as
    `Comment.objects.post` counts it."""

    class Meta:
        model = Comment

    priority = factory.SubFactory(PriorityFactory)
    author = factory.SubFactory(UserFactory)
    body = factory.Sequence(lambda n: f"Komenti {n}")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        comment = super()._create(model_class, *args, **kwargs)
        if comment.state == CommentState.VISIBLE:
            Priority.objects.filter(pk=comment.priority_id).add_to_counts(comments=1)
        return comment
