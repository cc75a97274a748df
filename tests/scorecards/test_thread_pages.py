"""The municipality page and the priority page (one thread from the
citizens' support to the result), their feed, links and hooks."""

import datetime
import re

import pytest

from django.utils import timezone, translation
from django.utils.formats import date_format

from wagtail import hooks
from wagtail_localize.synctree import create_aliases_for_new_page

from consultations.models import ConsultationIndexPage, ConsultationPage
from scorecards.models import (
    Assessment,
    MunicipalityIndexPage,
    municipality_url,
    priority_url,
)

from ..cms_pages.factories import (
    ElectionFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    PartnerOrganisationFactory,
)
from ..consultations.factories import CommentFactory, VoteFactory
from ..forums.factories import CandidacyFactory, EndorsementFactory, PartyFactory
from ..forums.forum_helpers import make_forum, make_index
from .factories import AssessmentFactory, AssessmentSourceFactory, MonitoredPriorityFactory

pytestmark = pytest.mark.django_db

D = datetime.date
WATER = "Ujë i pijshëm 24 orë në ditë"
#: Wagtail serving the page, the site's chrome, the page's own and the
#: sections of council decisions and text history (the replies' section
#: reads the history the priority page has read): 20 measured on each page.
MAX_QUERIES = 20


@pytest.fixture
def thread_index(home):
    page = MunicipalityIndexPage(title="Bashkitë", slug="bashkite", show_in_menus=True)
    home.add_child(instance=page)
    create_aliases_for_new_page(page)
    return page


def english_date(day):
    with translation.override("en"):
        return date_format(day, "DATE_FORMAT")


def add_priorities(contract, size, first=None):
    """`size` priorities in `contract` (`first` among them), each assessed
    twice (not, then partially every other one), with a source."""
    priorities = [first] if first else []
    priorities += MonitoredPriorityFactory.create_batch(size - len(priorities), contract=contract)
    for number, priority in enumerate(priorities):
        AssessmentFactory(priority=priority, as_of=D(2020, 12, 31), status="not")
        later = AssessmentFactory(
            priority=priority,
            as_of=D(2021, 12, 31),
            status="partially" if number % 2 == 0 else "not",
            evidence=f"<p>Rrjeti i ujësjellësit {number} u zgjerua.</p>",
        )
        AssessmentSourceFactory(assessment=later, title=f"Buxheti {number}")
        CommentFactory(priority=priority, body=f"Na duhet uji gjithë ditën {number}.")
    return priorities


def build(home, municipality, size):
    """Durrës with `size` priorities in its 2019 contract (the first is
    water), each assessed twice, two candidates (the winner signed), a forum,
    news, a partner and a consultation page."""
    election = ElectionFactory(name="Zgjedhjet vendore 2019", date=D(2019, 6, 30))
    water = MonitoredPriorityFactory(
        contract__municipality=municipality, contract__election=election, title=WATER, order=0
    )
    contract = water.contract
    priorities = add_priorities(contract, size, first=water)
    mayor = CandidacyFactory(
        contract=contract, full_name="Emiriana Sako", party=PartyFactory(name="Partia A"), won=True
    )
    rival = CandidacyFactory(contract=contract, full_name="Besnik Rama")
    snapshot = [
        {"priority": p.pk, "title": p.title, "stance": "commit", "statement": f"Do ta bëj {p.pk}."}
        for p in priorities
    ]
    EndorsementFactory(candidacy=mayor, contract=contract, positions=snapshot)
    EndorsementFactory(
        candidacy=rival,
        contract=contract,
        positions=[{**entry, "stance": "partly", "statement": "Pjesërisht."} for entry in snapshot],
    )
    for _n in range(size):
        VoteFactory(priority=water)
    index = ConsultationIndexPage(title="Konsultimet", slug="konsultimet")
    home.add_child(instance=index)
    create_aliases_for_new_page(index)
    contract_page = ConsultationPage(
        title="Kontrata Sociale Durrës", slug="durres", contract=contract
    )
    index.add_child(instance=contract_page)
    create_aliases_for_new_page(contract_page)
    make_forum(
        make_index(home),
        municipality,
        election,
        starts_at=timezone.now() - datetime.timedelta(days=2000),
    )
    news_index = NewsIndexPageFactory(parent=home)
    news = NewsPageFactory(parent=news_index, title="Durrësi nis punimet për ujin")
    news.municipalities.set([municipality])
    news.save_revision().publish()
    PartnerOrganisationFactory(municipality=municipality, name="Qendra Sociale Durrës")
    return {"water": water, "contract": contract, "priorities": priorities, "mayor": mayor}


