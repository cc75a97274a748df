"""Dates and times as each language writes them: on Albanian pages, e-mails
and downloads "23 dhjetor 2026, ora 17:00" (month names in lower case, a
24-hour clock), never "Dhj. 23, 2026, 5 p.m."; English pages keep English.
The formats come from the site's own format module (`config.formats.sq`)."""

import csv
import datetime
import io
import zoneinfo

import icalendar
import pytest

from django import forms
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import formats, timezone, translation

from wagtail.users.models import UserProfile
from wagtail_localize.synctree import create_aliases_for_new_page

from consultations.models import ConsultationIndexPage, ConsultationPage
from consultations.tasks import announce_opened_consultations
from forums.models import ForumPage, Invitation, Question
from scorecards.models import MunicipalityScorecardPage, ScorecardIndexPage

from ..accounts.factories import UserFactory
from ..consultations.factories import CommentFactory, PriorityFactory, SocialContractFactory
from ..english_patterns import wrong_dates
from ..forums.factories import CandidacyFactory
from ..forums.forum_helpers import QuestionFactory, make_forum, make_index
from ..markup import soup, text
from ..scorecards.factories import (
    AssessmentFactory,
    FinalisedContractFactory,
    MonitoredPriorityFactory,
)
from .conftest import translate_page
from .factories import ElectionFactory, NewsIndexPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db

TIRANE = zoneinfo.ZoneInfo("Europe/Tirane")
MONTHS = [
    "janar",
    "shkurt",
    "mars",
    "prill",
    "maj",
    "qershor",
    "korrik",
    "gusht",
    "shtator",
    "tetor",
    "nëntor",
    "dhjetor",
]


def wrong_patterns(content):
    """A 12-hour clock, English months, Django's Albanian month forms: see
    tests/english_patterns.py."""
    return wrong_dates(content)


