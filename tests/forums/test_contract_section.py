"""The signatories on the Social Contract's page (forums plugs its section
into consultations through the `contract_page_sections` hook): who signed,
online or at the forum, who withdrew, who has not signed; a link to the
offers side by side; a fixed number of queries."""

import datetime

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from wagtail_localize.synctree import create_aliases_for_new_page

from consultations.models import ConsultationIndexPage, ConsultationPage

from ..cms_pages.factories import ElectionFactory, MunicipalityFactory
from ..consultations.factories import PriorityFactory, SocialContractFactory
from .factories import CandidacyFactory, EndorsementFactory, PartyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def index_page(home):
    page = ConsultationIndexPage(title="Konsultimet", slug="konsultimet")
    home.add_child(instance=page)
    create_aliases_for_new_page(page)
    return page


def make_page(index_page, contract):
    page = ConsultationPage(title="Kontrata", slug=f"kontrata-{contract.pk}", contract=contract)
    index_page.add_child(instance=page)
    create_aliases_for_new_page(page)
    return page


def english_url(page, en):
    return page.get_translation(en).url


def test_the_contract_page_lists_who_signed_and_who_did_not(
    client, index_page, contract, priorities, en
):
    page = make_page(index_page, contract)
    party = PartyFactory(name="Partia e Gjelbër")
    online = CandidacyFactory(contract=contract, full_name="Elira Marku", party=party)
    at_forum = CandidacyFactory(contract=contract, full_name="Dritan Leka", party=None)
    withdrew = CandidacyFactory(contract=contract, full_name="Besnik Hoxha")
    CandidacyFactory(contract=contract, full_name="Pa Nënshkrim")
    CandidacyFactory(contract=contract, full_name="Pa Konfirmim", status="requested")
    EndorsementFactory(candidacy=online, contract=contract)
    EndorsementFactory(candidacy=at_forum, contract=contract, method="forum")
    EndorsementFactory(
        candidacy=withdrew,
        contract=contract,
        withdrawn_at=timezone.now(),
        withdrawal_reason="<b>Arsye publike</b>",
    )
    response = client.get(english_url(page, en))
    assert response.status_code == 200
    text = response.text
    section = text[text.index('id="signatories-title"') :]
    signed, rest = section.split("Signatures withdrawn")
    withdrawn, not_signed = rest.split("Candidates who have not signed")
    assert "Elira Marku" in signed and "Partia e Gjelbër" in signed and "signed online" in signed
    assert "Dritan Leka" in signed and "signed at the forum" in signed
    assert "Besnik Hoxha" in withdrawn and "&lt;b&gt;Arsye publike&lt;/b&gt;" in withdrawn
    assert "Besnik Hoxha" in not_signed and "Pa Nënshkrim" in not_signed
    assert "Elira Marku" not in not_signed
    assert "Pa Konfirmim" not in text
    with translation.override("en"):
        assert f"/en/candidates/offers/{contract.municipality.slug}/" in not_signed


def test_no_section_before_finalisation(client, index_page, municipality, en):
    contract = SocialContractFactory(municipality=municipality, phase="open")
    PriorityFactory(contract=contract)
    CandidacyFactory(contract=contract, full_name="Elira Marku")
    page = make_page(index_page, contract)
    response = client.get(english_url(page, en))
    assert response.status_code == 200
    assert "Who signed the contract" not in response.text


def make_contract(candidates):
    contract = SocialContractFactory(
        municipality=MunicipalityFactory(),
        election=ElectionFactory(date=datetime.date(2023, 5, 14)),
        phase="finalised",
    )
    PriorityFactory.create_batch(6, contract=contract, in_contract=True)
    for number in range(candidates):
        candidacy = CandidacyFactory(contract=contract)
        if number % 3 == 0:
            EndorsementFactory(candidacy=candidacy, contract=contract)
        elif number % 3 == 1:
            EndorsementFactory(candidacy=candidacy, contract=contract, withdrawn_at=timezone.now())
    return contract


def count_queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


def test_query_budget_is_the_same_for_3_and_10_candidates(client, index_page, en):
    small_page = make_page(index_page, make_contract(3))
    large_page = make_page(index_page, make_contract(10))
    small, response = count_queries(client, english_url(small_page, en))
    assert response.text.count("/candidates/profile/") == 4  # 1 signed, 1 withdrew (x2), 1 not
    large, response = count_queries(client, english_url(large_page, en))
    assert "Who signed the contract" in response.text
    assert small == large
