"""Citizens' questions for a forum: who may ask and upvote and when (rules
for every role and phase), the refusals' messages, pre-moderation, one
upvote each, hostile input, moderation in the admin (logged), and the
questions' part in "download my data" and "delete my account".

New text is checked on the English pages, against `gettext` in English."""

import datetime

import pytest

from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from wagtail.models import ModelLogEntry

from accounts.personal_data import delete_account, export_personal_data
from forums.models import Question, QuestionState, Upvote
from forums.rules import questions as rules

from ..accounts.factories import UserFactory
from ..cms_pages.factories import ElectionFactory
from ..consultations.factories import PriorityFactory, SocialContractFactory
from .forum_helpers import DAY, QuestionFactory, UpvoteFactory, make_forum, make_index

pytestmark = pytest.mark.django_db


def english(text, **values):
    with translation.override("en"):
        return gettext(text) % values if values else gettext(text)


@pytest.fixture
def forum_contract(municipality):
    return SocialContractFactory(
        municipality=municipality,
        election=ElectionFactory(date=datetime.date(2027, 5, 9)),
        phase="finalised",
    )


@pytest.fixture
def forum(home, municipality, forum_contract):
    """An upcoming forum in Durrës (in three weeks), about a finalised contract."""
    return make_forum(
        make_index(home), municipality, forum_contract.election, contract=forum_contract
    )


@pytest.fixture
def past_forum(forum):
    return make_forum(
        forum.get_parent().specific,
        forum.municipality,
        forum.election,
        starts_at=timezone.now() - DAY,
        slug="forumi-i-kaluar",
    )


@pytest.fixture
def en_url(en):
    def url(page, suffix=""):
        return page.get_translation(en).url + suffix

    return url


ROLES = ["anonymous", "unverified", "citizen", "moderator", "editor"]


def person(role):
    if role == "anonymous":
        return AnonymousUser()
    if role == "unverified":
        return UserFactory(verified=False)
    if role == "citizen":
        return UserFactory(verified=True)
    if role == "moderator":
        return UserFactory(verified=True, groups=["Moderators"])
    return UserFactory(verified=True, groups=["Editors"])


# --- rules, for every role and phase ----------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("phase", ["upcoming", "past"])
def test_who_may_ask(role, phase, forum, past_forum):
    page = forum if phase == "upcoming" else past_forum
    decision = rules.can_ask(person(role), page, next_url="/sq/forumet/")
    expected = {
        "anonymous": "anonymous",
        "unverified": "unverified",
        "citizen": "",
        "moderator": "",
        "editor": "",
    }[role]
    if phase == "past":
        expected = "past"
    assert bool(decision) is (expected == "")
    assert decision.reason == expected
    if expected == "anonymous":
        assert decision.link_url == f"{reverse('account_login')}?next=%2Fsq%2Fforumet%2F"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("phase", ["upcoming", "past"])
def test_who_may_upvote(role, phase, forum, past_forum):
    page = forum if phase == "upcoming" else past_forum
    question = QuestionFactory(forum=page)
    decision = rules.can_upvote(person(role), question, page)
    expected = {"anonymous": "anonymous", "unverified": "unverified"}.get(role, "")
    if phase == "past":
        expected = "past"
    assert decision.reason == expected
    assert bool(decision) is (expected == "")


def test_nobody_upvotes_their_own_or_an_unpublished_question(forum):
    citizen = UserFactory(verified=True)
    own = QuestionFactory(forum=forum, author=citizen)
    assert rules.can_upvote(citizen, own, forum).reason == "own_question"
    for state in (QuestionState.PENDING, QuestionState.REJECTED):
        question = QuestionFactory(forum=forum, state=state)
        assert rules.can_upvote(citizen, question, forum).reason == "not_approved"


