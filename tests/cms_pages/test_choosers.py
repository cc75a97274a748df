"""Choosers and filters list each translatable record once, by its
source-language row, never once per locale (the news form used to offer
"Durrës, Durrës")."""

import pytest

from django.urls import reverse

from wagtail.models import Locale

from ..accounts.factories import UserFactory
from ..consultations.factories import SectorFactory
from ..forums.factories import PartyFactory
from ..markup import soup
from .factories import ElectionFactory, NewsIndexPageFactory, PartnerOrganisationFactory

pytestmark = pytest.mark.django_db


def translated(record):
    """`record` with its English translation saved beside it."""
    english = record.copy_for_translation(Locale.objects.get(language_code="en"))
    english.save()
    return record


@pytest.fixture
def editor():
    return UserFactory(verified=True, groups=["Editors"], is_superuser=True)


@pytest.fixture
def durres(municipality):
    return translated(municipality)


def option_texts(response, name):
    select = soup(response).find("select", attrs={"name": name})
    assert select is not None, f"no <select name={name!r}>"
    return [option.get_text(strip=True) for option in select.find_all("option") if option["value"]]


def test_the_news_form_lists_each_municipality_once(client, editor, home, durres):
    index = NewsIndexPageFactory(parent=home)
    client.force_login(editor)
    page = client.get(reverse("wagtailadmin_pages:add", args=["cms_pages", "newspage", index.pk]))
    assert option_texts(page, "municipalities").count("Durrës") == 1


def test_the_partner_form_and_filter_list_each_municipality_once(client, editor, durres):
    translated(PartnerOrganisationFactory(municipality=durres))
    client.force_login(editor)
    form = client.get(reverse("wagtailsnippets_cms_pages_partnerorganisation:add"))
    choices = form.context["form"].fields["municipality"].queryset
    assert [m.name for m in choices] == ["Durrës"]
    listing = client.get(reverse("wagtailsnippets_cms_pages_partnerorganisation:list"))
    assert option_texts(listing, "municipality").count("Durrës") == 1


@pytest.mark.parametrize(
    ("model", "make", "name"),
    [
        ("cms_pages_municipality", None, "Durrës"),
        ("cms_pages_election", lambda: ElectionFactory(name="Zgjedhjet 2027"), "Zgjedhjet 2027"),
        ("consultations_sector", lambda: SectorFactory(name="Ujësjellësi"), "Ujësjellësi"),
        ("forums_party", lambda: PartyFactory(name="Partia e Gjelbër"), "Partia e Gjelbër"),
    ],
)
def test_snippet_choosers_list_each_record_once(client, editor, durres, model, make, name):
    if make is not None:
        translated(make())
    client.force_login(editor)
    page = client.get(reverse(f"wagtailsnippetchoosers_{model}:choose"))
    assert page.status_code == 200
    assert soup(page.json()["html"]).get_text(" ").count(name) == 1


def test_the_assessments_filter_lists_each_municipality_once(client, editor, durres):
    client.force_login(editor)
    listing = client.get(reverse("wagtailsnippets_scorecards_assessment:list"))
    assert option_texts(listing, "municipality").count("Durrës") == 1