@pytest.fixture
def durres(home, municipality, thread_index):
    return build(home, municipality, 3)


def test_municipality_page_tells_the_whole_story(client, durres, municipality):
    response = client.get("/sq/bashkite/durres/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Durrës</h1>" in html
    assert "Emiriana Sako" in html and "Besnik Rama" in html
    assert "Zgjedhjet vendore 2019" in html
    assert "Durrësi nis punimet për ujin" in html
    assert "Qendra Sociale Durrës" in html
    water_url = priority_url(durres["water"], "sq")
    assert water_url == f"/sq/bashkite/durres/prioritete/{durres['water'].pk}/"
    assert f'href="{water_url}"' in html
    assert 'href="/sq/konsultimet/durres/"' in html  # the contract
    assert 'href="/sq/forumet/forumi-durres-' in html  # the forum
    assert "/durres/2019/" in html  # the offers side by side
    assert 'type="application/atom+xml"' in html
    assert municipality_url(municipality, "en") == "/en/bashkite/durres/"

    english = client.get("/en/bashkite/durres/").content.decode()
    assert "The mayor in office" in english
    assert "Not addressed → <strong>Partially addressed</strong>" in english
    assert "Emiriana Sako" in english

    for path in [
        "/sq/bashkite/nowhere/",
        "/sq/bashkite/durres/prioritete/999999/",
        "/sq/bashkite/durres/other/1/",
        "/sq/bashkite/nowhere/feed/atom/",
    ]:
        assert client.get(path).status_code == 404, path
    outside = MonitoredPriorityFactory(contract=durres["contract"], in_contract=False)
    other = MonitoredPriorityFactory()
    assert client.get(f"/sq/bashkite/durres/prioritete/{outside.pk}/").status_code == 404
    assert client.get(f"/sq/bashkite/durres/prioritete/{other.pk}/").status_code == 404
    elsewhere = f"/sq/bashkite/{other.contract.municipality.slug}/prioritete/{other.pk}/"
    assert client.get(elsewhere).status_code == 200


def test_priority_page_journey_in_order_and_share_preview(client, durres):
    water = durres["water"]
    url = f"/en/bashkite/durres/priorities/{water.pk}/"
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    marks = [
        "3 citizens supported it",
        "Na duhet uji gjithë ditën 0.",
        f"/en/konsultimet/durres/priorities/{water.pk}/discussion/",
        "It entered the Social Contract",
        "Besnik Rama",
        "Pjesërisht.",
        "The elected mayor",
        f"Do ta bëj {water.pk}.",
        english_date(D(2021, 12, 31)),
        "Rrjeti i ujësjellësit 0 u zgjerua.",
        "Buxheti 0",
        english_date(D(2020, 12, 31)),
    ]
    position = html.index("<h1>")
    for mark in marks:
        assert mark in html[position:], mark
        position = html.index(mark, position)

    description = re.search(r'<meta name="description" content="([^"]*)"', html).group(1)
    assert WATER in description and "Partially addressed" in description
    assert f'<meta property="og:title" content="{WATER} – Durrës">' in html
    assert re.search(r'<meta property="og:description" content="[^"]*Partially addressed', html)
    assert f'<meta property="og:url" content="http://testserver{url}">' in html
    assert '<meta property="og:type" content="article">' in html
    assert f'<link rel="canonical" href="http://testserver{url}">' in html

    # The Albanian word in an English address leads to the English one.
    response = client.get(f"/en/bashkite/durres/prioritete/{water.pk}/")
    assert response.status_code == 302
    assert response["Location"] == url


def test_hooks_add_sections(client, durres, municipality):
    seen = []

    def municipality_section(request, row):
        seen.append(row)
        return {
            "order": 1,
            "template": "scorecards/thread/text_section.html",
            "context": {"id": "council", "heading": "Këshilli", "text": "Vendimet e këshillit"},
        }

    def priority_section(request, row):
        seen.append(row)
        return {
            "order": 1,
            "template": "scorecards/thread/text_section.html",
            "context": {"id": "reply", "heading": "Përgjigja", "text": "Përgjigja e bashkisë"},
        }

    water = durres["water"]
    with (
        hooks.register_temporarily("municipality_page_sections", municipality_section),
        hooks.register_temporarily("priority_page_sections", priority_section),
        hooks.register_temporarily("municipality_page_sections", lambda request, row: None),
    ):
        municipality_html = client.get("/sq/bashkite/durres/").content.decode()
        priority_html = client.get(f"/sq/bashkite/durres/prioritete/{water.pk}/").content.decode()
    assert seen == [municipality, water]
    assert municipality_html.index("Vendimet e këshillit") > municipality_html.index(
        'id="scorecard-title"'
    )
    assert priority_html.index("Përgjigja e bashkisë") > priority_html.index(
        "Rrjeti i ujësjellësit 0 u zgjerua."
    )


def test_changes_and_the_feed(client, durres):
    water = durres["water"]
    changes = list(Assessment.objects.changes().filter(priority=water))
    assert [(c.previous_status, c.status) for c in changes] == [
        ("not", "partially"),
        (None, "not"),
    ]
    second = durres["priorities"][1]
    moved = list(Assessment.objects.changes().moved().filter(priority=second))
    assert [(c.previous_status, c.status) for c in moved] == [(None, "not")]

    response = client.get("/en/bashkite/durres/feed/atom/")
    assert response.status_code == 200
    xml = response.content.decode()
    assert f"{WATER}: Not addressed → Partially addressed" in xml
    assert f"http://testserver/en/bashkite/durres/priorities/{water.pk}/" in xml
    assert "The Social Contract for Zgjedhjet vendore 2019 is final" in xml
    assert "Public forum announced" in xml
    rss = client.get("/sq/bashkite/durres/feed/rss/")
    assert rss.status_code == 200
    assert f"/sq/bashkite/durres/prioritete/{water.pk}/" in rss.content.decode()


def test_queries_are_fixed_at_two_sizes(client, durres, django_assert_max_num_queries):
    water = durres["water"]
    pages = ["/sq/bashkite/durres/", f"/sq/bashkite/durres/prioritete/{water.pk}/"]
    for page in pages:
        client.get(page)  # the site's caches warm
        with django_assert_max_num_queries(MAX_QUERIES):
            assert client.get(page).status_code == 200
    add_priorities(durres["contract"], 12)
    for n in range(6):
        CommentFactory(priority=water, body=f"Edhe një koment {n}.")
    for page in pages:
        with django_assert_max_num_queries(MAX_QUERIES):
            assert client.get(page).status_code == 200


def test_links_to_the_thread(client, durres):
    water = durres["water"]
    contract_page = client.get("/sq/konsultimet/durres/").content.decode()
    assert 'href="/sq/bashkite/durres/"' in contract_page
    assert f'href="/sq/bashkite/durres/prioritete/{water.pk}/"' in contract_page
    search = client.get("/en/search/", {"q": "Durres"}).content.decode()
    assert 'href="/en/bashkite/durres/"' in search
    xml = client.get("/sitemap.xml").content.decode()
    assert "/sq/bashkite/durres/</loc>" in xml
    assert f"/sq/bashkite/durres/prioritete/{water.pk}/</loc>" in xml
    assert f"/en/bashkite/durres/priorities/{water.pk}/</loc>" in xml


def test_durres_citizen_finds_the_water_promise_in_two_clicks(client, durres):
    home_html = client.get("/sq/").content.decode()
    municipality_link = re.search(r'href="(/sq/bashkite/durres/)"', home_html)
    assert municipality_link, "the home page links to Durrës"
    page = client.get(municipality_link.group(1)).content.decode()
    water_link = re.search(r'<a href="([^"]+)">' + re.escape(WATER), page)
    assert water_link, "the municipality page links to the water priority"
    priority = client.get(water_link.group(1)).content.decode()
    assert f"Do ta bëj {durres['water'].pk}." in priority  # what the mayor promised
    assert "Rrjeti i ujësjellësit 0 u zgjerua." in priority  # what was done