@pytest.mark.parametrize("role", ROLES)
def test_who_may_moderate(role, forum):
    allowed = role in ("moderator", "editor")
    user = person(role)
    pending = QuestionFactory(forum=forum, state=QuestionState.PENDING)
    approved = QuestionFactory(forum=forum)
    rejected = QuestionFactory(forum=forum, state=QuestionState.REJECTED)
    assert bool(rules.can_moderate(user)) is allowed
    assert bool(rules.can_approve(user, pending)) is allowed
    assert not rules.can_approve(user, approved)
    assert bool(rules.can_reject(user, approved)) is allowed
    assert not rules.can_reject(user, rejected)
    assert bool(rules.can_mark_answered(user, approved)) is allowed
    assert not rules.can_mark_answered(user, pending)


# --- asking --------------------------------------------------------------------------------


def ask(client, url, text, **extra):
    return client.post(url, {"text": text, **extra}, follow=True)


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def test_citizen_asks_and_the_question_waits_for_moderation(client, forum, en_url, citizen):
    client.force_login(citizen)
    response = ask(client, en_url(forum, "questions/ask/"), "Si do ta zgjidhni ujin e pijshëm?")
    question = Question.objects.get()
    assert question.forum_id == forum.pk  # the Albanian page, even when asked in English
    assert question.author == citizen
    assert question.state == QuestionState.PENDING
    assert response.redirect_chain[-1][0].endswith("#your-questions")
    assert english("Thank you. Your question will appear once a moderator has read it.") in (
        messages_of(response)
    )
    html = response.content.decode()
    assert english("Your questions not yet published") in html
    assert "Si do ta zgjidhni ujin e pijshëm?" in html
    # Nobody else sees it before a moderator has.
    client.logout()
    assert "Si do ta zgjidhni ujin e pijshëm?" not in client.get(forum.url).content.decode()
    other = UserFactory(verified=True)
    client.force_login(other)
    assert "Si do ta zgjidhni ujin e pijshëm?" not in client.get(forum.url).content.decode()


def test_question_may_be_about_a_priority_of_the_contract(client, forum, en_url, citizen):
    priority = PriorityFactory(contract=forum.contract, in_contract=True, title="Ujë 24 orë")
    PriorityFactory(contract=forum.contract, in_contract=False, title="Jo në kontratë")
    client.force_login(citizen)
    html = client.get(en_url(forum)).content.decode()
    assert "Ujë 24 orë" in html and "Jo në kontratë" not in html
    ask(client, en_url(forum, "questions/ask/"), "Kur?", priority=priority.pk)
    question = Question.objects.get()
    assert question.priority == priority
    Question.objects.update(state=QuestionState.APPROVED)
    html = client.get(en_url(forum)).content.decode()
    # Not yet translated: the Albanian title is marked as Albanian.
    assert 'About: <span class="question__priority" lang="sq">Ujë 24 orë</span>' in html


def test_anonymous_visitor_is_sent_to_sign_in_and_back(client, forum, en_url):
    page_url = en_url(forum)
    html = client.get(page_url).content.decode()
    assert english("Sign in to ask the candidates a question.") in html
    assert f"{reverse('account_login')}?next={page_url.replace('/', '%2F')}" in html
    response = ask(client, en_url(forum, "questions/ask/"), "Pyetje")
    assert not Question.objects.exists()
    assert response.redirect_chain[-1][0].endswith("#ask")
    assert english("Sign in to ask the candidates a question.") in messages_of(response)


def test_unverified_citizen_is_asked_to_confirm_the_address(client, forum, en_url):
    client.force_login(UserFactory(verified=False))
    response = ask(client, en_url(forum, "questions/ask/"), "Pyetje")
    assert not Question.objects.exists()
    assert english("Confirm your e-mail address to take part: we sent you a link.") in (
        messages_of(response)
    )


