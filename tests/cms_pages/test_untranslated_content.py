"""On English pages, what people wrote in Albanian and nobody translates
(citizens' comments and questions, candidates' statements, assessment
evidence, moderators' reasons, priorities not yet translated) is marked
`lang="sq"` on the element that holds it, so that a screen reader reads it
in Albanian; the names of elections, municipalities
and parties are shown in English where they have a translation."""

import datetime

import pytest

from django.urls import reverse
from django.utils import translation

from wagtail_localize.synctree import create_aliases_for_new_page

from consultations.models import (
    ConsultationIndexPage,
    ConsultationPage,
    PrioritySuggestion,
    SuggestionState,
)
from forums.models import CandidacyStatus, QuestionState
from scorecards.models import MunicipalityScorecardPage, ScorecardIndexPage

from ..accounts.factories import UserFactory
from ..consultations.factories import CommentFactory, PriorityFactory, SocialContractFactory
from ..forums.factories import CandidacyFactory, PartyFactory, PositionFactory
from ..forums.forum_helpers import QuestionFactory, make_forum, make_index
from ..markup import soup, text
from ..scorecards.factories import AssessmentFactory, FinalisedContractFactory
from .factories import ElectionFactory

pytestmark = pytest.mark.django_db


def language_of(response, words):
    """The language a screen reader uses for the innermost element whose own
    text contains `words`: the `lang` of that element or its nearest ancestor."""
    document = soup(response)
    found = document.find(string=lambda s: s and words in s)
    assert found is not None, f"{words!r} is not on the page"
    element = found.parent
    while element is not None and not element.get("lang"):
        element = element.parent
    return element.get("lang")


def translated(row, en, **fields):
    english = row.copy_for_translation(en)
    for name, value in fields.items():
        setattr(english, name, value)
    english.save()
    return english


def english(name, **kwargs):
    with translation.override("en"):
        return reverse(name, kwargs=kwargs)


@pytest.fixture
def election(en):
    election = ElectionFactory(
        name="Zgjedhjet vendore 2027", date=datetime.date.today() + datetime.timedelta(days=60)
    )
    translated(election, en, name=f"Local elections {election.date.year}")
    return election


@pytest.fixture
def candidacy(municipality, election, en):
    contract = SocialContractFactory(
        municipality=municipality, election=election, phase="finalised"
    )
    party = PartyFactory(name="Partia e Gjelbër")
    translated(party, en, name="Green Party")
    candidacy = CandidacyFactory(
        contract=contract,
        party=party,
        full_name="Elira Marku",
        biography="Inxhiniere, e lindur në Durrës.",
    )
    PositionFactory(
        candidacy=candidacy,
        priority=PriorityFactory(contract=contract, in_contract=True, title="Ujë i pijshëm"),
        statement="Do ta ndërtoj rrjetin e ri brenda dy vjetëve.",
    )
    return candidacy


def test_a_candidates_page_in_english_marks_their_albanian_texts(client, candidacy, election):
    response = client.get(english("forums:candidate", candidacy_id=candidacy.pk))

    assert response.status_code == 200
    assert soup(response).html["lang"] == "en"
    assert language_of(response, "Inxhiniere, e lindur") == "sq"
    assert language_of(response, "Do ta ndërtoj rrjetin") == "sq"
    assert "Green Party" in text(response) and "Partia e Gjelbër" not in text(response)


def test_the_offers_side_by_side_in_english_mark_statements(client, candidacy, election):
    response = client.get(
        english("forums:side_by_side", municipality="durres", year=election.date.year)
    )

    assert response.status_code == 200
    assert language_of(response, "Do ta ndërtoj rrjetin") == "sq"
    assert "Green Party" in text(response)
    assert f"Local elections {election.date.year}" in text(response)


def test_a_candidates_own_list_names_the_election_in_english(client, candidacy, election):
    client.force_login(candidacy.user)

    content = text(client.get(english("forums:my_candidacies")))

    assert f"Durrës, Local elections {election.date.year}" in content
    assert "Zgjedhjet vendore" not in content


def test_a_candidates_own_list_in_english_marks_the_reason_for_declining(
    client, municipality, election
):
    contract = SocialContractFactory(municipality=municipality, election=election)
    declined = CandidacyFactory(
        contract=contract,
        full_name="Elira Marku",
        status=CandidacyStatus.DECLINED,
        decline_reason="Mungojnë të dhënat e partisë.",
    )
    client.force_login(declined.user)

    response = client.get(english("forums:my_candidacies"))

    assert language_of(response, "Mungojnë të dhënat e partisë.") == "sq"
    assert language_of(response, "Elira Marku") == "en"


def test_a_forum_page_in_english_marks_questions_and_names_parties_in_english(
    client, home, en, municipality, candidacy, election
):
    page = make_forum(make_index(home), municipality, election)
    QuestionFactory(forum=page, text="Kur do të kemi ujë gjithë ditën?")

    response = client.get(page.get_translation(en).url)

    assert response.status_code == 200
    assert language_of(response, "Kur do të kemi ujë") == "sq"
    assert "Elira Marku – Green Party" in text(response)
    assert "Partia e Gjelbër" not in text(response)
    # On the Albanian page the party keeps its Albanian name.
    assert "Elira Marku – Partia e Gjelbër" in text(client.get(page.url))


