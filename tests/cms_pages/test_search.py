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


# Albanian inflects: Ujë, uji, ujin, ujit, ujërat; Korçë, Korça, Korçës,
# Korçën. None of these texts holds the form typed, with or without its
# diacritics: only the word's other forms.
INFLECTED = [
    ("uji", "Ujë i pijshëm"),
    ("ujin", "Ujë i pijshëm"),
    ("ujit", "Ujërat e zeza"),
    ("korca", "Forumi në Korçë"),
    ("Korçës", "Korça e re"),
    ("korcen", "Tregu i Korçës"),
    ("bashkite", "Bashkia e re"),
    ("forumet", "Një forum i hapur"),
    ("qytetin", "Një qytet i pastër"),
]


def found(client, typed):
    return [
        a.get_text(strip=True)
        for a in soup(client.get("/sq/search/", {"q": typed})).select(".search-results a")
    ]


@pytest.mark.parametrize(("typed", "written"), INFLECTED)
def test_a_page_is_found_by_any_form_of_its_words(client, home, typed, written):
    StandardPageFactory(parent=home, title="Gjetur", intro="", body=body(written))
    StandardPageFactory(parent=home, title="Tjetër", intro="", body=body("Ujku dhe korriku"))

    titles = found(client, typed)

    assert "Gjetur" in titles
    assert "Tjetër" not in titles


@pytest.mark.parametrize(("typed", "written"), INFLECTED)
def test_a_priority_is_found_by_any_form_of_its_words(client, home, typed, written):
    contract = SocialContractFactory(phase="open")
    PriorityFactory(contract=contract, title=written, description="Pa ndërprerje.")
    PriorityFactory(contract=contract, title="Ujku dhe korriku", description="Tjetër.")
    consultation_page(home, contract)

    titles = found(client, typed)

    assert written in titles
    assert "Ujku dhe korriku" not in titles


@pytest.mark.parametrize(("typed", "written"), INFLECTED)
def test_a_forum_page_is_found_by_any_form_of_its_words(client, home, typed, written):
    index = make_index(home)
    forum = make_forum(index, MunicipalityFactory(name="Lushnjë"), ElectionFactory(), title=written)
    make_forum(index, MunicipalityFactory(name="Fier"), ElectionFactory(), title="Ujku i korrikut")

    response = client.get("/sq/search/", {"q": typed})

    assert soup(response).find("a", string=written)["href"] == forum.url
    assert "Ujku i korrikut" not in text(response)


@pytest.mark.parametrize("typed", ["ujku", "korrik", "uj", "k", "lumi"])
def test_a_word_not_written_finds_nothing(client, home, typed):
    StandardPageFactory(parent=home, title="Gjetur", intro="", body=body("Ujë i pijshëm në Korçë"))
    contract = SocialContractFactory(phase="open")
    PriorityFactory(contract=contract, title="Ujë i pijshëm", description="Korça e re.")
    consultation_page(home, contract)

    assert found(client, typed) == []


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


def test_pages_with_the_word_as_typed_come_first(client, home):
    """Twelve pages say "forumi", one says "forume": a search for "forume"
    leads with that one, on the first page of results."""
    for number in range(12):
        StandardPageFactory(parent=home, title=f"Faqe {number}", body=body("Forumi publik"))
    StandardPageFactory(parent=home, title="Programi", body=body("16 forume publike"))

    titles = found(client, "forume")

    assert titles[0] == "Programi"
    assert len(titles) == 10  # the first page of results: the other forms follow