def test_questions_close_when_the_forum_starts(client, past_forum, en_url, citizen):
    client.force_login(citizen)
    response = ask(client, en_url(past_forum, "questions/ask/"), "Pyetje")
    assert not Question.objects.exists()
    (message,) = messages_of(response)
    assert message.startswith(
        english("This forum took place on %(date)s: it no longer takes questions.").split("%")[0]
    )
    assert 'name="text"' not in response.content.decode()


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("", "Write your question first."),
        ("   ", "Write your question first."),
        (
            "a" * 301,
            "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
        ),
        ("para\x00pas", "Null characters are not allowed."),
    ],
)
def test_bad_questions_are_refused_and_the_text_is_kept(
    client, forum, en_url, citizen, text, error
):
    client.force_login(citizen)
    response = client.post(en_url(forum, "questions/ask/"), {"text": text})
    assert response.status_code == 400
    assert not Question.objects.exists()
    (message,) = messages_of(response)
    expected = (
        english(error, limit_value=300, show_value=len(text)) if "%" in error else english(error)
    )
    assert expected in message
    assert message.startswith(english("Your question was not sent: %(errors)s", errors="")[:20])
    if text.strip() and "\x00" not in text:
        assert text in response.content.decode()  # nothing typed is lost


@override_settings(FORUMS_QUESTIONS_PER_MINUTE=1)
def test_submissions_are_rate_limited(client, forum, en_url, citizen):
    client.force_login(citizen)
    ask(client, en_url(forum, "questions/ask/"), "E para")
    response = client.post(en_url(forum, "questions/ask/"), {"text": "E dyta, e mbajtur"})
    assert response.status_code == 400
    assert Question.objects.count() == 1
    assert english("You are writing quickly: please wait a minute before asking again.") in (
        messages_of(response)
    )
    assert "E dyta, e mbajtur" in response.content.decode()


def test_hostile_input_stays_inert(client, forum, citizen):
    hostile = '<script>alert("x")</script> <img src=x onerror=alert(1)> \u202egnp.exe\u202c'
    client.force_login(citizen)
    ask(client, f"{forum.url}questions/ask/", hostile)
    question = Question.objects.get()
    assert question.text == hostile.strip()  # stored as typed
    Question.objects.update(state=QuestionState.APPROVED)
    client.logout()
    html = client.get(forum.url).content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "\u202e" not in html


# --- upvoting --------------------------------------------------------------------------------


def test_citizen_upvotes_once(client, forum, en_url, citizen):
    question = QuestionFactory(forum=forum)
    client.force_login(citizen)
    url = en_url(forum, f"questions/{question.pk}/upvote/")
    response = client.post(url, follow=True)
    assert Upvote.objects.filter(question=question, citizen=citizen).count() == 1
    assert response.redirect_chain[-1][0].endswith(f"#question-{question.pk}")
    assert english("You upvoted this question.") in messages_of(response)
    response = client.post(url, follow=True)
    assert Upvote.objects.filter(question=question).count() == 1
    assert english("You have already upvoted this question.") in messages_of(response)
    assert english("You upvoted this question.") in response.content.decode()


def test_citizen_takes_back_an_upvote(client, forum, en_url, citizen, past_forum):
    question = QuestionFactory(forum=forum)
    other = UserFactory(verified=True)
    UpvoteFactory(question=question, citizen=other)
    client.force_login(citizen)
    client.post(en_url(forum, f"questions/{question.pk}/upvote/"))
    page = client.get(en_url(forum, "")).content.decode()
    withdraw = en_url(forum, f"questions/{question.pk}/upvote/withdraw/")
    assert f'action="{withdraw}"' in page
    response = client.post(withdraw, follow=True)
    assert response.redirect_chain[-1][0].endswith(f"#question-{question.pk}")
    assert english("You took back your upvote.") in messages_of(response)
    assert list(Upvote.objects.filter(question=question)) == list(
        Upvote.objects.filter(citizen=other)
    )
    html = response.content.decode()
    assert f'action="{withdraw}"' not in html
    assert f'action="{en_url(forum, f"questions/{question.pk}/upvote/")}"' in html
    response = client.post(withdraw, follow=True)
    assert english("You had not upvoted this question.") in messages_of(response)
    assert client.get(withdraw).status_code == 405
    # After the forum, upvotes are kept as they were.
    past = QuestionFactory(forum=past_forum)
    UpvoteFactory(question=past, citizen=citizen)
    client.post(en_url(past_forum, f"questions/{past.pk}/upvote/withdraw/"))
    assert Upvote.objects.filter(question=past, citizen=citizen).exists()


