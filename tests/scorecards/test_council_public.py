"""Council sessions in public: the municipality's sessions and decisions on
its scorecard page's routes in Albanian and English, the priorities the
council has not decided on in 12 months, each priority's decisions (the
scorecard's rows and the priority page's section), a decision cited as an
assessment's source, and the open-data API. Drafts never show; hostile
texts stay inert; the lists cost the same queries at two sizes."""

import datetime
import json

import pytest

from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from scorecards.council_sections import priority_section
from scorecards.models import AssessmentDecision, CouncilDecision

from ..consultations.test_comments import HOSTILE
from .council_factories import CouncilDecisionFactory, CouncilSessionFactory
from .factories import AssessmentFactory, MonitoredPriorityFactory

pytestmark = pytest.mark.django_db

API = "/api/v1/council"


@pytest.fixture
def world(contract, make_scorecard_page, municipality, en):
    first, second, third = MonitoredPriorityFactory.create_batch(3, contract=contract)
    page = make_scorecard_page(municipality)
    session = CouncilSessionFactory(municipality=municipality, agenda="Rendi i ditës")
    older = CouncilSessionFactory(
        municipality=municipality, date=timezone.localdate() - datetime.timedelta(days=500)
    )
    draft = CouncilSessionFactory(municipality=municipality, published_at=None)
    decision = CouncilDecisionFactory(
        session=session,
        number="45",
        title="Fondi për shkollën",
        amount=1200000,
        priorities=[first],
    )
    CouncilDecisionFactory(session=older, number="9", title="Vendim i vjetër", priorities=[second])
    CouncilDecisionFactory(session=draft, number="99", title="Draft i fshehtë", priorities=[third])
    return {
        "page": page,
        "en_page": page.get_translation(en),
        "priorities": (first, second, third),
        "session": session,
        "older": older,
        "draft": draft,
        "decision": decision,
    }


def test_sessions_and_decisions_in_both_languages_drafts_never(client, world):
    page, session = world["page"], world["session"]
    sq = client.get(page.url + "council/")
    en = client.get(world["en_page"].url + "council/")
    assert sq.status_code == en.status_code == 200
    assert "Council sessions" in en.content.decode()
    assert f'href="{page.url}council/{session.pk}/"' in sq.content.decode()
    # The priorities no published decision of the last 12 months concerned:
    # the second (decided 500 days ago) and the third (a draft only).
    second, third = world["priorities"][1:]
    assert [p.pk for p in en.context["not_on_agenda"]] == [second.pk, third.pk]
    detail = client.get(world["en_page"].url + f"council/{session.pk}/")
    html = detail.content.decode()
    assert detail.status_code == 200
    assert "Decision no. 45" in html and "Fondi për shkollën" in html
    assert "Rendi i ditës" in html and "Approved" in html
    assert f"#{world['priorities'][0].anchor}" in html
    assert client.get(page.url + f"council/{world['draft'].pk}/").status_code == 404
    other = CouncilSessionFactory()
    assert client.get(page.url + f"council/{other.pk}/").status_code == 404


def test_scorecard_rows_show_decisions_and_cited_decisions(client, world):
    first = world["priorities"][0]
    assessment = AssessmentFactory(priority=first, as_of=datetime.date(2020, 12, 31))
    AssessmentDecision.objects.create(assessment=assessment, decision=world["decision"])
    response = client.get(world["en_page"].url, {"as_of": timezone.localdate().isoformat()})
    html = response.content.decode()
    link = f"council/{world['session'].pk}/#{world['decision'].anchor}"
    assert html.count(link) == 2  # on the priority's row, and as the assessment's source
    assert "Council decision no. 45 of" in html
    assert "Draft i fshehtë" not in html


