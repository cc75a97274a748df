"""Forum pages: what visitors see in Albanian and English, the calendar
file, the index's filters and split, the home page's section, where the
pages may go in the tree, and a fixed number of queries."""

import datetime

import icalendar
import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from cms_pages.models import HomePage, StandardPage
from forums.models import TIRANE, ForumIndexPage, ForumPage

from ..accounts.factories import UserFactory
from ..cms_pages.factories import ElectionFactory, MunicipalityFactory, PartnerOrganisationFactory
from ..consultations.factories import SocialContractFactory
from .factories import CandidacyFactory
from .forum_helpers import (
    DAY,
    QuestionFactory,
    UpvoteFactory,
    make_document,
    make_forum,
    make_image,
    make_index,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def forum_index(home):
    return make_index(home)


@pytest.fixture
def election_2023():
    return ElectionFactory(name="Zgjedhjet vendore 2023", date=datetime.date(2023, 5, 14))


def english(text):
    with translation.override("en"):
        return gettext(text)


def test_forum_page_shows_its_fields_in_albanian_and_english(client, forum_index, en, municipality):
    election = ElectionFactory(name="Zgjedhjet vendore 2023", date=datetime.date(2023, 5, 14))
    contract = SocialContractFactory(
        municipality=municipality, election=election, phase="finalised"
    )
    partner = PartnerOrganisationFactory(
        name="Qendra për Zhvillimin e Shoqërisë Civile", municipality=municipality
    )
    partner_en = partner.copy_for_translation(en)
    partner_en.name = "Civil Society Development Centre"
    partner_en.save()
    starts_at = datetime.datetime(2023, 4, 20, 17, 30, tzinfo=TIRANE)
    page = make_forum(
        forum_index,
        municipality,
        election,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=2),
        contract=contract,
        venue="Salla e Teatrit Aleksandër Moisiu",
        address="Sheshi Liria",
        latitude="41.313000",
        longitude="19.445000",
        moderator_name="Elona Hoxha, gazetare",
        intro="Kandidatët përballen me prioritetet e qytetarëve.",
        agenda=[("item", {"time": datetime.time(17, 30), "title": "Prezantimi i Kontratës"})],
        livestream_url="https://video.example.org/live",
        recording_url="https://video.example.org/regjistrimi",
        gallery=[("image", {"image": make_image(), "alt_text": "Salla plot", "caption": ""})],
        outcome="<p>Tre kandidatë nënshkruan kontratën.</p>",
        signed_contract=make_document(),
        partners=[partner],
    )

    html = client.get(page.url).content.decode()
    for text in [
        "Salla e Teatrit Aleksandër Moisiu",
        "Sheshi Liria",
        "Elona Hoxha, gazetare",
        "Qendra për Zhvillimin e Shoqërisë Civile",
        "Prezantimi i Kontratës",
        "17:30",
        "https://video.example.org/live",
        "https://video.example.org/regjistrimi",
        "Tre kandidatë nënshkruan kontratën.",
        "kontrata",  # the document's file name
        'alt="Salla plot"',
        "https://www.openstreetmap.org/?mlat=41.313000&amp;mlon=19.445000",
        f"{page.url}calendar/",
    ]:
        assert text in html, text

    english_page = page.get_translation(en)
    response = client.get(english_page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert english("When and where") in html
    assert english("Add to my calendar (.ics)") in html
    assert "Civil Society Development Centre" in html
    assert "Salla e Teatrit Aleksandër Moisiu" in html  # an alias shows the Albanian text
    assert f"{english_page.url}calendar/" in html


def test_map_link_searches_the_address_when_there_are_no_coordinates(forum_index, municipality):
    page = make_forum(forum_index, municipality, ElectionFactory(), address="Rruga Egnatia 5")
    assert page.map_url() == (
        "https://www.openstreetmap.org/search?query=Rruga+Egnatia+5%2C+Durr%C3%ABs"
    )


def test_calendar_file_is_a_valid_event_in_tirana_time(client, forum_index, municipality):
    starts_at = datetime.datetime(2027, 4, 15, 18, 0, tzinfo=TIRANE)
    page = make_forum(
        forum_index,
        municipality,
        ElectionFactory(),
        starts_at=starts_at,
        title="Forumi publik në Durrës",
        address="Sheshi Liria",
    )
    response = client.get(f"{page.url}calendar/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert 'filename="' in response["Content-Disposition"]
    calendar = icalendar.Calendar.from_ical(response.content)
    (event,) = calendar.walk("VEVENT")
    start = event.decoded("dtstart")
    assert start == starts_at
    assert str(start.tzinfo) == "Europe/Tirane"
    assert event["DTSTART"].params["TZID"] == "Europe/Tirane"
    assert event.decoded("dtend") == starts_at + datetime.timedelta(hours=2)
    assert str(event["SUMMARY"]) == "Forumi publik në Durrës"
    assert str(event["LOCATION"]) == "Pallati i Kulturës, Sheshi Liria"
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Europe/Tirane"
    assert b"T180000" in response.content  # 18:00 local, not converted to UTC


def test_index_splits_upcoming_and_past_and_filters(client, forum_index, municipality):
    now = timezone.now()
    fier = MunicipalityFactory(name="Fier", slug="fier")
    old = ElectionFactory(name="Zgjedhjet vendore 2023", date=datetime.date(2023, 5, 14))
    new = ElectionFactory(name="Zgjedhjet vendore 2027", date=datetime.date(2027, 5, 9))
    past_durres = make_forum(
        forum_index, municipality, old, starts_at=now - 400 * DAY, title="Forumi i kaluar Durrës"
    )
    past_fier = make_forum(
        forum_index, fier, old, starts_at=now - 410 * DAY, title="Forumi i kaluar Fier"
    )
    soon = make_forum(forum_index, municipality, new, starts_at=now + 5 * DAY, title="Forumi afër")
    later = make_forum(forum_index, fier, new, starts_at=now + 20 * DAY, title="Forumi më vonë")

    def sections(params=None):
        html = client.get(forum_index.url, params or {}).content.decode()
        upcoming, past = html.split('id="past-forums-title"')
        return upcoming, past

    upcoming, past = sections()
    assert upcoming.index(soon.title) < upcoming.index(later.title)
    assert past_durres.title not in upcoming
    assert past.index(past_durres.title) < past.index(past_fier.title)  # latest first
    assert soon.title not in past

    upcoming, past = sections({"municipality": "fier"})
    assert later.title in upcoming and soon.title not in upcoming
    assert past_fier.title in past and past_durres.title not in past

    upcoming, past = sections({"election": "2023"})
    assert soon.title not in upcoming and later.title not in upcoming
    assert past_fier.title in past and past_durres.title in past


def test_home_page_shows_upcoming_forums_only(client, home, en, forum_index, municipality):
    section_title = 'id="home-forums-title"'
    assert section_title not in client.get(home.url).content.decode()
    past = make_forum(
        forum_index,
        municipality,
        ElectionFactory(),
        starts_at=timezone.now() - DAY,
        title="I kaluar",
    )
    assert section_title not in client.get(home.url).content.decode()
    upcoming = make_forum(forum_index, municipality, ElectionFactory(), title="Forumi që vjen")
    html = client.get(home.url).content.decode()
    assert section_title in html
    assert upcoming.title in html and past.title not in html
    html = client.get(home.get_translation(en).url).content.decode()
    assert english("Upcoming forums") in html
    assert upcoming.get_translation(en).url in html


def test_home_sections_come_in_hook_order(client, home, forum_index, municipality):
    from consultations.models import ConsultationIndexPage, ConsultationPage

    consultations = ConsultationIndexPage(title="Konsultimet", slug="konsultimet")
    home.add_child(instance=consultations)
    contract = SocialContractFactory(municipality=municipality)
    consultations.add_child(
        instance=ConsultationPage(title="Kontrata", slug="kontrata", contract=contract)
    )
    make_forum(forum_index, municipality, ElectionFactory())
    html = client.get(home.url).content.decode()
    assert html.index('id="home-consultations-title"') < html.index('id="home-forums-title"')


def test_page_tree_rules(home, municipality):
    standard = StandardPage(title="Rreth nesh", slug="rreth-nesh")
    home.add_child(instance=standard)
    assert ForumIndexPage.can_create_at(home)
    assert not ForumIndexPage.can_create_at(standard)
    assert not ForumPage.can_create_at(home)
    assert not ForumPage.can_create_at(standard)
    forum_index = make_index(home)
    assert not ForumIndexPage.can_create_at(home)  # one per home page
    assert not ForumIndexPage.can_create_at(forum_index)
    assert ForumPage.can_create_at(forum_index)
    assert not StandardPage.can_create_at(forum_index)
    page = make_forum(forum_index, municipality, ElectionFactory())
    assert ForumPage.allowed_subpage_models() == []
    assert not StandardPage.can_create_at(page)
    assert not ForumPage.can_create_at(page)
    assert ForumIndexPage.allowed_parent_page_models() == [HomePage]


def test_confirmed_candidates_link_to_their_pages_and_the_side_by_side(
    client, forum_index, municipality
):
    election = ElectionFactory(date=datetime.date(2027, 5, 9))
    contract = SocialContractFactory(
        municipality=municipality, election=election, phase="finalised"
    )
    confirmed = CandidacyFactory(contract=contract, full_name="Elira Marku")
    requested = CandidacyFactory(contract=contract, full_name="Gent Kola", status="requested")
    elsewhere = CandidacyFactory(full_name="Dritan Leka")
    page = make_forum(forum_index, municipality, election, contract=contract)
    html = client.get(page.url).content.decode()
    assert confirmed.full_name in html
    assert reverse("forums:candidate", args=[confirmed.pk]) in html
    assert requested.full_name not in html and elsewhere.full_name not in html
    side_by_side = reverse(
        "forums:side_by_side", kwargs={"municipality": municipality.slug, "year": 2027}
    )
    assert side_by_side in html


def test_forum_page_queries_do_not_grow_with_questions(client, forum_index, municipality):
    from ..consultations.factories import PriorityFactory

    contract = SocialContractFactory(municipality=municipality, phase="finalised")
    priorities = PriorityFactory.create_batch(2, contract=contract, in_contract=True)
    page = make_forum(forum_index, municipality, contract.election, contract=contract)
    CandidacyFactory.create_batch(2, contract=contract)
    reader = UserFactory(verified=True)
    client.force_login(reader)

    def add_questions(count):
        for n in range(count):
            question = QuestionFactory(forum=page, priority=priorities[n % 2])
            UpvoteFactory(question=question)
            if n % 3 == 0:
                UpvoteFactory(question=question, citizen=reader)
        QuestionFactory(forum=page, author=reader, state="pending")

    def count_queries(url):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        return len(queries), response.content.decode()

    add_questions(3)
    client.get(page.url)  # warm-up: the site's caches fill on the first request
    few, html = count_queries(page.url)
    assert html.count('class="question"') + html.count('class="question ') == 3
    add_questions(27)
    many, html = count_queries(page.url)
    assert html.count('<li class="question') == 30
    assert many == few
    # The English page costs the same whatever the number of questions too.
    en_page = page.get_translation(page.locale.__class__.objects.get(language_code="en"))
    few_en, _ = count_queries(en_page.url)
    add_questions(3)
    more_en, html = count_queries(en_page.url)
    assert more_en == few_en
    assert html.count('<li class="question') == 33


def test_editor_adds_a_forum_page_in_the_admin(client, forum_index, municipality):
    election = ElectionFactory()
    client.force_login(UserFactory(verified=True, groups=["Editors"]))
    url = reverse("wagtailadmin_pages:add", args=["forums", "forumpage", forum_index.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "title": "Forumi i ri",
            "slug": "forumi-i-ri",
            "municipality": municipality.pk,
            "election": election.pk,
            "starts_at": "2027-04-15 18:00",
            "venue": "Pallati i Kulturës",
            "agenda-count": "0",
            "gallery-count": "0",
            "action-publish": "publish",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    page = ForumPage.objects.get(slug="forumi-i-ri", locale=forum_index.locale)
    assert page.live
    assert page.starts_at == datetime.datetime(2027, 4, 15, 18, 0, tzinfo=TIRANE)


def test_forum_page_texts_are_offered_for_translation(forum_index, municipality):
    from wagtail_localize.segments.extract import extract_segments

    page = make_forum(
        forum_index,
        municipality,
        ElectionFactory(),
        intro="Hyrja e forumit.",
        agenda=[("item", {"title": "Pyetjet e qytetarëve", "speakers": "", "description": ""})],
        outcome="<p>Rezultati i forumit.</p>",
    )
    texts = [
        getattr(segment, "source", None) or getattr(segment, "string", None)
        for segment in extract_segments(page)
    ]
    rendered = " ".join(str(getattr(text, "data", text)) for text in texts)
    for text in ["Hyrja e forumit.", "Pyetjet e qytetarëve", "Rezultati i forumit.", "Pallati"]:
        assert text in rendered, rendered
    assert "municipality" not in rendered