def test_the_database_refuses_a_second_upvote(forum, citizen):
    question = QuestionFactory(forum=forum)
    UpvoteFactory(question=question, citizen=citizen)
    with pytest.raises(IntegrityError), transaction.atomic():
        Upvote.objects.create(question=question, citizen=citizen)


def test_own_pending_and_past_questions_cannot_be_upvoted(
    client, forum, past_forum, en_url, citizen
):
    own = QuestionFactory(forum=forum, author=citizen)
    pending = QuestionFactory(forum=forum, state=QuestionState.PENDING)
    past = QuestionFactory(forum=past_forum)
    client.force_login(citizen)
    response = client.post(en_url(forum, f"questions/{own.pk}/upvote/"), follow=True)
    assert english("You cannot upvote your own question.") in messages_of(response)
    response = client.post(en_url(forum, f"questions/{pending.pk}/upvote/"), follow=True)
    assert english("This question is not published.") in messages_of(response)
    response = client.post(en_url(past_forum, f"questions/{past.pk}/upvote/"), follow=True)
    assert messages_of(response)[0].startswith(
        english("This forum took place on %(date)s: it no longer takes questions.").split("%")[0]
    )
    assert client.post(en_url(forum, f"questions/{past.pk}/upvote/")).status_code == 404
    assert client.get(en_url(forum, f"questions/{own.pk}/upvote/")).status_code == 405
    assert not Upvote.objects.exists()


def test_forum_page_lists_approved_questions_by_upvotes(client, forum, en_url):
    few = QuestionFactory(forum=forum, text="Pak mbështetje")
    many = QuestionFactory(forum=forum, text="Shumë mbështetje")
    QuestionFactory(forum=forum, text="E refuzuar", state=QuestionState.REJECTED)
    UpvoteFactory.create_batch(3, question=many)
    UpvoteFactory(question=few)
    html = client.get(en_url(forum)).content.decode()
    assert html.index("Shumë mbështetje") < html.index("Pak mbështetje")
    assert "E refuzuar" not in html
    with translation.override("en"):
        from django.utils.translation import ngettext

        assert ngettext("%(counter)s upvote", "%(counter)s upvotes", 3) % {"counter": 3} in html


# --- moderation in the admin ----------------------------------------------------------


@pytest.fixture
def moderator():
    return UserFactory(verified=True, groups=["Moderators"])


def test_moderator_lists_filters_and_searches_questions(client, forum, moderator):
    pending = QuestionFactory(forum=forum, state=QuestionState.PENDING, text="Ku është parku?")
    QuestionFactory(forum=forum, text="Kur hapet kopshti?")
    client.force_login(moderator)
    url = reverse("wagtailsnippets_forums_question:list")
    response = client.get(url, {"state": "pending"})
    assert response.status_code == 200
    assert list(response.context["object_list"]) == [pending]
    assert reverse("forums_moderate_question", args=[pending.pk]) in response.content.decode()
    response = client.get(url, {"forum": forum.pk, "q": "kopshti"})
    assert [q.text for q in response.context["object_list"]] == ["Kur hapet kopshti?"]


