"""Factories for monitoring: finalised contracts' priorities and assessments."""

import datetime
import zoneinfo

import factory
from factory.django import DjangoModelFactory

from django.utils import timezone

from scorecards.models import Assessment, AssessmentSource, Status

from ..cms_pages.factories import ElectionFactory
from ..consultations.factories import PriorityFactory, SocialContractFactory

TIRANE = zoneinfo.ZoneInfo("Europe/Tirane")


def tirane(day):
    return datetime.datetime.combine(day, datetime.time(12), tzinfo=TIRANE)


class FinalisedContractFactory(SocialContractFactory):
    """A contract of the 2019 elections, finalised before them (a held
    election: scorecards offer no other)."""

    election = factory.SubFactory(ElectionFactory, date=datetime.date(2019, 6, 30))
    opens_at = tirane(datetime.date(2019, 4, 1))
    closes_at = tirane(datetime.date(2019, 5, 31))
    finalised_at = tirane(datetime.date(2019, 6, 10))


class MonitoredPriorityFactory(PriorityFactory):
    """A priority in a finalised contract: one monitors can assess."""

    contract = factory.SubFactory(FinalisedContractFactory)
    in_contract = True


class AssessmentFactory(DjangoModelFactory):
    """A published assessment unless `published_at=None`."""

    class Meta:
        model = Assessment

    priority = factory.SubFactory(MonitoredPriorityFactory)
    as_of = datetime.date(2020, 12, 31)
    status = Status.PARTIALLY
    evidence = "<p>Vendimi i këshillit bashkiak.</p>"
    published_at = factory.LazyFunction(timezone.now)


class AssessmentSourceFactory(DjangoModelFactory):
    class Meta:
        model = AssessmentSource

    assessment = factory.SubFactory(AssessmentFactory)
    title = "Vendimi nr. 12"
    url = "https://example.org/vendimi-12"
