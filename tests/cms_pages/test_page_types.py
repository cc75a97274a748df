"""Each page type lives where it belongs, renders in Albanian and English,
and its English translation shows English text, linked by the switcher."""

import datetime

import pytest

from wagtail.models import Page

from cms_pages.models import (
    ContactPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    PartnersPage,
    ProgrammeIndexPage,
    ProgrammePage,
    StandardPage,
)

from ..markup import html_lang, language_link, text
from .factories import (
    ContactPageFactory,
    NewsPageFactory,
    PartnersPageFactory,
    ProgrammeIndexPageFactory,
    ProgrammePageFactory,
    StandardPageFactory,
)

pytestmark = pytest.mark.django_db

# (page type, parents it may be created under)
ALLOWED = {
    StandardPage: {HomePage, StandardPage},
    NewsIndexPage: {HomePage},
    NewsPage: {NewsIndexPage},
    ProgrammeIndexPage: {HomePage},
    ProgrammePage: {ProgrammeIndexPage},
    PartnersPage: {HomePage},
    ContactPage: {HomePage},
}
PARENTS = [HomePage, StandardPage, NewsIndexPage, NewsPage, ProgrammeIndexPage, ProgrammePage]


@pytest.mark.parametrize("page_type", list(ALLOWED), ids=lambda model: model.__name__)
@pytest.mark.parametrize("parent_type", PARENTS, ids=lambda model: model.__name__)
def test_page_types_are_created_only_under_their_parents(page_type, parent_type):
    allowed = parent_type in ALLOWED[page_type]

    assert page_type in parent_type.creatable_subpage_models() or not allowed
    assert (
        page_type in parent_type.allowed_subpage_models()
        and parent_type in page_type.allowed_parent_page_models()
    ) is allowed


def test_no_page_type_can_be_created_at_the_tree_root():
    for page_type in ALLOWED:
        assert not page_type.can_create_at(Page.get_first_root_node())


def test_only_one_news_index_per_home_page(home, news_index):
    assert not NewsIndexPage.can_create_at(home)
    assert StandardPage.can_create_at(home)


def test_home_page_sits_only_at_the_top():
    assert HomePage.allowed_parent_page_models() == [Page]


def _programme(parent, **kwargs):
    return ProgrammePageFactory(
        parent=ProgrammeIndexPageFactory(parent=parent),
        title="POP 2022 – Kontrata Sociale",
        slug="pop-2022",
        short_name="POP 2022",
        overall_objective="Fuqizimi i organizatave vendore.",
        objectives=[("objective", {"code": "SO1", "text": "Zëri i qytetarëve forcohet."})],
        **kwargs,
    )


def _make(kind, home, news_index):
    """A page of `kind` with an Albanian word to look for, and the fields
    that carry text to translate."""
    if kind == "standard":
        page = StandardPageFactory(parent=home, title="Rreth nesh", slug="rreth-nesh")
        return page, {"title": "About us", "slug": "about"}
    if kind == "news":
        page = NewsPageFactory(parent=news_index, title="Forumi publik", slug="forumi")
        return page, {"title": "The public forum", "slug": "forum", "lead": "English lead."}
    if kind == "programme":
        page = _programme(home)
        return page, {
            "title": "POP 2022 – The Social Contract",
            "overall_objective": "Stronger local organisations.",
            "objectives": [("objective", {"code": "SO1", "text": "Citizens' voice raised."})],
        }
    if kind == "partners":
        return PartnersPageFactory(parent=home), {"title": "Partners", "slug": "partners"}
    if kind == "contact":
        return ContactPageFactory(parent=home), {"title": "Contact us", "slug": "contact"}
    raise AssertionError(kind)


@pytest.mark.parametrize("kind", ["standard", "news", "programme", "partners", "contact"])
def test_each_page_type_renders_in_albanian_and_in_english(
    client, home, news_index, news_index_en, translate, kind
):
    page, english = _make(kind, home, news_index)
    if kind == "programme":
        translate(page.get_parent(), title="Programmes", slug="programmes")
    translation = translate(page, **english)

    albanian = client.get(page.url)
    english_response = client.get(translation.url)

    assert albanian.status_code == 200
    assert english_response.status_code == 200
    assert html_lang(albanian) == "sq"
    assert html_lang(english_response) == "en"
    assert page.title in text(albanian)
    assert english["title"] in text(english_response)
    assert page.title not in text(english_response)
    assert language_link(albanian, "en") == translation.url
    assert language_link(english_response, "sq") == page.url


def test_programme_page_shows_objectives_municipalities_and_funders(client, home, municipality):
    from .factories import FunderFactory

    funder = FunderFactory(name="Olof Palme International Center")
    page = _programme(home, municipalities=[municipality], funders=[funder])

    content = text(client.get(page.url))

    assert "SO1 Zëri i qytetarëve forcohet." in content
    assert "Fuqizimi i organizatave vendore." in content
    assert "Durrës" in content
    assert "Olof Palme International Center" in content


def test_english_programme_page_names_municipalities_in_english(
    client, home, home_en, municipality, en, translate
):
    english_name = municipality.copy_for_translation(en)
    english_name.name = "Durres (en)"
    english_name.save()
    page = _programme(home, municipalities=[municipality])
    translate(page.get_parent(), title="Programmes", slug="programmes")
    translation = translate(page, title="POP 2022")

    assert "Durres (en)" in text(client.get(translation.url))


def test_partners_page_lists_partners_by_municipality(client, home, municipality):
    from .factories import PartnerOrganisationFactory

    PartnerOrganisationFactory(name="Qendra Rinore", municipality=municipality)
    page = PartnersPageFactory(parent=home)

    response = client.get(page.url)

    assert "Qendra Rinore" in text(response)
    assert "Durrës" in [heading.get_text() for heading in _headings(response)]


def _headings(response):
    from ..markup import soup

    return soup(response).select("main h2")


def test_news_page_shows_date_municipalities_and_tags(client, news_index, municipality):
    page = NewsPageFactory(
        parent=news_index, date=datetime.date(2023, 5, 10), municipalities=[municipality]
    )
    page.tags.add("forume")
    page.save_revision().publish()

    content = text(client.get(page.url))

    assert "Durrës" in content
    assert "forume" in content
