"""Factories for council sessions and decisions (issue 16)."""

import datetime

import factory
from factory.django import DjangoModelFactory

from django.utils import timezone

from scorecards.models import CouncilDecision, CouncilSession, Outcome, SessionType

from ..cms_pages.factories import MunicipalityFactory


class CouncilSessionFactory(DjangoModelFactory):
    """A published session unless `published_at=None`."""

    class Meta:
        model = CouncilSession

    municipality = factory.SubFactory(MunicipalityFactory)
    date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))
    session_type = SessionType.ORDINARY
    agenda = "1. Buxheti vjetor.\n2. Rikonstruksioni i shkollës."
    minutes_url = "https://example.org/procesverbali"
    published_at = factory.LazyFunction(timezone.now)


class CouncilDecisionFactory(DjangoModelFactory):
    class Meta:
        model = CouncilDecision
        skip_postgeneration_save = True

    session = factory.SubFactory(CouncilSessionFactory)
    number = factory.Sequence(lambda n: str(n + 1))
    title = "Miratimi i fondit për ndriçimin publik"
    outcome = Outcome.APPROVED
    amount = None
    votes_for = 25
    votes_against = 3
    abstaining = 1

    @factory.post_generation
    def priorities(self, create, extracted, **kwargs):
        if create and extracted:
            self.priorities.set(extracted)
