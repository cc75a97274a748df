"""A finalised Social Contract as a PDF in both languages, written by the
worker after each signature or withdrawal: numbered priorities, every
signatory with their positions as signed, withdrawals marked, a QR code to
its page; the signing sheet while a forum is ahead; the link on the
contract's contract_page, which says when the PDF is being prepared."""

import datetime
import io

import pytest
from pypdf import PdfReader

from django.utils import timezone

from wagtail_localize.synctree import create_aliases_for_new_page

from consultations.models import ConsultationIndexPage, ConsultationPage
from scorecards.models import ContractDocument

from ..consultations.factories import PriorityFactory, SocialContractFactory
from ..forums.factories import CandidacyFactory, EndorsementFactory, PartyFactory
from ..forums.forum_helpers import make_forum, make_index

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _documents_on(settings):
    settings.POP_CONTRACT_DOCUMENTS = True


@pytest.fixture
def contract(municipality):
    return SocialContractFactory(municipality=municipality, phase="finalised")


@pytest.fixture
def priorities(contract):
    return [
        PriorityFactory(contract=contract, in_contract=True, title=title, order=n)
        for n, title in enumerate(["Ujë i pijshëm çdo ditë", "Park i ri në lagje"])
    ]


@pytest.fixture
def contract_page(home, contract):
    index = ConsultationIndexPage(title="Konsultimet", slug="konsultimet")
    home.add_child(instance=index)
    create_aliases_for_new_page(index)
    page = ConsultationPage(title="Kontrata", slug="kontrata", contract=contract)
    index.add_child(instance=page)
    create_aliases_for_new_page(page)
    return page


def snapshot(priorities, stances):
    return [
        {"priority": p.pk, "stance": stance, "statement": f"Deklarata {n}"}
        for n, (p, stance) in enumerate(zip(priorities, stances, strict=True))
    ]


def pdf_of(contract, kind, language):
    document = ContractDocument.objects.get(contract=contract, kind=kind, language=language)
    with document.file.open("rb") as stored:
        return PdfReader(io.BytesIO(stored.read()))


def text_of(reader):
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_the_contract_pdf_names_every_signatory_and_priority(
    client, contract, priorities, contract_page, en, django_capture_on_commit_callbacks
):
    green = PartyFactory(name="Partia e Gjelbër")
    elira = CandidacyFactory(contract=contract, full_name="Elira Marku", party=green)
    dritan = CandidacyFactory(contract=contract, full_name="Dritan Leka", party=None)
    besnik = CandidacyFactory(contract=contract, full_name="Besnik Hoxha")
    with django_capture_on_commit_callbacks(execute=True):
        EndorsementFactory(
            candidacy=elira,
            contract=contract,
            positions=snapshot(priorities, ["commit", "partly"]),
        )
        EndorsementFactory(
            candidacy=dritan,
            contract=contract,
            method="forum",
            positions=snapshot(priorities, ["commit", "decline"]),
        )
        EndorsementFactory(
            candidacy=besnik,
            contract=contract,
            positions=snapshot(priorities, ["commit"] * 2),
            withdrawn_at=timezone.now(),
            withdrawal_reason="Arsye publike",
        )

    english = text_of(pdf_of(contract, "contract", "en"))
    for name in ("Elira Marku", "Dritan Leka", "Besnik Hoxha", "Partia e Gjelbër"):
        assert name in english
    for priority in priorities:
        assert priority.title in english
    assert "signed at the forum on" in english and "signed online on" in english
    assert "Commits in part" in english and "Declines" in english  # as signed
    assert "WITHDRAWN on" in english and "Arsye publike" in english
    assert "Finalised on" in english

    reader = pdf_of(contract, "contract", "en")
    assert len(reader.pages[0].images) == 1  # the QR code
    albanian = text_of(pdf_of(contract, "contract", "sq"))
    for text in ("Elira Marku", "Dritan Leka", "Besnik Hoxha", *(p.title for p in priorities)):
        assert text in albanian
    assert len(pdf_of(contract, "contract", "sq").pages[0].images) == 1

    english_page = contract_page.get_translation(en)
    html = client.get(english_page.url).content.decode()
    assert "Download the contract (PDF)" in html
    response = client.get(f"/en/contracts/{contract.pk}/contract.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_the_link_says_when_the_pdf_is_being_prepared(
    client, contract, priorities, contract_page, en
):
    """A signature was withdrawn; the worker has not rewritten the PDF yet."""
    written = ContractDocument.objects.create(
        contract=contract, kind="contract", language="en", file="contracts/x.pdf", preparing=False
    )
    endorsement = EndorsementFactory(
        candidacy=CandidacyFactory(contract=contract), contract=contract
    )
    endorsement.withdrawn_at = timezone.now()
    endorsement.save()
    written.refresh_from_db()
    assert written.preparing
    english_page = contract_page.get_translation(en)
    html = client.get(english_page.url).content.decode()
    assert "is being prepared" in html
    assert "Download the contract (PDF)" not in html


def test_no_document_before_finalisation(municipality, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        open_contract = SocialContractFactory(municipality=municipality)
    assert not ContractDocument.objects.filter(contract=open_contract).exists()


def test_the_signing_sheet_before_the_forum(
    home, municipality, contract, priorities, django_capture_on_commit_callbacks
):
    CandidacyFactory(contract=contract, full_name="Elira Marku")
    CandidacyFactory(contract=contract, full_name="Dritan Leka")
    CandidacyFactory(contract=contract, full_name="Pa Konfirmim", status="requested")
    with django_capture_on_commit_callbacks(execute=True):
        forum = make_forum(
            make_index(home),
            municipality,
            contract.election,
            contract=contract,
            starts_at=timezone.now() + datetime.timedelta(days=10),
        )
        forum.save_revision().publish()
    sheet = text_of(pdf_of(contract, "sheet", "en"))
    assert "Elira Marku" in sheet and "Dritan Leka" in sheet
    assert "Pa Konfirmim" not in sheet
    assert "Signature" in sheet
    for priority in priorities:
        assert priority.title in sheet
