"""Site search: live pages of the visitor's language only."""

import string

import pytest

from wagtail_localize.synctree import create_aliases_for_new_page

from consultations.models import ConsultationIndexPage, ConsultationPage
from forums.models import CandidacyStatus

from ..consultations.factories import PriorityFactory, SocialContractFactory
from ..consultations.test_comments import HOSTILE as COMMENT_HOSTILE
from ..forums.factories import CandidacyFactory
from ..forums.forum_helpers import make_forum, make_index
from ..markup import soup, text
from .factories import ElectionFactory, MunicipalityFactory, StandardPageFactory

pytestmark = pytest.mark.django_db


def body(words):
    return [("paragraph", f"<p>{words}</p>")]


def test_finds_a_published_page_by_a_word_of_its_body(client, home):
    StandardPageFactory(parent=home, title="Metoda", body=body("Kontrata shoqërore bashkiake"))

    response = client.get("/sq/search/", {"q": "bashkiake"})

    assert response.status_code == 200
    assert "Metoda" in text(response)


def test_finds_only_pages_in_the_current_language(client, home, home_en, translate):
    page = StandardPageFactory(parent=home, title="Metoda", body=body("Kontrata bashkiake"))
    translate(page, title="The method", slug="method", body=body("Municipal contract"))

    albanian = text(client.get("/sq/search/", {"q": "contract"}))
    english = text(client.get("/en/search/", {"q": "contract"}))

    assert "The method" not in albanian
    assert "The method" in english
    assert "Metoda" not in english


def test_drafts_never_appear(client, home):
    StandardPageFactory(parent=home, title="Skicë", body=body("fjalëkyçsekret"), live=False)

    assert "Skicë" not in text(client.get("/sq/search/", {"q": "fjalëkyçsekret"}))


def test_empty_query_shows_the_form_only(client):
    response = client.get("/sq/search/")

    assert response.status_code == 200
    assert "search-results" not in response.content.decode()


# What people paste into a search box: the comments' hostile corpus, quotes
# left open, FTS and tsquery operators, control characters, every ASCII
# punctuation mark alone and inside words.
HOSTILE = [
    *COMMENT_HOSTILE,
    '"',
    'Aleanca Gjinore"',
    '"Aleanca Gjinore',
    "'",
    "''",
    "\\",
    "a AND OR NOT b",
    "NEAR(a b)",
    "title:uji",
    "uji*",
    "^uji",
    "-uji",
    "uji & !korce | (x",
    "a:* & b",
    "\x00",
    "%00",
    "\u202e",
    "   ",
    "_",
    "ë" * 300,
    " ".join(["fjalë"] * 50),
]
PUNCTUATION = list(string.punctuation)


@pytest.mark.parametrize(
    "query", HOSTILE + PUNCTUATION + [f"uji{mark}korce" for mark in PUNCTUATION]
)
def test_any_input_is_answered_without_error(client, home, query):
    StandardPageFactory(parent=home, title="Ujë", body=body("Ujë i pijshëm në Korçë"))

    response = client.get("/sq/search/", {"q": query})

    assert response.status_code == 200
    # What was typed comes back in the box, escaped, never as markup.
    assert "<script>alert" not in response.text
    assert "<iframe" not in response.text


def test_a_quoted_name_finds_the_page(client, home):
    StandardPageFactory(parent=home, title="Partnerët", body=body("Aleanca Gjinore për Zhvillim"))

    for query in ('"Aleanca Gjinore"', 'Aleanca Gjinore"', '"aleanca'):
        response = client.get("/sq/search/", {"q": query})
        assert response.status_code == 200
        assert "Partnerët" in text(response), query


# --- diacritics, what is found beyond pages, plain text -----------------------


