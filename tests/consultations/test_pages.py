"""The public pages: what citizens see on the index and on a contract's page."""

import pytest

from django.utils import translation

from consultations.models import Phase, Priority

from ..cms_pages.factories import MunicipalityFactory
from .factories import CommentFactory, PriorityFactory, SocialContractFactory, VoteFactory

pytestmark = pytest.mark.django_db


def translate_priority(priority, en, title, description="English description."):
    translation_ = priority.copy_for_translation(en)
    translation_.title = title
    translation_.description = description
    translation_.save()
    sector = priority.sector
    if sector.get_translation_or_none(en) is None:
        sector_en = sector.copy_for_translation(en)
        sector_en.name = f"{sector.name} (en)"
        sector_en.save()
    return translation_


def test_contract_page_shows_priorities_with_counts(client, consultation, priorities):
    VoteFactory.create_batch(2, priority=priorities[1])
    response = client.get(consultation.url)
    assert response.status_code == 200
    html = response.content.decode()
    for priority in priorities:
        assert priority.title in html
        assert f'id="priority-{priority.pk}"' in html
    assert "data-support-count>2<" in html


def test_english_page_shows_english_text_and_points_at_source(
    client, consultation, priorities, en, citizen
):
    client.force_login(citizen)
    translate_priority(priorities[0], en, "Clean water every day")
    page_en = consultation.get_translation(en)
    response = client.get(page_en.url)
    html = response.content.decode()
    assert "Clean water every day" in html
    # Forms point at the source-language priority.
    assert f"support/{priorities[0].pk}/" in html
    assert priorities[1].title in html  # no translation: falls back to Albanian


def test_sort_by_support_and_filter_by_sector(client, consultation, priorities):
    VoteFactory.create_batch(3, priority=priorities[2])
    html = client.get(consultation.url, {"sort": "support"}).content.decode()
    assert html.index(priorities[2].title) < html.index(priorities[0].title)
    html = client.get(consultation.url, {"sector": priorities[0].sector.slug}).content.decode()
    assert priorities[0].title in html
    filtered = html.split('class="priority-list"')[1]
    assert priorities[1].title not in filtered


def test_draft_contract_page_is_hidden_from_the_public(client, make_page, municipality):
    contract = SocialContractFactory(municipality=municipality, phase=Phase.DRAFT)
    page = make_page(contract)
    assert client.get(page.url).status_code == 404


def test_index_lists_open_upcoming_and_past_and_filters(client, index_page, make_page):
    tirana = MunicipalityFactory(name="Tiranë", slug="tirane")
    fier = MunicipalityFactory(name="Fier", slug="fier")
    make_page(SocialContractFactory(municipality=tirana), title="Tirana hapur")
    make_page(
        SocialContractFactory(municipality=fier, phase=Phase.UPCOMING), title="Fier së shpejti"
    )
    make_page(SocialContractFactory(phase=Phase.FINALISED), title="E mbyllur")
    make_page(SocialContractFactory(phase=Phase.DRAFT), title="Draft sekret")
    html = client.get(index_page.url).content.decode()
    assert "Tirana hapur" in html and "Fier së shpejti" in html and "E mbyllur" in html
    assert "Draft sekret" not in html
    html = client.get(index_page.url, {"municipality": "fier"}).content.decode()
    assert "Fier së shpejti" in html and "Tirana hapur" not in html


def test_finalised_page_shows_contract_and_results(client, make_page, municipality):
    contract = SocialContractFactory(municipality=municipality, phase=Phase.FINALISED)
    chosen = PriorityFactory(contract=contract, title="Ujë i pijshëm", in_contract=True)
    PriorityFactory(contract=contract, title="Park i ri", in_contract=False)
    VoteFactory.create_batch(4, priority=chosen)
    page = make_page(contract)
    html = client.get(page.url).content.decode()
    contract_section = html.split('id="contract-title"')[1].split("</section>")[0]
    assert "Ujë i pijshëm" in contract_section
    assert "Park i ri" not in contract_section
    printable = client.get(page.url + "print/")
    assert printable.status_code == 200
    assert "Ujë i pijshëm" in printable.content.decode()
    assert "print.css" in printable.content.decode()


