"""The public side-by-side table: priorities as rows, candidates as columns,
accessible, in both languages, and a fixed number of queries."""

import datetime

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from wagtail.models import Site

from cms_pages.models import SiteSettings

from ..cms_pages.factories import ElectionFactory, MunicipalityFactory
from ..consultations.factories import PriorityFactory, SocialContractFactory
from .factories import CandidacyFactory, EndorsementFactory, PartyFactory, PositionFactory

pytestmark = pytest.mark.django_db


def url(contract, language="sq"):
    with translation.override(language):
        return reverse(
            "forums:side_by_side",
            args=[contract.municipality.slug, contract.election.date.year],
        )


def make_contract(candidates, priorities=12):
    contract = SocialContractFactory(
        municipality=MunicipalityFactory(),
        election=ElectionFactory(date=datetime.date(2023, 5, 14)),
        phase="finalised",
    )
    rows = PriorityFactory.create_batch(priorities, contract=contract, in_contract=True)
    for _n in range(candidates):
        candidacy = CandidacyFactory(contract=contract)
        for priority in rows:
            PositionFactory(candidacy=candidacy, priority=priority)
        EndorsementFactory(candidacy=candidacy, contract=contract)
    return contract


def test_table_shows_positions_and_who_signed(client, contract, priorities):
    party = PartyFactory(name="Partia e Gjelbër")
    signed = CandidacyFactory(contract=contract, full_name="Elira Marku", party=party)
    withdrawn = CandidacyFactory(contract=contract, full_name="Besnik Hoxha", party=None)
    CandidacyFactory(contract=contract, full_name="Pa Konfirmim", status="requested")
    PositionFactory(
        candidacy=signed, priority=priorities[0], stance="partly", statement="<i>Pjesërisht</i>"
    )
    EndorsementFactory(candidacy=signed, contract=contract)
    EndorsementFactory(
        candidacy=withdrawn,
        contract=contract,
        withdrawn_at=timezone.now(),
        withdrawal_reason="Arsye publike",
    )
    response = client.get(url(contract))
    assert response.status_code == 200
    text = response.text
    assert "<caption>" in text
    assert '<th scope="col">Elira Marku' in text
    assert "Partia e Gjelbër" in text
    assert "Pa Konfirmim" not in text
    for priority in priorities:
        assert f'<th scope="row">{priority.title}</th>' in text
    assert "&lt;i&gt;Pjesërisht&lt;/i&gt;" in text
    assert "Arsye publike" in text
    assert 'role="region"' in text and 'aria-labelledby="offers-scroll-label"' in text
    assert 'tabindex="0"' in text


def test_english_shows_translated_texts(client, contract, priorities, en):
    CandidacyFactory(contract=contract, full_name="Elira Marku")
    english = priorities[0].copy_for_translation(en)
    english.title = "Clean water every day"
    english.save()
    response = client.get(url(contract, "en"))
    assert response.status_code == 200
    assert response.text.count('<th scope="col"') == 2
    assert "Clean water every day" in response.text
    assert 'lang="en"' in response.text


def test_unfinalised_contract_has_no_table(client, municipality):
    contract = SocialContractFactory(municipality=municipality, phase="open")
    assert client.get(url(contract)).status_code == 404


def count_queries(client, contract):
    response = client.get(url(contract, "en"))  # English: the localisation queries too
    assert response.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url(contract, "en"))
    return len(queries), response


def test_query_budget_is_the_same_for_3_and_10_candidates(client, django_assert_max_num_queries):
    small, response = count_queries(client, make_contract(3))
    assert response.text.count('<th scope="row">') == 12
    assert response.text.count('<th scope="col"') == 4
    large, response = count_queries(client, make_contract(10))
    assert response.text.count('<th scope="col"') == 11
    assert response.text.count("stance--commit") == 120
    assert small == large
    contract = make_contract(10)
    client.get(url(contract, "en"))
    with django_assert_max_num_queries(15):  # most for the site's header and footer
        client.get(url(contract, "en"))