def test_a_consultation_in_english_marks_citizens_comments(client, home, en, municipality):
    index = ConsultationIndexPage(title="Konsultimet", slug="konsultimet")
    home.add_child(instance=index)
    create_aliases_for_new_page(index)
    contract = SocialContractFactory(municipality=municipality)
    page = ConsultationPage(title="Kontrata Sociale", slug="kontrata", contract=contract)
    index.add_child(instance=page)
    create_aliases_for_new_page(page)
    CommentFactory(priority=PriorityFactory(contract=contract), body="Rruga ka nevojë për dritë.")

    response = client.get(page.get_translation(en).url)

    assert language_of(response, "Rruga ka nevojë për dritë.") == "sq"
    assert language_of(response, "Skip to main content") == "en"


def test_a_forum_page_in_english_marks_the_moderators_reason(
    client, home, en, municipality, election
):
    page = make_forum(make_index(home), municipality, election)
    question = QuestionFactory(
        forum=page,
        text="Kur hapet tregu?",
        state=QuestionState.REJECTED,
        rejection_reason="Pyetja përsërit një tjetër.",
    )
    client.force_login(question.author)

    response = client.get(page.get_translation(en).url)

    assert language_of(response, "Pyetja përsërit një tjetër.") == "sq"
    assert language_of(response, "Your questions not yet published") == "en"


def consultation(home, contract):
    index = ConsultationIndexPage(title="Konsultimet", slug="konsultimet")
    home.add_child(instance=index)
    create_aliases_for_new_page(index)
    page = ConsultationPage(title="Kontrata Sociale", slug="kontrata", contract=contract)
    index.add_child(instance=page)
    create_aliases_for_new_page(page)
    return page


def test_a_consultation_in_english_marks_the_reason_a_suggestion_was_declined(
    client, home, en, municipality
):
    contract = SocialContractFactory(municipality=municipality)
    page = consultation(home, contract)
    author = UserFactory(verified=True)
    PrioritySuggestion.objects.create(
        contract=contract,
        author=author,
        title="Stola në park",
        state=SuggestionState.DECLINED,
        decline_reason="Është tashmë te prioriteti i parqeve.",
    )
    client.force_login(author)

    response = client.get(page.get_translation(en).url)

    assert language_of(response, "Është tashmë te prioriteti") == "sq"
    assert language_of(response, "Your suggestions") == "en"


@pytest.mark.parametrize("phase", ["open", "finalised"])
def test_a_consultation_in_english_marks_the_priorities_nobody_translated(
    client, home, en, municipality, phase
):
    contract = SocialContractFactory(municipality=municipality, phase=phase)
    page = consultation(home, contract)
    PriorityFactory(
        contract=contract, in_contract=True, title="Ndriçim në lagje", description="Llamba LED."
    )
    water = PriorityFactory(
        contract=contract, in_contract=True, title="Ujë i pijshëm", description="Pa ndërprerje."
    )
    translated(water, en, title="Drinking water", description="Without interruption.")

    response = client.get(page.get_translation(en).url)

    assert language_of(response, "Ndriçim në lagje") == "sq"
    assert language_of(response, "Llamba LED.") == "sq"
    assert language_of(response, "Drinking water") == "en"
    assert language_of(response, "Without interruption.") == "en"
    if phase == "finalised":  # the contract's list names them too
        titles = soup(response).select(".contract-list a")
        assert [(a.get_text(strip=True), a.get("lang")) for a in titles] == [
            ("Ndriçim në lagje", "sq"),
            ("Drinking water", None),
        ]


def test_a_scorecard_in_english_marks_the_evidence(client, home, en, municipality):
    index = ScorecardIndexPage(title="Kartat e vlerësimit", slug="kartat")
    home.add_child(instance=index)
    create_aliases_for_new_page(index)
    page = MunicipalityScorecardPage(
        title="Karta: Durrës", slug="durres", municipality=municipality
    )
    index.add_child(instance=page)
    create_aliases_for_new_page(page)
    contract = FinalisedContractFactory(
        municipality=municipality,
        election=ElectionFactory(name="Zgjedhjet vendore 2019", date=datetime.date(2019, 6, 30)),
    )
    AssessmentFactory(
        priority=PriorityFactory(contract=contract, in_contract=True),
        as_of=datetime.date(2020, 12, 31),
        evidence="<p>Vendimi i këshillit bashkiak nr. 12.</p>",
    )

    response = client.get(page.get_translation(en).url, {"election": contract.election_id})

    assert response.status_code == 200
    assert language_of(response, "Vendimi i këshillit bashkiak nr. 12.") == "sq"


def test_asking_for_a_candidacy_in_english_offers_english_names(client, municipality, election, en):
    party = PartyFactory(name="Partia e Gjelbër")
    translated(party, en, name="Green Party")
    client.force_login(UserFactory(verified=True))

    response = client.get(english("forums:request"))

    assert response.status_code == 200
    options = {
        select["name"]: [option.get_text() for option in select.select("option")]
        for select in soup(response).select("select")
    }
    assert f"Local elections {election.date.year}" in options["election"]
    assert "Green Party" in options["party"]
    assert "Partia e Gjelbër" not in options["party"]
    assert "Durrës" in options["municipality"]