def consultation_page(home, contract, **fields):
    index = ConsultationIndexPage(title="Konsultimet", slug="konsultimet")
    home.add_child(instance=index)
    create_aliases_for_new_page(index)
    page = ConsultationPage(slug=f"kontrata-{contract.pk}", contract=contract, **fields)
    page.title = fields.get("title", "Kontrata Sociale")
    index.add_child(instance=page)
    create_aliases_for_new_page(page)
    return page


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("uje", "Ujë i pijshëm"),
        ("korce", "Forumi në Korçë"),
        ("KORÇË", "Rruga Korce, nr. 5"),
        ("Korçës", "Bashkia e Korces"),
        ("pijshem", "Ujë i pijshëm"),
    ],
)
def test_diacritics_are_matched_both_ways(client, home, typed, written):
    StandardPageFactory(parent=home, title="Gjetur", body=body(written))
    StandardPageFactory(parent=home, title="Tjetër", body=body("Asgjë e ngjashme"))

    page = text(client.get("/sq/search/", {"q": typed}))

    assert "Gjetur" in page
    assert "Tjetër" not in page


def test_a_priority_is_found_in_both_languages_and_leads_to_its_place(client, home, en):
    contract = SocialContractFactory(phase="open")
    priority = PriorityFactory(
        contract=contract,
        title="Ujë i pijshëm 24 orë",
        description="Rikonstruksion i rrjetit derisa uji të vijë pa ndërprerje.",
    )
    translation = priority.copy_for_translation(en)
    translation.title = "Drinking water 24 hours a day"
    translation.description = "Rebuild the network."
    translation.save()
    page = consultation_page(home, contract)

    albanian = client.get("/sq/search/", {"q": "uji"})
    english = client.get("/en/search/", {"q": "drinking water"})

    link = soup(albanian).find("a", string="Ujë i pijshëm 24 orë")
    assert link["href"] == f"{page.url}#priority-{priority.pk}"
    assert "derisa uji të vijë" in text(albanian)
    assert f"Prioritet në {contract.municipality.name}, {contract.election.name}" in text(albanian)
    link = soup(english).find("a", string="Drinking water 24 hours a day")
    assert link["href"].startswith("/en/")
    assert link["href"].endswith(f"#priority-{priority.pk}")


def test_a_draft_priority_is_not_found(client, home):
    contract = SocialContractFactory(phase="draft")
    PriorityFactory(contract=contract, title="Skicë e fshehtë kanalizimesh")
    consultation_page(home, contract)

    assert "Skicë e fshehtë" not in text(client.get("/sq/search/", {"q": "kanalizimesh"}))


def test_a_confirmed_candidate_is_found_and_a_requested_one_is_not(client):
    confirmed = CandidacyFactory(full_name="Elira Marku")
    CandidacyFactory(full_name="Elira Hoxha", status=CandidacyStatus.REQUESTED)

    response = client.get("/sq/search/", {"q": "Elira"})

    link = soup(response).find("a", string="Elira Marku")
    assert link["href"] == f"/sq/candidates/profile/{confirmed.pk}/"
    assert "Elira Hoxha" not in text(response)


def test_a_forum_page_is_found_by_its_municipality(client, home):
    korce = MunicipalityFactory(name="Korçë", slug="korce")
    forum = make_forum(make_index(home), korce, ElectionFactory(), title="Forumi publik 2023")

    response = client.get("/sq/search/", {"q": "korce"})

    assert soup(response).find("a", string="Forumi publik 2023")["href"] == forum.url


def test_results_show_rich_text_as_plain_text(client, home):
    contract = SocialContractFactory(phase="open")
    consultation_page(
        home, contract, intro="<p>Kontrata e <b>Durrësit</b> &amp; lagjet.</p><p>Dita e dytë.</p>"
    )

    response = client.get("/sq/search/", {"q": "Durrësit"})

    results = soup(response).select_one(".search-results")
    assert "Kontrata e Durrësit & lagjet. Dita e dytë." in results.get_text(" ", strip=True)
    assert "&lt;p&gt;" not in response.text
    assert "<b>Durrësit</b>" not in response.text