def written(day):
    """`day` as Albanian writes it: "23 dhjetor 2026"."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def test_the_format_module_writes_albanian_and_leaves_english_alone():
    moment = datetime.datetime(2026, 12, 23, 17, 0, tzinfo=TIRANE)
    with translation.override("sq"):
        assert formats.date_format(moment, "DATETIME_FORMAT") == "23 dhjetor 2026, ora 17:00"
        assert formats.date_format(moment, "DATE_FORMAT") == "23 dhjetor 2026"
        assert formats.date_format(moment, "SHORT_DATE_FORMAT") == "23.12.2026"
        assert formats.date_format(moment, "SHORT_DATETIME_FORMAT") == "23.12.2026 17:00"
        assert formats.time_format(moment.time(), "TIME_FORMAT") == "17:00"
        assert formats.date_format(moment, "YEAR_MONTH_FORMAT") == "dhjetor 2026"
        assert formats.date_format(moment, "MONTH_DAY_FORMAT") == "23 dhjetor"
        assert [formats.date_format(datetime.date(2026, m, 1), "F") for m in range(1, 13)] == MONTHS
        # Albanian input is understood; ISO stays first, as <input type="date"> needs it.
        assert forms.DateField().clean("23.12.2026") == datetime.date(2026, 12, 23)
        assert forms.DateField().clean("2026-12-23") == datetime.date(2026, 12, 23)
        assert forms.DateInput().format_value(datetime.date(2026, 12, 23)) == "2026-12-23"
    with translation.override("en"):
        assert formats.date_format(moment, "DATETIME_FORMAT") == "Dec. 23, 2026, 5 p.m."
        assert formats.date_format(moment, "YEAR_MONTH_FORMAT") == "December 2026"


@pytest.fixture
def election():
    return ElectionFactory(name="Zgjedhjet vendore 2027", date=datetime.date(2027, 5, 9))


def test_forum_pages_show_the_time_range_on_a_24_hour_clock(client, home, en, municipality):
    starts_at = datetime.datetime(2026, 12, 23, 17, 0, tzinfo=TIRANE)
    page = make_forum(
        make_index(home),
        municipality,
        ElectionFactory(),
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=2),
    )

    def when(response):
        return soup(response).select(".forum-facts__list dd")[0].get_text()

    albanian = client.get(page.url)
    assert when(albanian) == "23 dhjetor 2026, ora 17:00–19:00 (ora e Tiranës)"
    assert wrong_patterns(text(albanian)) == []

    english = client.get(page.get_translation(en).url)
    assert when(english) == "Dec. 23, 2026, 5 p.m.–7 p.m. (Tirana time)"


def test_the_calendar_file_keeps_icalendar_times_and_the_page_language(
    client, home, en, municipality
):
    index = make_index(home)
    starts_at = datetime.datetime(2026, 12, 23, 17, 0, tzinfo=TIRANE)
    page = ForumPage(
        title="Forumi publik në Durrës",
        slug="forumi-durres",
        municipality=municipality,
        election=ElectionFactory(),
        starts_at=starts_at,
        venue="Pallati i Kulturës",
        intro="Kandidatët përballen me prioritetet e qytetarëve.",
    )
    index.add_child(instance=page)
    english_page = translate_page(
        page,
        en,
        title="Public forum in Durrës",
        slug="public-forum-durres",
        intro="The candidates face the citizens' priorities.",
    )

    for forum, title, intro in [
        (page, "Forumi publik në Durrës", "Kandidatët përballen"),
        (english_page, "Public forum in Durrës", "The candidates face"),
    ]:
        response = client.get(f"{forum.url}calendar/")
        (event,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
        assert event.decoded("dtstart") == starts_at
        assert b"DTSTART;TZID=Europe/Tirane:20261223T170000" in response.content
        assert str(event["SUMMARY"]) == title
        assert str(event["DESCRIPTION"]).startswith(intro)
        assert str(event["DESCRIPTION"]).endswith(f"http://testserver{forum.url}")


def test_comments_show_when_they_were_written(client, home, en, municipality):
    index = ConsultationIndexPage(title="Konsultimet", slug="konsultimet")
    home.add_child(instance=index)
    create_aliases_for_new_page(index)
    contract = SocialContractFactory(municipality=municipality)
    priority = PriorityFactory(contract=contract)
    page = ConsultationPage(title="Kontrata Sociale", slug="kontrata", contract=contract)
    index.add_child(instance=page)
    create_aliases_for_new_page(page)
    CommentFactory(
        priority=priority,
        body="Rruga ka nevojë për ndriçim.",
        created_at=datetime.datetime(2026, 12, 2, 15, 49, tzinfo=TIRANE),
    )

    response = client.get(page.url)
    albanian = soup(response)
    assert albanian.select_one(".comment__meta time").get_text() == "2 dhjetor 2026, ora 15:49"
    assert wrong_patterns(text(response)) == []

    english = soup(client.get(page.get_translation(en).url))
    assert english.select_one(".comment__meta time").get_text() == "Dec. 2, 2026, 3:49 p.m."


def test_news_dates_in_each_language(client, home, en):
    index = NewsIndexPageFactory(parent=home)
    news = NewsPageFactory(
        parent=index, title="Forumi i Durrësit", date=datetime.date(2026, 12, 23)
    )
    translate_page(index, en, title="News", slug="news")
    translate_page(news, en, title="The Durrës forum", slug="durres-forum")

    for url in (index.url, news.url):
        albanian = text(client.get(url))
        assert "23 dhjetor 2026" in albanian
        assert wrong_patterns(albanian) == []
    for url in ("/en/news/", "/en/news/durres-forum/"):
        assert "23 December 2026" in text(client.get(url))


@pytest.fixture
def scorecard(home, municipality):
    """Durrës 2019, one priority assessed as of 31 December 2021, on its page."""
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
    priority = MonitoredPriorityFactory(contract=contract, title="Ujë i pijshëm")
    AssessmentFactory(priority=priority, as_of=datetime.date(2021, 12, 31), status="fully")
    return page, contract


def test_scorecards_write_their_as_of_dates_in_each_language(client, scorecard):
    page, contract = scorecard
    query = {"election": contract.election_id, "as_of": "2022-06-30"}

    albanian = text(client.get(page.url, query))
    assert "30 qershor 2022" in albanian  # the date the table is as of
    assert "31 dhjetor 2021" in albanian  # the assessment's date
    assert wrong_patterns(albanian) == []

    english = text(client.get("/en/kartat/durres/", query))
    assert "June 30, 2022" in english
    assert "Dec. 31, 2021" in english


def test_downloads_keep_iso_dates_and_albanian_headers(client, scorecard):
    _page, contract = scorecard
    with translation.override("sq"):
        path = reverse("scorecards_download_municipality", kwargs={"slug": "durres", "fmt": "csv"})
    response = client.get(path, {"election": contract.election_id, "as_of": "2022-06-30"})

    content = response.content.decode("utf-8-sig")
    header, row = list(csv.reader(io.StringIO(content)))
    columns = dict(zip(header, row, strict=True))
    # Albanian headers; machine columns keep ISO dates.
    assert columns["Vlerësuar deri më"] == "2021-12-31"
    assert columns["Deri më"] == "2022-06-30"
    assert wrong_patterns(content) == []


def test_emails_write_albanian_dates(municipality, django_capture_on_commit_callbacks):
    closes = timezone.localdate() + datetime.timedelta(days=30)
    SocialContractFactory(
        municipality=municipality,
        opens_at=timezone.now() - datetime.timedelta(days=1),
        closes_at=datetime.datetime.combine(closes, datetime.time(17, 0), tzinfo=TIRANE),
    )
    UserFactory(municipality=municipality, notify_municipality=True, verified=True)

    assert announce_opened_consultations() == 1
    body = mail.outbox[-1].body
    assert f"{written(closes)}, ora 17:00" in body
    assert wrong_patterns(body) == []

    editor = UserFactory(verified=True, groups=["Editors"])
    candidacy = CandidacyFactory(municipality=municipality, user=None)
    with django_capture_on_commit_callbacks(execute=True):
        invitation = Invitation.objects.send(candidacy, "kandidati@example.org", editor)
    body = mail.outbox[-1].body
    assert written(timezone.localtime(invitation.expires_at).date()) in body
    assert wrong_patterns(body) == []


@override_settings(WAGTAILADMIN_PERMITTED_LANGUAGES=[("sq", "Shqip"), ("en", "English")])
def test_the_admin_in_albanian_writes_albanian_dates(client, home, municipality):
    """Once staff use the admin in Albanian, its dates follow the same formats."""
    forum = make_forum(make_index(home), municipality, ElectionFactory())
    question = QuestionFactory(forum=forum, text="Kur do të kemi ujë?")
    Question.objects.filter(pk=question.pk).update(
        created_at=datetime.datetime(2026, 12, 23, 17, 0, tzinfo=TIRANE)
    )
    for language, expected in [
        ("sq", "23 dhjetor 2026, ora 17:00"),
        ("en", "Dec. 23, 2026, 5 p.m."),
    ]:
        moderator = UserFactory(is_staff=True, verified=True, groups=["Moderators"])
        profile = UserProfile.get_for_user(moderator)
        profile.preferred_language = language
        profile.save()
        client.force_login(moderator)

        response = client.get(reverse("forums_moderate_question", args=[question.pk]))

        assert response.status_code == 200
        assert soup(response).html["lang"] == language
        assert expected in text(response)
        if language == "sq":
            assert wrong_patterns(text(response)) == []
