"""Factories for the pages and reference snippets of `cms_pages`."""

import datetime

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from django.utils.text import slugify

from wagtail.models import Locale

from cms_pages.models import Election, HomePage, Municipality, PartnerOrganisation


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
