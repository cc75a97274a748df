"""A candidate's journey in a browser: open the invitation link signed out,
sign in (the link survives in `next`), accept it, state a position on every
priority, sign the contract, and appear as a signatory on the contract's
page and in the side-by-side table (on a phone too)."""

import datetime

import pytest
from playwright.sync_api import expect

from django.utils import timezone, translation

from wagtail.models import Locale
from wagtail_localize.synctree import create_aliases_for_new_page

from consultations.models import ConsultationIndexPage, ConsultationPage
from forums.models import Endorsement, Invitation

from ..accounts.factories import PASSWORD, UserFactory
from ..cms_pages.factories import ElectionFactory, MunicipalityFactory
from ..consultations.factories import PriorityFactory, SocialContractFactory
from ..forums.factories import CandidacyFactory
from .helpers import navigate, visit

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def make_contract():
    from cms_pages.models import HomePage

    home = HomePage.objects.get(locale__language_code="sq", depth=2)
    durres = MunicipalityFactory(name="Durrës", slug="durres")
    election = ElectionFactory(
        name="Zgjedhjet vendore", date=timezone.localdate() + datetime.timedelta(days=40)
    )
    contract = SocialContractFactory(municipality=durres, election=election, phase="finalised")
    priorities = [
        PriorityFactory(contract=contract, title=title, order=n, in_contract=True)
        for n, title in enumerate(["Ujë çdo ditë", "Kopshte", "Ndriçim"])
    ]
    index = ConsultationIndexPage(title="Konsultimet", slug="konsultimet")
    home.add_child(instance=index)
    create_aliases_for_new_page(index)
    page = ConsultationPage(title="Kontrata e Durrësit", slug="durres", contract=contract)
    index.add_child(instance=page)
    create_aliases_for_new_page(page)
    return page, contract, priorities


def test_candidate_claims_states_positions_signs_and_is_listed(page, live_server):
    consultation, contract, priorities = make_contract()
    invited = CandidacyFactory(contract=contract, full_name="Teuta Kodra", user=None)
    CandidacyFactory(contract=contract, full_name="Altin Gjika")
    CandidacyFactory(contract=contract, full_name="Besa Dema")
    UserFactory(email="teuta@example.org", verified=True)
    invitation = Invitation.objects.create(candidacy=invited, email="teuta@example.org")
    with translation.override("en"):
        claim_path = invitation.get_claim_path()

    # Signed out: the invitation asks to sign in, and brings the person back.
    visit(page, f"{live_server.url}{claim_path}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your invitation as a candidate")
    with navigate(page):
        page.get_by_role("main").get_by_role("link", name="Sign in").click()
    page.locator('input[name="login"]').fill("teuta@example.org")
    page.locator('input[name="password"]').fill(PASSWORD)
    with navigate(page):
        page.locator('form[action*="/accounts/login/"] [type="submit"]').click()
    assert page.url == f"{live_server.url}{claim_path}"
    with navigate(page):
        page.get_by_role("button", name="Accept the invitation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "The Social Contract and your positions"
    )

    # A position on every priority, then the signature.
    for number, priority in enumerate(priorities):
        stance = "partly" if number == 1 else "commit"
        page.locator(f"#id_p{priority.pk}-stance").select_option(stance)
        page.locator(f"#id_p{priority.pk}-statement").fill(f"Do ta bëj: {priority.title}.")
    with navigate(page):
        page.get_by_role("button", name="Save your positions").click()
    expect(page.get_by_text("Your positions are saved (3 changed).")).to_be_visible()
    with navigate(page):
        page.get_by_role("button", name="Save and review the contract to sign it").click()
    page.get_by_label("Your full name, as your signature").fill("Teuta Kodra")
    page.locator("#id_commitment").check()
    with navigate(page):
        page.get_by_role("button", name="Sign the contract").click()
    expect(page.get_by_text("You have signed the Social Contract. Thank you.")).to_be_visible()
    assert Endorsement.objects.filter(candidacy=invited, withdrawn_at__isnull=True).exists()

    # The contract's page lists her among the signatories.
    english = consultation.get_translation(Locale.objects.get(language_code="en"))
    visit(page, f"{live_server.url}{english.url}")
    signatories = page.locator(".contract-signatories")
    expect(signatories.locator("ul").first).to_contain_text("Teuta Kodra")
    expect(signatories).to_contain_text("signed online")
    expect(signatories).to_contain_text("Candidates who have not signed")
    with navigate(page):
        signatories.get_by_role(
            "link", name="Compare the candidates' positions side by side"
        ).click()

    # Side by side: her column shows the positions; on a phone, two at a time.
    table = page.get_by_role("table")
    expect(table.get_by_role("columnheader", name="Teuta Kodra")).to_be_visible()
    expect(table).to_contain_text("Commits in part")
    page.set_viewport_size({"width": 360, "height": 740})
    page.get_by_label("First candidate").select_option(label="Teuta Kodra")
    page.get_by_label("Second candidate").select_option(label="Besa Dema")
    with navigate(page):
        page.get_by_role("button", name="Compare", exact=True).click()
    expect(table.get_by_role("columnheader", name="Teuta Kodra")).to_be_visible()
    expect(table.get_by_role("columnheader", name="Besa Dema")).to_be_visible()
    expect(table.get_by_role("columnheader", name="Altin Gjika")).to_be_hidden()
