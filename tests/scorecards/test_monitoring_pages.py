"""What the scorecard pages add to the figures: the elected mayor's promise
beside each priority's delivery, the split over time, progress bars, the
embeddable badge and the home page's section; with fixed query budgets."""

import datetime

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from forums.models import CandidacyStatus, Stance
from scorecards.home_section import home_section

from ..cms_pages.factories import ElectionFactory
from ..forums.factories import CandidacyFactory, PositionFactory
from ..markup import soup, text
from .factories import (
    AssessmentFactory,
    AssessmentSourceFactory,
    FinalisedContractFactory,
    MonitoredPriorityFactory,
)

pytestmark = pytest.mark.django_db

D = datetime.date


def en_url(page, en):
    return page.get_translation(en).url


@pytest.fixture
def mayor(contract):
    return CandidacyFactory(contract=contract, full_name="Ana Kryetarja", won=True)


def test_promise_beside_delivery(client, make_scorecard_page, municipality, assessed, mayor, en):
    first, second, third, fourth = assessed
    PositionFactory(candidacy=mayor, priority=first, stance=Stance.COMMIT, statement="Ujë 24 orë")
    PositionFactory(candidacy=mayor, priority=second, stance=Stance.PARTLY, statement="")
    loser = CandidacyFactory(contract=mayor.contract(), full_name="Beni Humbësi", won=False)
    PositionFactory(candidacy=loser, priority=third, statement="Premtimi i humbësit")
    page = make_scorecard_page(municipality)
    response = client.get(en_url(page, en), {"as_of": "2021-12-31"})
    html = text(response)
    assert "the elected mayor, Ana Kryetarja, promised" in html
    item = text(str(soup(response).select_one(f"#{first.anchor}")))
    assert "Promise Commits : Ujë 24 orë" in item
    assert "Delivery Fully addressed" in item
    assert "Commits in part" in text(str(soup(response).select_one(f"#{second.anchor}")))
    assert "No position stated" in text(str(soup(response).select_one(f"#{third.anchor}")))
    assert "Premtimi i humbësit" not in html
    assert "Beni Humbësi" not in html


def test_no_promise_without_a_confirmed_winner(
    client,
    make_scorecard_page,
    municipality,
    assessed,
    en,
):
    first = assessed[0]
    winner = CandidacyFactory(
        contract=first.contract,
        won=True,
        status=CandidacyStatus.REQUESTED,
        full_name="Pa Konfirmim",
    )
    PositionFactory(candidacy=winner, priority=first, statement="I pakonfirmuar")
    response = client.get(en_url(make_scorecard_page(municipality), en))
    html = text(response)
    assert "Promise" not in html
    assert "I pakonfirmuar" not in html
    assert response.context["mayor"] is None


def test_over_time_on_the_municipality_page(
    client,
    make_scorecard_page,
    municipality,
    assessed,
    en,
):
    response = client.get(en_url(make_scorecard_page(municipality), en))
    columns = response.context["timeline"]["columns"]
    today = timezone.localdate()
    # No next election yet: the mandate ends four years on.
    assert [c["day"] for c in columns] == [
        D(2020, 12, 31),
        D(2021, 12, 31),
        D(2022, 12, 31),
        D(2023, 6, 30),
        today,
    ]
    # Hand-checked: end of 2020, first fully and second not addressed; from
    # the end of 2021, second partially and third not; the fourth's only
    # assessment is a draft.
    counts = [c["card"].counts for c in columns]
    assert counts[0] == [1, 0, 1, 2]
    assert counts[1:] == [[1, 1, 1, 1]] * 4
    rows = soup(response).select("#timeline-title ~ .table-scroll tbody tr")
    assert [r.th.get_text(" ", strip=True) for r in rows][:2] == [
        "Dec. 31, 2020",
        "Dec. 31, 2021",
    ]
    first_row = [td.get_text(strip=True) for td in rows[0].select("td")]
    assert first_row == ["1 (25.0 %)", "0 (0.0 %)", "1 (25.0 %)", "2 (50.0 %)", "25.0 %", "50.0"]
    svg = soup(response).select_one("svg.scorecard-columns")
    assert svg["role"] == "img"
    assert "25.0 % addressed" in svg.title.get_text()
    assert "(today)" in text(str(rows[-1]))
    # The score's formula is stated on the page.
    assert "Score = (fully addressed + ½ × partially addressed) ÷ assessed" in text(response)


