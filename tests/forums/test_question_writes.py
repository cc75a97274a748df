"""Forum questions' writes and reads on the models, called directly and
through the forum page's routes; the page's own context (names and titles in
the reader's language, the calendar file)."""

import datetime

import icalendar
import pytest

from django.test import RequestFactory, override_settings
from django.utils import translation

from wagtail.models import ModelLogEntry

from forums.models import ForumPage, Question, QuestionState, Refused, Upvote

from ..accounts.factories import UserFactory
from ..cms_pages.factories import ElectionFactory
from ..cms_pages.test_reference_data import translate
from ..consultations.factories import PriorityFactory, SocialContractFactory
from .forum_helpers import QuestionFactory, UpvoteFactory, make_forum, make_index

pytestmark = pytest.mark.django_db


@pytest.fixture
def forum(home, municipality):
    contract = SocialContractFactory(
        municipality=municipality,
        election=ElectionFactory(date=datetime.date(2027, 5, 9)),
        phase="finalised",
    )
    return make_forum(make_index(home), municipality, contract.election, contract=contract)


@pytest.fixture
def forum_en(forum, en):
    return forum.get_translation(en).specific


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


# --- asking and upvoting ---------------------------------------------------------------


def test_ask_points_at_the_albanian_page_and_waits_for_moderation(forum, forum_en, citizen):
    priority = PriorityFactory(contract=forum.contract, in_contract=True)
    question = Question.objects.ask(forum_en, citizen, "Kur?", priority)
    assert question.forum_id == forum.pk
    assert (question.author, question.priority, question.state) == (
        citizen,
        priority,
        QuestionState.PENDING,
    )
    assert list(Question.objects.waiting_of(forum, citizen)) == [question]
    assert not Question.objects.shown_on(forum).exists()


@override_settings(FORUMS_QUESTIONS_PER_MINUTE=1, FORUMS_QUESTIONS_PER_DAY=5)
def test_ask_is_refused_past_the_rate_limit(forum, citizen):
    Question.objects.ask(forum, citizen, "E para")
    with translation.override("en"), pytest.raises(Refused) as refused:
        Question.objects.ask(forum, citizen, "E dyta")
    assert refused.value.reason == "rate_minute"
    assert refused.value.message == (
        "You are writing quickly: please wait a minute before asking again."
    )
    assert Question.objects.count() == 1


@override_settings(FORUMS_QUESTIONS_PER_MINUTE=5, FORUMS_QUESTIONS_PER_DAY=1)
def test_the_daily_limit_is_a_message_on_the_page(client, forum_en, citizen):
    client.force_login(citizen)
    client.post(f"{forum_en.url}questions/ask/", {"text": "E para"})
    response = client.post(f"{forum_en.url}questions/ask/", {"text": "E dyta"})
    assert response.status_code == 400
    assert "You have reached today's limit of 1 questions. Thank you!" in messages_of(response)
    assert "E dyta" in response.content.decode()
    assert Question.objects.count() == 1


def test_cast_counts_one_upvote_per_citizen(forum, citizen):
    question = QuestionFactory(forum=forum)
    upvote = Upvote.objects.cast(question, citizen)
    assert (upvote.question, upvote.citizen) == (question, citizen)
    with translation.override("en"), pytest.raises(Refused) as refused:
        Upvote.objects.cast(question, citizen)
    assert refused.value.reason == "already_upvoted"
    assert refused.value.message == "You have already upvoted this question."
    assert Upvote.objects.count() == 1
    assert Upvote.objects.question_ids_of(citizen, forum) == {question.pk}


def test_the_page_lists_top_questions_and_marks_the_reader_upvotes(client, forum_en, citizen):
    forum = forum_en.source_page()
    many = QuestionFactory(forum=forum, text="Shumë")
    few = QuestionFactory(forum=forum, text="Pak")
    UpvoteFactory.create_batch(2, question=many)
    UpvoteFactory(question=few, citizen=citizen)
    QuestionFactory(forum=forum, state=QuestionState.PENDING, author=citizen, text="Imja")
    assert [q.text for q in Question.objects.shown_on(forum)] == ["Shumë", "Pak"]
    assert [q.upvote_count for q in Question.objects.shown_on(forum)] == [2, 1]
    client.force_login(citizen)
    context = client.get(forum_en.url).context
    assert [(q.text, q.upvoted) for q in context["questions"]] == [("Shumë", False), ("Pak", True)]
    assert [q.text for q in context["own_questions"]] == ["Imja"]


