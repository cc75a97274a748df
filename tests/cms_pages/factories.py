"""Factories for the pages and reference snippets of `cms_pages`."""

import datetime

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from django.utils.text import slugify

from wagtail.models import Locale

from cms_pages.models import (
    ContactPage,
    Election,
    Funder,
    HomePage,
    Municipality,
    NewsIndexPage,
    NewsPage,
    PartnerOrganisation,
    PartnersPage,
    ProgrammeIndexPage,
    ProgrammePage,
    StandardPage,
)


def albanian():
    return Locale.objects.get(language_code="sq")


class MunicipalityFactory(DjangoModelFactory):
    """A municipality in Albanian, the source language every record points at."""

    class Meta:
        model = Municipality

    name = factory.Sequence(lambda n: f"Bashkia {n}")
    slug = factory.LazyAttribute(lambda obj: slugify(obj.name))
    locale = factory.LazyFunction(albanian)


class PartnerOrganisationFactory(DjangoModelFactory):
    class Meta:
        model = PartnerOrganisation

    name = factory.Sequence(lambda n: f"Organizata {n}")
    municipality = factory.SubFactory(MunicipalityFactory)
    website = "https://partner.example.org/"
    short_description = "Një organizatë e shoqërisë civile."
    locale = factory.LazyFunction(albanian)


class ElectionFactory(DjangoModelFactory):
    class Meta:
        model = Election

    name = factory.Sequence(lambda n: f"Zgjedhjet vendore {2019 + 4 * n}")
    date = factory.Sequence(lambda n: datetime.date(2019 + 4 * n, 5, 14))
    locale = factory.LazyFunction(albanian)


class HomePageFactory(wagtail_factories.PageFactory):
    """A `HomePage` placed anywhere in the tree (the only page type so far).

    Created in code, so wagtail-localize makes no English alias for it (it
    does that only for pages created in the admin)."""

    class Meta:
        model = HomePage

    title = factory.Sequence(lambda n: f"Faqja {n}")
    slug = factory.LazyAttribute(lambda obj: slugify(obj.title))


class StandardPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StandardPage

    title = factory.Sequence(lambda n: f"Faqja standarde {n}")
    slug = factory.LazyAttribute(lambda obj: slugify(obj.title))
    intro = "Një hyrje e shkurtër."


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = NewsIndexPage

    title = "Lajme"
    slug = "lajme"


class NewsPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = NewsPage

    title = factory.Sequence(lambda n: f"Lajmi {n}")
    slug = factory.LazyAttribute(lambda obj: slugify(obj.title))
    date = factory.Sequence(lambda n: datetime.date(2024, 1, 1) + datetime.timedelta(days=n))
    lead = "Një lajm nga rrjeti."


class ProgrammeIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ProgrammeIndexPage

    title = "Programet"
    slug = "programet"


class ProgrammePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ProgrammePage

    title = factory.Sequence(lambda n: f"POP {2019 + n}")
    slug = factory.LazyAttribute(lambda obj: slugify(obj.title))
    short_name = factory.LazyAttribute(lambda obj: obj.title)
    start_date = datetime.date(2022, 1, 1)
    end_date = datetime.date(2022, 12, 31)
    intro = "Programi i vitit."
    overall_objective = "Fuqizimi i qytetarëve."


class PartnersPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = PartnersPage

    title = "Partnerët"
    slug = "partneret"


class ContactPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ContactPage

    title = "Kontakt"
    slug = "kontakt"
    to_address = "redaksia@pop.example"
    subject = "Mesazh i ri"


class FunderFactory(DjangoModelFactory):
    class Meta:
        model = Funder

    name = factory.Sequence(lambda n: f"Fondacioni {n}")
    locale = factory.LazyFunction(albanian)