def test_candidate_page_shows_positions_and_withdrawal(client, contract, priorities):
    candidacy = CandidacyFactory(contract=contract, full_name="Elira Marku", party=None)
    PositionFactory(
        candidacy=candidacy, priority=priorities[1], stance="decline", statement="<b>Jo</b>"
    )
    EndorsementFactory(
        candidacy=candidacy,
        contract=contract,
        withdrawn_at=timezone.now(),
        withdrawal_reason="Arsye publike",
    )
    response = client.get(reverse("forums:candidate", args=[candidacy.pk]))
    assert response.status_code == 200
    assert "Elira Marku" in response.text
    assert "stance--decline" in response.text
    assert "&lt;b&gt;Jo&lt;/b&gt;" in response.text
    assert "Arsye publike" in response.text
    for priority in priorities:
        assert priority.title in response.text
    listing = client.get(url(contract))
    assert reverse("forums:candidate", args=[candidacy.pk]) in listing.text


def test_unconfirmed_candidate_has_no_public_page(client, contract):
    candidacy = CandidacyFactory(contract=contract, status="requested")
    assert client.get(reverse("forums:candidate", args=[candidacy.pk])).status_code == 404


def test_phone_compare_form_chooses_two_columns(client, contract, priorities):
    names = ["Ana Aliu", "Besa Bardhi", "Cen Cani", "Dea Dema"]
    candidacies = [CandidacyFactory(contract=contract, full_name=name) for name in names]
    response = client.get(url(contract, "en"))
    text = response.text
    assert '<label class="field__label" for="id_first">First candidate</label>' in text
    assert '<label class="field__label" for="id_second">Second candidate</label>' in text
    # By default the first two are compared: the others' columns are hidden on phones.
    assert '<th scope="col">Ana Aliu' in text and '<th scope="col">Besa Bardhi' in text
    assert '<th scope="col" class="offers-other">Cen Cani' in text
    assert text.count('<td class="offers-other">') == 2 * len(priorities)
    first, _, third, fourth = candidacies
    response = client.get(url(contract, "en"), {"first": fourth.pk, "second": third.pk})
    text = response.text
    assert '<th scope="col">Dea Dema' in text and '<th scope="col">Cen Cani' in text
    assert '<th scope="col" class="offers-other">Ana Aliu' in text
    assert f'<option value="{fourth.pk}" selected>' in text
    # Every column stays in the table (a wide screen shows them all).
    assert text.count('<th scope="col"') == 5
    # Nonsense or repeated choices fall back to the first candidates.
    for query in ({"first": "x", "second": "<b>"}, {"first": third.pk, "second": third.pk}):
        response = client.get(url(contract, "en"), query)
        assert response.status_code == 200
        assert response.text.count('<th scope="col" class="offers-other">') == 2
    assert (
        f'<th scope="col">{first.full_name}' in client.get(url(contract, "en"), {"first": "x"}).text
    )


def test_two_candidates_need_no_compare_form(client, contract, priorities):
    CandidacyFactory.create_batch(2, contract=contract)
    text = client.get(url(contract, "en")).text
    assert 'id="id_first"' not in text
    assert "offers-other" not in text


def test_signed_in_readers_get_the_kept_offers_and_see_a_change_at_once(
    client, settings, contract, priorities, citizen
):
    """Page cache on (as in production): the offers are read once per page
    generation, not for each signed-in reader; a position changed shows on
    the next load, and each reader still chooses the columns compared."""
    settings.POP_PAGE_CACHE_SECONDS = 300
    SiteSettings.for_site(Site.objects.get(is_default_site=True))  # else made by the first page
    names = ["Ana Aliu", "Besa Bardhi", "Cen Cani"]
    ana, _besa, cen = [CandidacyFactory(contract=contract, full_name=name) for name in names]
    position = PositionFactory(
        candidacy=ana, priority=priorities[0], stance="partly", statement="Pjesërisht"
    )
    client.force_login(citizen)
    client.get(url(contract))

    with CaptureQueriesContext(connection) as queries:
        kept = client.get(url(contract), {"first": cen.pk, "second": ana.pk})
    offers_read = [q["sql"] for q in queries if '"forums_position"' in q["sql"]]
    assert offers_read == []
    assert '<th scope="col">Cen Cani' in kept.text
    assert '<th scope="col" class="offers-other">Besa Bardhi' in kept.text
    assert "Pjesërisht" in kept.text

    position.statement = "Plotësisht, brenda vitit"
    position.save()
    changed = client.get(url(contract))
    assert "Plotësisht, brenda vitit" in changed.text
    assert "Pjesërisht" not in changed.text
    assert '<th scope="col" class="offers-other">Cen Cani' in changed.text