def test_over_time_and_progress_bars_on_the_network_page(
    client,
    scorecard_index,
    make_scorecard_page,
    municipality,
    assessed,
    en,
):
    other = FinalisedContractFactory(election=assessed[0].contract.election)
    extra = MonitoredPriorityFactory(contract=other)
    AssessmentFactory(priority=extra, as_of=D(2021, 6, 30), status="fully")
    response = client.get(en_url(scorecard_index, en), {"as_of": "2021-12-31"})
    columns = response.context["timeline"]["columns"]
    assert columns[0]["card"].counts == [1, 0, 1, 3]  # end of 2020
    assert columns[1]["card"].counts == [2, 1, 1, 1]  # end of 2021
    assert columns[1]["card"].addressed_percent == 60.0
    table = soup(response).select_one("#compare-title ~ .table-scroll table")
    cells = [row.select("td")[4].get_text(" ", strip=True) for row in table.select("tbody tr")]
    assert sorted(cells) == ["100.0 %", "50.0 %"]
    assert len(table.select(".scorecard-progress svg")) == 2


def test_badge(client, make_scorecard_page, municipality, assessed, en):
    page = make_scorecard_page(municipality).get_translation(en)
    response = client.get(page.url + "badge/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    cache = response["Cache-Control"]
    assert "public" in cache
    assert "max-age=900" in cache
    svg = soup(response.content.decode()).svg
    assert svg["role"] == "img"
    title = svg.title.get_text()
    # Today: fully, partially, not, and the fourth not yet assessed.
    assert "50.0 % of priorities addressed (2 of 4)" in title
    assert "Not yet assessed: 1 (25.0 %)" in title
    assert "50.0 % addressed (2 of 4)" in svg.get_text()


def test_badge_before_any_assessment(client, make_scorecard_page, en):
    municipality = FinalisedContractFactory().municipality
    page = make_scorecard_page(municipality).get_translation(en)
    response = client.get(page.url + "badge/")
    assert response.status_code == 200
    assert "Not assessed yet" in response.content.decode()


def test_embed_snippet_on_the_municipality_page(
    client,
    make_scorecard_page,
    municipality,
    assessed,
    en,
):
    page = make_scorecard_page(municipality).get_translation(en)
    response = client.get(page.url)
    box = soup(response).select_one("textarea#embed-snippet")
    assert box.has_attr("readonly")
    snippet = soup(box.get_text())
    assert snippet.a["href"] == f"http://localhost{page.url}"
    assert snippet.img["src"] == f"http://localhost{page.url}badge/"
    assert snippet.img["alt"].startswith("Scorecard of")
    assert soup(response).select_one('label[for="embed-snippet"]')


def test_home_section_shows_the_network_figures(client, home, scorecard_index, assessed, en):
    response = client.get("/en/")
    section = soup(response).select_one("section.home-scorecards")
    assert section is not None
    words = text(str(section))
    assert "50.0 % of priorities addressed (2 of 4)." in words
    assert "Score: 50.0 / 100" in words  # (1 + ½) / 3 assessed
    assert section.a["href"].startswith(scorecard_index.get_translation(en).url)


def test_no_home_section_before_any_publication(client, home, scorecard_index):
    AssessmentFactory(published_at=None)
    assert soup(client.get("/sq/")).select_one("section.home-scorecards") is None


def count_queries(client, url):
    client.get(url)  # warm the site's caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, {"as_of": "2021-12-31"})
    assert response.status_code == 200
    return len(queries), response


def test_municipality_page_with_promises_keeps_its_query_budget(
    client, make_scorecard_page, municipality, en
):
    contract = FinalisedContractFactory(
        municipality=municipality, election=ElectionFactory(date=D(2019, 6, 30))
    )
    winner = CandidacyFactory(contract=contract, won=True)
    page = make_scorecard_page(municipality)

    def add(n):
        for priority in MonitoredPriorityFactory.create_batch(n, contract=contract):
            PositionFactory(candidacy=winner, priority=priority)
            for year in (2020, 2021):
                AssessmentSourceFactory(
                    assessment=AssessmentFactory(priority=priority, as_of=D(year, 12, 31))
                )

    add(3)
    small, _ = count_queries(client, page.url)
    add(12)
    large, response = count_queries(client, page.url)
    assert len(response.context["priorities"]) == 15
    assert all(row["position"] for row in response.context["priorities"])
    # +2: council decisions on the rows and as sources; +1: who replies for
    # the municipality (kept with the contracts)
    assert small == large <= 24


def test_home_section_is_cached_until_an_assessment_changes(
    client, rf, home_en, scorecard_index, assessed, django_assert_num_queries
):
    client.get("/en/")  # makes the site settings' row: a change that retires the kept section
    section = soup(client.get("/en/")).select_one("section.home-scorecards")
    assert "50.0 % of priorities addressed (2 of 4)." in text(str(section))
    with translation.override("en"), django_assert_num_queries(0):
        assert "50.0 % of priorities addressed" in home_section(rf.get("/en/"), home_en)
    # Publishing the fourth priority's draft shows at once.
    assessed[3].assessments.get().publish(user=None)
    section = soup(client.get("/en/")).select_one("section.home-scorecards")
    assert "75.0 % of priorities addressed (3 of 4)." in text(str(section))
