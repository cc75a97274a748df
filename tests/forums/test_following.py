"""Forums tell the followers of a municipality when a candidate signs or
withdraws, when a forum is announced (once), and when its questions are
answered (once a day)."""

import pytest

from django.core import mail

from consultations.models import Announcement, Follow, NotificationKind
from forums.models import Endorsement

from ..accounts.factories import UserFactory
from ..cms_pages.factories import ElectionFactory
from .factories import EndorsementFactory
from .forum_helpers import QuestionFactory, make_forum, make_index

pytestmark = pytest.mark.django_db


def test_signing_and_withdrawing_are_announced(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        endorsement = EndorsementFactory()
    municipality = endorsement.contract.municipality
    person = UserFactory(verified=True, email_language="en")
    Follow.objects.follow(person, municipality)
    with django_capture_on_commit_callbacks(execute=True):
        Endorsement.objects.withdraw(endorsement.candidacy, endorsement.contract, "Arsye", None)
    withdrawn = Announcement.objects.filter(kind=NotificationKind.ENDORSEMENT).first()
    assert Announcement.objects.filter(kind=NotificationKind.ENDORSEMENT).count() == 2
    assert "withdrew their signature" in withdrawn.params["summary"]["en"]
    assert [m.to for m in mail.outbox if m.to == [person.email]] == [[person.email]]
    assert endorsement.candidacy.full_name in mail.outbox[-1].body


def test_a_forum_is_announced_once_in_both_languages(
    home, municipality, django_capture_on_commit_callbacks
):
    person = UserFactory(verified=True, email_language="en")
    Follow.objects.follow(person, municipality)
    with django_capture_on_commit_callbacks(execute=True):
        page = make_forum(make_index(home), municipality, ElectionFactory())
        page.save_revision().publish()
    announcement = Announcement.objects.get(kind=NotificationKind.FORUM)
    assert set(announcement.links) == {"sq", "en"}
    assert "/en/" in announcement.links["en"]
    assert "A public forum is announced for" in mail.outbox[-1].body
    assert mail.outbox[-1].to == [person.email]


def test_answered_questions_are_announced_once_a_day(
    home, municipality, django_capture_on_commit_callbacks
):
    person = UserFactory(verified=True, email_language="en")
    Follow.objects.follow(person, municipality)
    with django_capture_on_commit_callbacks(execute=True):
        page = make_forum(make_index(home), municipality, ElectionFactory())
        page.save_revision().publish()
    questions = QuestionFactory.create_batch(2, forum=page)
    moderator = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        questions[0].mark_answered(moderator, "Po, në vitin e parë.")
    with django_capture_on_commit_callbacks(execute=True):
        questions[1].mark_answered(moderator, "Jo.")
    [announcement] = Announcement.objects.filter(kind=NotificationKind.ANSWERS)
    assert announcement.params["forum"] == page.pk
    assert announcement.params["summary"]["en"] == "1 question of the forum has been answered."
    assert announcement.links["en"].endswith("#questions")
    assert "1 question of the forum has been answered." in mail.outbox[-1].body
    assert mail.outbox[-1].to == [person.email]