def test_moderator_approves_rejects_and_marks_answered_with_log(client, forum, en_url, moderator):
    question = QuestionFactory(forum=forum, state=QuestionState.PENDING, text="Çfarë do bëni?")
    client.force_login(moderator)
    assert client.get(reverse("forums_moderate_question", args=[question.pk])).status_code == 200

    client.post(reverse("forums_approve_question", args=[question.pk]))
    question.refresh_from_db()
    assert question.state == QuestionState.APPROVED
    assert question.moderated_by == moderator

    client.post(reverse("forums_answer_question", args=[question.pk]), {"summary": "Një park."})
    question.refresh_from_db()
    assert question.answered_at is not None
    assert question.answer_summary == "Një park."
    html = client.get(en_url(forum)).content.decode()
    assert english("Answered at the forum") in html and "Një park." in html

    response = client.post(reverse("forums_reject_question", args=[question.pk]), {"reason": ""})
    question.refresh_from_db()
    assert question.state == QuestionState.APPROVED  # a reason is required
    client.post(reverse("forums_reject_question", args=[question.pk]), {"reason": "Fyerje"})
    question.refresh_from_db()
    assert question.state == QuestionState.REJECTED
    assert question.rejection_reason == "Fyerje"
    assert "Çfarë do bëni?" not in client.get(forum.url).content.decode()
    assert response.status_code == 302

    actions = list(
        ModelLogEntry.objects.filter(object_id=str(question.pk))
        .order_by("timestamp", "pk")
        .values_list("action", "user_id")
    )
    assert actions == [
        ("forums.question.approve", moderator.pk),
        ("forums.question.answer", moderator.pk),
        ("forums.question.reject", moderator.pk),
    ]


def test_editor_may_moderate_and_citizens_may_not(client, forum):
    question = QuestionFactory(forum=forum, state=QuestionState.PENDING)
    client.force_login(UserFactory(verified=True, groups=["Editors"]))
    client.post(reverse("forums_approve_question", args=[question.pk]))
    question.refresh_from_db()
    assert question.state == QuestionState.APPROVED
    other = QuestionFactory(forum=forum, state=QuestionState.PENDING)
    client.force_login(UserFactory(verified=True))
    response = client.post(reverse("forums_approve_question", args=[other.pk]))
    assert response.status_code in (302, 403)
    other.refresh_from_db()
    assert other.state == QuestionState.PENDING


def test_a_forum_with_questions_cannot_be_deleted(client, forum):
    QuestionFactory(forum=forum)
    admin = UserFactory(verified=True, is_superuser=True, is_staff=True)
    client.force_login(admin)
    response = client.post(reverse("wagtailadmin_pages:delete", args=[forum.pk]))
    assert response.status_code == 302
    assert type(forum).objects.filter(pk=forum.pk).exists()


# --- personal data ------------------------------------------------------------------------


def test_export_includes_questions_and_upvotes(forum, citizen):
    QuestionFactory(forum=forum, author=citizen, text="Pyetja ime")
    UpvoteFactory(question=QuestionFactory(forum=forum), citizen=citizen)
    data = export_personal_data(citizen)
    assert data["forum_questions"][0]["text"] == "Pyetja ime"
    assert data["forum_questions"][0]["forum"] == forum.title
    assert len(data["forum_upvotes"]) == 1


def test_deletion_keeps_questions_without_a_name_and_removes_upvotes(client, forum, citizen):
    question = QuestionFactory(forum=forum, author=citizen, text="Pyetja mbetet")
    UpvoteFactory(question=QuestionFactory(forum=forum), citizen=citizen)
    delete_account(citizen)
    question.refresh_from_db()
    assert question.author is None
    assert not Upvote.objects.exists()
    html = client.get(forum.url).content.decode()
    assert "Pyetja mbetet" in html
    assert str(question.author_name) in html


def test_without_a_contract_there_is_no_priority_to_choose(client, home, municipality, citizen):
    forum = make_forum(make_index(home), municipality, ElectionFactory())
    client.force_login(citizen)
    html = client.get(forum.url).content.decode()
    assert 'name="text"' in html and 'name="priority"' not in html
    client.post(f"{forum.url}questions/ask/", {"text": "Pyetje pa prioritet"})
    assert Question.objects.get().priority is None
