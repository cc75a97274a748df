"""`localized()`: the one way every page, the API and the downloads read a
translatable row in the reader's language, in the same query as the rows."""

import pytest

from django.utils import translation

from cms_pages.models import Municipality, PartnerOrganisation, texts_by_language

from .factories import MunicipalityFactory, PartnerOrganisationFactory
from .test_reference_data import translate

pytestmark = pytest.mark.django_db


def test_the_active_language_is_read_with_a_fallback_to_the_source(municipality, en):
    fier = MunicipalityFactory(name="Fier", slug="fier")
    translate(municipality, en, name="Durres")

    with translation.override("en"):
        english = {
            m.slug: m.localized_name for m in Municipality.objects.source().localized("name")
        }
    with translation.override("sq"):
        albanian = {
            m.slug: m.localized_name for m in Municipality.objects.source().localized("name")
        }

    assert english == {"durres": "Durres", fier.slug: "Fier"}
    assert albanian == {"durres": "Durrës", fier.slug: "Fier"}


def test_an_empty_translation_falls_back_to_the_source(en):
    partner = PartnerOrganisationFactory(name="Qendra Sot", short_description="Në Durrës.")
    translate(partner, en, name="Today Centre", short_description="")

    with translation.override("en"):
        row = PartnerOrganisation.objects.source().localized("name", "short_description").get()

    assert (row.localized_name, row.localized_short_description) == ("Today Centre", "Në Durrës.")


def test_a_related_row_is_read_through_its_path(municipality, en):
    PartnerOrganisationFactory(municipality=municipality)
    translate(municipality, en, name="Durres")

    with translation.override("en"):
        row = PartnerOrganisation.objects.source().localized("municipality__name").get()

    assert row.localized_municipality_name == "Durres"


def test_every_language_at_once_for_the_open_data(municipality, en):
    translate(municipality, en, name="Durres")

    row = Municipality.objects.source().localized_in_every_language("name").get()

    assert texts_by_language(row, "name") == {"sq": "Durrës", "en": "Durres"}


def test_one_query_whatever_the_number_of_rows(municipality, en, django_assert_num_queries):
    for index in range(8):
        partner = PartnerOrganisationFactory(municipality=municipality, name=f"Org {index}")
        translate(partner, en, name=f"Organisation {index}")
    translate(municipality, en, name="Durres")

    with translation.override("en"), django_assert_num_queries(1):
        rows = list(PartnerOrganisation.objects.source().localized("name", "municipality__name"))

    assert sorted(row.localized_name for row in rows) == [f"Organisation {i}" for i in range(8)]
    assert {row.localized_municipality_name for row in rows} == {"Durres"}


def test_the_source_language_adds_no_subquery(municipality):
    with translation.override("sq"):
        sql = str(Municipality.objects.source().localized("name").query)

    assert sql.count("SELECT") == 1
