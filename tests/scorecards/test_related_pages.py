"""The scorecard, the contract, the offers side by side, the candidate's
page and the forum page of one municipality and election link to each other
(one query for all the links); the offers page shows who won; a scorecard
is offered for held elections only."""

import datetime

import pytest

from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation

from wagtail_localize.synctree import create_aliases_for_new_page

from consultations.models import ConsultationIndexPage, ConsultationPage
from forums.models import ForumIndexPage

from ..cms_pages.factories import ElectionFactory, MunicipalityFactory
from ..forums.factories import CandidacyFactory
from ..forums.forum_helpers import make_forum, make_index
from ..markup import soup, text
from .factories import FinalisedContractFactory, MonitoredPriorityFactory

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def korce():
    return MunicipalityFactory(name="Korçë", slug="korce")


@pytest.fixture
def held(korce):
    return FinalisedContractFactory(
        municipality=korce, election=ElectionFactory(name="Zgjedhjet 2023", date=D(2023, 5, 14))
    )


@pytest.fixture
def pages(home, held, korce, make_scorecard_page):
    """The pages of Korçë's 2023 contract, each with its English alias."""
    MonitoredPriorityFactory(contract=held, title="Ujë çdo ditë")
    consultations = ConsultationIndexPage(title="Konsultimet", slug="konsultimet")
    home.add_child(instance=consultations)
    create_aliases_for_new_page(consultations)
    contract_page = ConsultationPage(title="Kontrata e Korçës", slug="korce", contract=held)
    consultations.add_child(instance=contract_page)
    create_aliases_for_new_page(contract_page)
    forum = make_forum(make_index(home), korce, held.election, title="Forumi i Korçës")
    scorecard = make_scorecard_page(korce)
    winner = CandidacyFactory(contract=held, full_name="Arta Dervishi", won=True)
    loser = CandidacyFactory(contract=held, full_name="Besnik Gjoni")
    return {
        "contract": contract_page.url,
        "forum": forum.url,
        "scorecard": f"{scorecard.url}?election={held.election_id}",
        "offers": "/sq/candidates/offers/korce/2023/",
        "winner": f"/sq/candidates/profile/{winner.pk}/",
        "loser": f"/sq/candidates/profile/{loser.pk}/",
    }


def related(response):
    nav = soup(response).find("nav", attrs={"aria-label": "Faqe të lidhura"})
    assert nav is not None, "no related pages"
    return {a.get_text(strip=True): a["href"] for a in nav.find_all("a")}


EXPECTED = {
    "Kontrata Sociale": "contract",
    "Forumi publik": "forum",
    "Përballja e ofertave": "offers",
    "Kryetari i zgjedhur: Arta Dervishi": "winner",
    "Karta e vlerësimit": "scorecard",
}


@pytest.mark.parametrize("where", ["contract", "forum", "scorecard", "offers", "winner", "loser"])
def test_each_page_links_to_the_others(client, pages, where):
    response = client.get(pages[where])

    assert response.status_code == 200
    assert related(response) == {label: pages[key] for label, key in EXPECTED.items()}


def test_the_english_pages_link_to_the_english_pages(client, pages):
    response = client.get(pages["forum"].replace("/sq/", "/en/", 1))

    nav = soup(response).find("nav", attrs={"aria-label": "Related pages"})
    links = [a["href"] for a in nav.find_all("a")]
    assert len(links) == 5
    assert all(link.startswith("/en/") for link in links)


def test_the_offers_page_shows_who_won(client, pages):
    response = client.get(pages["offers"])

    assert "Kryetari i zgjedhur: Arta Dervishi" in text(response)
    header = [th for th in soup(response).select("thead th") if "Arta" in th.text][0]
    assert "U zgjodh kryetar bashkie." in header.get_text(" ")
    loser = [th for th in soup(response).select("thead th") if "Besnik" in th.text][0]
    assert "zgjodh" not in loser.get_text(" ")


def test_no_winner_yet_no_winner_shown(client, pages, held):
    held.municipality.candidacies.update(won=False)

    response = client.get(pages["offers"])

    assert "Kryetari i zgjedhur" not in text(response)
    assert not any(label.startswith("Kryetari") for label in related(response))


def test_the_related_links_take_one_query(pages, held, django_assert_num_queries):
    request = RequestFactory().get(pages["forum"])
    template = Template("{% load related_tags %}{% related_pages m e %}")
    context = Context({"request": request, "m": held.municipality_id, "e": held.election_id})
    with translation.override("sq"):
        template.render(context)  # Wagtail's site root paths, cached from then on
        with django_assert_num_queries(1):
            html = template.render(context)
    assert html.count("<a ") == 5


def test_the_related_links_are_kept_with_the_chrome_until_a_candidacy_changes(
    settings, pages, held, django_assert_num_queries
):
    settings.POP_PAGE_CACHE_SECONDS = 300
    request = RequestFactory().get(pages["forum"])
    template = Template("{% load related_tags %}{% related_pages m e %}")
    context = Context({"request": request, "m": held.municipality_id, "e": held.election_id})
    with translation.override("sq"):
        template.render(context)
        with django_assert_num_queries(0):
            kept = template.render(context)
        assert "Kryetari i zgjedhur: Arta Dervishi" in kept
        for candidacy in held.municipality.candidacies.all():
            candidacy.won = candidacy.full_name == "Besnik Gjoni"
            candidacy.save()
        after = template.render(context)
    assert "Kryetari i zgjedhur: Besnik Gjoni" in after
    assert "Arta Dervishi" not in after


def test_an_election_not_yet_held_is_no_scorecard_tab_nor_link(client, pages, korce):
    coming = FinalisedContractFactory(
        municipality=korce, election=ElectionFactory(name="Zgjedhjet 2099", date=D(2099, 5, 14))
    )
    index = ForumIndexPage.objects.get(locale__language_code="sq")
    forum = make_forum(index, korce, coming.election, title="Forumi 2099", slug="forumi-2099")

    scorecard = client.get(pages["scorecard"])
    future = client.get(f"{pages['scorecard'].split('?')[0]}?election={coming.election_id}")
    network = client.get(pages["scorecard"].split("?")[0].rsplit("/", 2)[0] + "/")
    forum_2099 = client.get(forum.url)

    assert "Zgjedhjet 2099" not in text(scorecard)
    assert "Zgjedhjet 2099" not in text(network)
    assert "Zgjedhjet 2023" in text(future)  # the held election's figures, with a message
    assert "Karta e vlerësimit" not in related(forum_2099)
    assert "Forumi publik" in related(forum_2099)
