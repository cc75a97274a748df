"""Municipalities, partner organisations and elections: Albanian source rows
that every record points at, with names in the visitor's language."""

import datetime

import pytest

from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import translation

from cms_pages.models import Election, Municipality, PartnerOrganisation

from ..accounts.factories import UserFactory
from .factories import ElectionFactory, MunicipalityFactory, PartnerOrganisationFactory

pytestmark = pytest.mark.django_db


def translate(instance, locale, **fields):
    """The English row for `instance`, as wagtail-localize makes it."""
    translated = instance.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save()
    return translated


def test_create_reference_records(sq):
    durres = Municipality.objects.create(name="Durrës", slug="durres", locale=sq)
    partner = PartnerOrganisation.objects.create(
        name="Qendra Ura", municipality=durres, website="https://ura.example.org/", locale=sq
    )
    election = Election.objects.create(
        name="Zgjedhjet vendore 2023", date=datetime.date(2023, 5, 14), locale=sq
    )

    assert str(durres) == "Durrës"
    assert str(partner) == "Qendra Ura"
    assert str(election) == "Zgjedhjet vendore 2023"
    assert list(durres.partner_organisations.all()) == [partner]
    assert partner.locale == durres.locale == election.locale == sq


def test_reference_records_are_ordered_for_reading():
    MunicipalityFactory(name="Vlorë")
    MunicipalityFactory(name="Berat")
    ElectionFactory(name="2019", date=datetime.date(2019, 6, 30))
    ElectionFactory(name="2023", date=datetime.date(2023, 5, 14))

    assert [m.name for m in Municipality.objects.all()] == ["Berat", "Vlorë"]
    assert [e.name for e in Election.objects.all()] == ["2023", "2019"], "newest first"


def test_slug_is_unique_per_language(municipality):
    with pytest.raises(IntegrityError), transaction.atomic():
        MunicipalityFactory(name="Durrësi", slug="durres")


def test_translation_keeps_the_slug_and_the_translation_key(municipality, en):
    english = translate(municipality, en, name="Durres (English)")

    assert english.slug == municipality.slug
    assert english.translation_key == municipality.translation_key
    assert english.locale == en


def test_source_is_the_albanian_rows_only(municipality, en):
    translate(municipality, en, name="Durres (English)")

    assert list(Municipality.objects.source()) == [municipality]
    assert Municipality.objects.count() == 2


def test_localized_names_come_from_the_active_language(municipality, en):
    tirana = MunicipalityFactory(name="Tiranë", slug="tirane")
    fier = MunicipalityFactory(name="Fier", slug="fier")
    translate(tirana, en, name="Tirana")
    translate(municipality, en, name="Durres")

    with translation.override("en"):
        english = dict(Municipality.objects.localized_names())
    with translation.override("sq"):
        albanian = dict(Municipality.objects.localized_names())

    assert english == {
        tirana.translation_key: "Tirana",
        municipality.translation_key: "Durres",
        fier.translation_key: "Fier",  # not translated: falls back to Albanian
    }
    assert albanian == {
        tirana.translation_key: "Tiranë",
        municipality.translation_key: "Durrës",
        fier.translation_key: "Fier",
    }


def test_localized_names_take_one_query(municipality, en, django_assert_num_queries):
    translate(municipality, en, name="Durres")
    MunicipalityFactory.create_batch(5)

    with translation.override("en"), django_assert_num_queries(1):
        names = dict(Municipality.objects.localized_names())

    assert len(names) == 6


def test_a_municipality_with_partners_cannot_be_deleted(municipality):
    PartnerOrganisationFactory(municipality=municipality)

    with pytest.raises(ProtectedError), transaction.atomic():
        municipality.delete()


def test_a_municipality_with_monitors_cannot_be_deleted(municipality):
    UserFactory(groups=["Monitors"], staff_municipality=municipality)

    with pytest.raises(ProtectedError), transaction.atomic():
        municipality.delete()


def test_deleting_a_municipality_keeps_its_residents(municipality, citizen):
    municipality.delete()

    citizen.refresh_from_db()
    assert citizen.municipality is None