def test_results_csv_has_counts_only(client, consultation, priorities, citizen):
    VoteFactory(priority=priorities[0], citizen=citizen)
    CommentFactory(priority=priorities[0], author=citizen)
    response = client.get(consultation.url + "results/")
    assert response["Content-Type"].startswith("text/csv")
    body = response.content.decode()
    lines = body.strip().splitlines()
    assert lines[0] == "prioriteti,sektori,mbështetjet,komentet,në kontratë"
    assert len(lines) == 1 + len(priorities)
    assert f"{priorities[0].title},{priorities[0].sector.name},1,1," in body
    assert citizen.display_name not in body and citizen.email not in body


def test_home_page_section(rf, consultation, home, contract):
    from consultations.wagtail_hooks import open_consultations_section

    request = rf.get("/sq/")
    with translation.override("sq"):
        html = open_consultations_section(request, home)
    assert consultation.title in html
    contract.closes_at = contract.opens_at
    contract.opens_at = contract.opens_at.replace(year=contract.opens_at.year - 1)
    contract.save()
    assert open_consultations_section(request, home) == ""


@pytest.mark.parametrize("language", ["sq", "en"])
def test_query_budget_does_not_grow_with_priorities(
    client, make_page, municipality, citizen, language, en
):
    """The contract page costs the same number of queries with 5 and with 50
    priorities and hundreds of comments (signed-in citizen, both languages):
    an exact number of queries on the consultation tables, and the same
    total at both sizes (the rest is Wagtail's routing and the site's header
    and footer, which other apps own)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(citizen)
    totals = []
    for size in (5, 50):
        contract = SocialContractFactory(municipality=municipality, max_supports=None)
        batch = PriorityFactory.create_batch(size, contract=contract)
        for priority in batch:
            if language == "en":
                translate_priority(priority, en, f"EN {priority.title}")
            top = CommentFactory.create_batch(3, priority=priority)
            CommentFactory.create_batch(2, priority=priority, parent=top[0])
            VoteFactory(priority=priority)
        VoteFactory(priority=batch[0], citizen=citizen)
        page = make_page(contract)
        url = page.get_translation(en).url if language == "en" else page.url
        client.get(url)  # warm caches (site root paths, locales)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        assert Priority.objects.filter(contract=contract).source().count() == size
        ours = [q["sql"] for q in queries if 'FROM "consultations_' in q["sql"]]
        assert len(ours) == CONSULTATION_QUERIES[language], ours
        # The counts are read from the priorities: no supports or comments
        # counted on a render.
        counting = [
            q
            for q in ours
            if "COUNT(" in q and ('"consultations_vote"' in q or '"consultations_comment"' in q)
        ]
        assert not counting, counting
        totals.append(len(queries))
    assert totals[0] == totals[1], totals
    assert totals[1] <= 40, totals


# Wagtail's routing loads the index and contract pages (2); then the
# contract (with its municipality's and election's names in the visitor's
# language), the priorities with their counts and texts and sector names in
# the visitor's language, what only the citizen sees (their supports, own
# and reported comments and whether they suggested priorities, one query),
# every comment (4), in either language; and the links to the related pages
# (1, see cms_pages.related).
# 7 for the page, and 1 for the reader's state (the header's unread
# notifications count and the rules' address check, signed in).
CONSULTATION_QUERIES = {"sq": 8, "en": 8}


def test_home_page_section_is_registered_as_a_hook():
    from wagtail import hooks

    from consultations.wagtail_hooks import open_consultations_section

    assert open_consultations_section in hooks.get_hooks("home_page_sections")


def test_english_index_and_home_section(client, consultation, home_en, en, rf):
    from consultations.wagtail_hooks import open_consultations_section

    index_en = consultation.get_parent().get_translation(en)
    response = client.get(index_en.url)
    assert response.status_code == 200
    assert response.content.decode().count(consultation.get_translation(en).url) >= 1
    with translation.override("en"):
        html = open_consultations_section(rf.get("/en/"), home_en)
    assert consultation.get_translation(en).url in html