def test_priority_section_newest_first_published_only(rf, world, en):
    first, second, _third = world["priorities"]
    newer = CouncilDecisionFactory(session=world["session"], number="46", priorities=[second])
    section = priority_section(rf.get("/"), second)
    assert section["order"] == 30
    assert section["context"]["decisions"] == [newer, *CouncilDecision.objects.filter(number="9")]
    # The English row of a priority finds the same decisions.
    english = second.copy_for_translation(en)
    english.save()
    assert priority_section(rf.get("/"), english)["context"]["decisions"][0] == newer
    with translation.override("en"):
        html = render_to_string(section["template"], section["context"])
    assert html.index("Decision no. 46") < html.index("Decision no. 9")
    assert priority_section(rf.get("/"), world["priorities"][2])["context"]["decisions"] == []


def count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_query_budgets_at_two_sizes(client, rf, world, municipality):
    page, first = world["page"], world["priorities"][0]
    url = page.url + "council/"
    client.get(url)
    small = (count(client, url), count(client, url + f"{world['session'].pk}/"))
    with CaptureQueriesContext(connection) as section_small:
        priority_section(rf.get("/"), first)
    for _ in range(15):
        session = CouncilSessionFactory(municipality=municipality)
        for n in range(3):
            CouncilDecisionFactory(session=session, priorities=world["priorities"][: n + 1])
    CouncilDecisionFactory.create_batch(
        10, session=world["session"], priorities=world["priorities"]
    )
    large = (count(client, url), count(client, url + f"{world['session'].pk}/"))
    with CaptureQueriesContext(connection) as section_large:
        section = priority_section(rf.get("/"), first)
    assert len(section["context"]["decisions"]) > 20
    assert small == large
    assert max(large) <= 17  # 4 the council's; the rest routing and the site's chrome
    assert len(section_small) == len(section_large) <= 3
    print("council queries (list, session):", large)  # noqa: T201


def test_hostile_texts_are_inert_on_the_pages_and_in_the_api(client, world):
    municipality = world["session"].municipality
    for text in HOSTILE:
        session = CouncilSessionFactory(municipality=municipality, agenda=text, minutes_url="")
        CouncilDecisionFactory(session=session, number=text[:30], title=text[:500])
        html = client.get(world["page"].url + f"council/{session.pk}/").content.decode()
        main = html.split("<main", 1)[1].split("</main>", 1)[0]
        assert "<script" not in main and "<img" not in main and "<iframe" not in main
        assert 'href="javascript' not in main
        assert " onmouseover=" not in main.replace("&#x27; onmouseover=", "")
        assert "{% debug %}" not in text or "{% debug %}" in main  # shown, never run
        data = client.get(f"{API}/sessions/{session.pk}").json()
        assert data["agenda"] == text
        assert data["decisions"][0]["title"] == text[:500]
    html = client.get(world["page"].url + "council/").content.decode()
    assert "<script>alert" not in html


def test_api_lists_published_sessions_and_decisions_without_people(client, world):
    sessions = client.get(f"{API}/sessions", {"municipality": "durres"}).json()
    assert [s["id"] for s in sessions["items"]] == [world["session"].pk, world["older"].pk]
    assert sessions["items"][0]["type_label"] == {"sq": "E zakonshme", "en": "Ordinary"} or (
        sessions["items"][0]["type_label"]["en"] == "Ordinary"
    )
    detail = client.get(f"{API}/sessions/{world['session'].pk}").json()
    assert detail["decisions"][0]["amount"] == 1200000
    assert detail["decisions"][0]["priority_ids"] == [world["priorities"][0].pk]
    text = json.dumps(detail) + json.dumps(sessions)
    assert "created_by" not in text and "published_by" not in text
    assert client.get(f"{API}/sessions/{world['draft'].pk}").status_code == 404
    decisions = client.get(f"{API}/decisions", {"priority": world["priorities"][1].pk}).json()
    assert [d["number"] for d in decisions["items"]] == ["9"]
    assert client.get(f"{API}/decisions", {"outcome": "maybe"}).status_code == 422
    assert client.get(f"{API}/sessions", {"since": "2024-13-01"}).status_code == 422
    answer = client.get(f"{API}/sessions")
    assert answer["ETag"]
    assert client.get(f"{API}/sessions", HTTP_IF_NONE_MATCH=answer["ETag"]).status_code == 304