# --- moderation --------------------------------------------------------------------------


def test_moderation_methods_record_who_when_and_log(forum):
    moderator = UserFactory(verified=True, groups=["Moderators"])
    question = QuestionFactory(forum=forum, state=QuestionState.PENDING)
    question.approve(moderator)
    question.refresh_from_db()
    assert question.is_approved and question.moderated_by == moderator
    question.mark_answered(moderator, "Një park.")
    answered_at = Question.objects.get(pk=question.pk).answered_at
    question.mark_answered(moderator, "Një park i madh.")
    question.refresh_from_db()
    assert question.answered_at == answered_at  # the first date is kept
    assert question.answer_summary == "Një park i madh."
    question.reject(moderator, "Fyerje")
    question.refresh_from_db()
    assert question.is_rejected and question.answered_at is None
    assert question.rejection_reason == "Fyerje"
    assert list(
        ModelLogEntry.objects.filter(object_id=str(question.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    ) == [
        "forums.question.approve",
        "forums.question.answer",
        "forums.question.answer",
        "forums.question.reject",
    ]


# --- the pages' context in the reader's language --------------------------------------------


def test_forum_page_reads_names_and_titles_in_english(client, forum, forum_en, en):
    translate(forum.municipality, en, name="Durres")
    translate(forum.election, en, name="Local elections 2027")
    priority = PriorityFactory(contract=forum.contract, in_contract=True, title="Ujë")
    translate(priority, en, title="Water")
    QuestionFactory(forum=forum, priority=priority)
    client.force_login(UserFactory(verified=True))
    response = client.get(forum_en.url)
    html = response.content.decode()
    assert "Durres · Local elections 2027" in html
    assert 'About: <span class="question__priority">Water</span>' in html
    assert f'<option value="{priority.pk}">Water</option>' in html
    assert response.context["municipality_name"] == "Durres"
    sq = client.get(forum.url).content.decode()
    assert "Durrës" in sq and "Ujë" in sq and "Water" not in sq


def test_index_reads_municipality_and_election_names_in_english(client, home, municipality, en):
    translate(municipality, en, name="Durres")
    election = ElectionFactory(name="Zgjedhjet 2027", date=datetime.date(2027, 5, 9))
    translate(election, en, name="Elections 2027")
    index = make_index(home)
    make_forum(index, municipality, election, title="Forumi")
    pages = list(index.forums())
    with translation.override("en"):
        english = list(index.forums())
    assert (pages[0].localized_municipality_name, pages[0].localized_election_name) == (
        "Durrës",
        "Zgjedhjet 2027",
    )
    assert (english[0].localized_municipality_name, english[0].localized_election_name) == (
        "Durres",
        "Elections 2027",
    )
    context = client.get(index.get_translation(en).url).context
    assert context["municipalities"] == [(municipality.slug, "Durres")]
    assert context["elections"] == [("2027", "Elections 2027")]


def test_localized_page_queryset_reads_names(forum, en):
    translate(forum.municipality, en, name="Durres")
    with translation.override("en"):
        page = ForumPage.objects.localized("municipality__name").get(pk=forum.pk)
    assert page.localized_municipality_name == "Durres"


def test_to_icalendar_is_one_event_at_the_forum_time(forum):
    request = RequestFactory().get("/")
    request.META["HTTP_HOST"] = "localhost"
    calendar = icalendar.Calendar.from_ical(forum.to_icalendar(request))
    (event,) = calendar.walk("VEVENT")
    assert event.decoded("dtstart") == forum.starts_at.replace(microsecond=0)
    assert str(event["DTSTART"].params["TZID"]) == "Europe/Tirane"
    assert str(event["UID"]) == f"forum-{forum.pk}@localhost"
