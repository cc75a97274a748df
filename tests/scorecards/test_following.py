"""Followers are told when a round of assessments is published: in a digest
(one e-mail listing every change) or at once, in their e-mail language; and
the publishing request costs the same whatever their number."""

import datetime

import pytest

from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from consultations.following import send_digests
from consultations.models import (
    Announcement,
    Delivery,
    Follow,
    Notification,
    NotificationKind,
    NotificationPreference,
)
from scorecards.models import Assessment

from ..accounts.factories import UserFactory
from ..cms_pages.factories import MunicipalityFactory
from .factories import AssessmentFactory, MonitoredPriorityFactory

pytestmark = pytest.mark.django_db

BEFORE = datetime.date(2020, 12, 31)
AS_OF = datetime.date(2021, 12, 31)


@pytest.fixture
def editor():
    return UserFactory(verified=True, groups=["Editors"])


@pytest.fixture
def durres_round(contract, make_scorecard_page):
    """Four priorities of Durrës, all "not addressed"; a round of drafts that
    changes three of them and leaves the fourth as it was."""
    make_scorecard_page(contract.municipality)
    priorities = MonitoredPriorityFactory.create_batch(4, contract=contract)
    for priority in priorities:
        AssessmentFactory(priority=priority, as_of=BEFORE, status="not")
    for priority, status in zip(priorities, ["fully", "partially", "fully", "not"], strict=True):
        AssessmentFactory(
            priority=priority,
            as_of=AS_OF,
            status=status,
            published_at=None,
            evidence=f"<p>Prova për {priority.title}.</p><p>Rreshti i dytë.</p>",
        )
    return priorities


def follower(municipality=None, priority=None, language="sq", delivery=None):
    person = UserFactory(verified=True, email_language=language)
    Follow.objects.follow(person, municipality or priority)
    if delivery:
        NotificationPreference.objects.choose(person, {NotificationKind.ASSESSMENT: delivery})
    return person


def publish(editor, contract, capture):
    with capture(execute=True):
        return Assessment.objects.publish_round(editor, contract, AS_OF)


def test_a_round_tells_each_follower_once_in_their_language(
    editor, contract, durres_round, django_capture_on_commit_callbacks
):
    first = durres_round[0]
    daily_sq = follower(contract.municipality, delivery=Delivery.DAILY)
    daily_en = follower(contract.municipality, language="en", delivery=Delivery.DAILY)
    fier = follower(MunicipalityFactory(name="Fier", slug="fier"))
    at_once = follower(priority=first, language="en")

    publish(editor, contract, django_capture_on_commit_callbacks)

    assert Announcement.objects.count() == 3  # the unchanged fourth is not news
    # At once: one e-mail, about the followed priority only, in English.
    assert [m.to for m in mail.outbox] == [[at_once.email]]
    immediate = mail.outbox[0]
    assert first.title in immediate.subject
    assert "Not addressed → Fully addressed" in immediate.body
    assert f"Prova për {first.title}." in immediate.body
    assert "Rreshti i dytë" not in immediate.body
    assert f"/en/kartat/durres/#priority-{first.pk}" in immediate.body
    assert immediate.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert immediate.extra_headers["List-Unsubscribe"].startswith("<http")

    mail.outbox.clear()
    assert send_digests(Delivery.DAILY) == 2
    by_person = {m.to[0]: m for m in mail.outbox}
    assert sorted(by_person) == sorted([daily_sq.email, daily_en.email])
    assert fier.email not in by_person
    changed = durres_round[:3]
    english = by_person[daily_en.email].body
    for priority in changed:
        assert english.count(f"- {priority.title}: ") == 1
    assert durres_round[3].title not in english
    assert english.count("Not addressed → ") == 3
    assert english.count(" → Fully addressed") == 2
    assert "Not addressed → Partially addressed" in english
    albanian = by_person[daily_sq.email].body
    assert albanian.count(" → ") == 3
    assert all(f"- {priority.title}: " in albanian for priority in changed)
    assert "Not addressed" not in albanian  # written in Albanian
    assert "/sq/kartat/durres/#priority-" in albanian

    # A digest is sent once.
    mail.outbox.clear()
    assert send_digests(Delivery.DAILY) == 0
    assert mail.outbox == []
    assert Notification.objects.filter(person=fier).count() == 0


def test_the_unsubscribe_link_of_an_email_works_signed_out(
    client, editor, contract, durres_round, django_capture_on_commit_callbacks
):
    person = follower(priority=durres_round[0], language="en")
    publish(editor, contract, django_capture_on_commit_callbacks)
    url = mail.outbox[0].extra_headers["List-Unsubscribe"].strip("<>")
    path = url.split("://", 1)[1].split("/", 1)[1]
    page = client.get(f"/{path}")
    assert page.status_code == 200
    assert "An assessment is published" in page.content.decode()
    assert not NotificationPreference.objects.filter(person=person).exists()
    # RFC 8058: the mail client's POST, without a form's token.
    client.post(f"/{path}", {"List-Unsubscribe": "One-Click"})
    assert NotificationPreference.objects.choices_of(person)[NotificationKind.ASSESSMENT] == (
        Delivery.NEVER
    )
    assert client.get(f"/{path.rstrip('/')}x/").status_code == 400


def test_publishing_costs_the_same_whatever_the_number_of_followers(
    client, editor, contract, durres_round, django_capture_on_commit_callbacks, monkeypatch
):
    """The request writes one job per assessment; the fan-out is the worker's."""
    queued = []
    monkeypatch.setattr(
        "scorecards.notifications.enqueue_composition", lambda *args: queued.append(args)
    )
    client.force_login(editor)
    url = reverse("scorecards_publish_round")
    data = {"contract": contract.pk, "as_of": AS_OF.isoformat(), "confirm": "yes"}

    def publish_and_count():
        with (
            CaptureQueriesContext(connection) as queries,
            django_capture_on_commit_callbacks(execute=True),
        ):
            response = client.post(url, data)
        assert response.status_code == 302
        return len(queries)

    publish_and_count()  # the first publication also primes what is kept between rounds
    assert len(queued) == 4
    for priority in durres_round:
        AssessmentFactory(priority=priority, as_of=AS_OF, status="fully", published_at=None)
    with_none = publish_and_count()
    assert len(queued) == 8
    # Another round for the same contract, now with 10,000 followers.
    for priority in durres_round:
        AssessmentFactory(priority=priority, as_of=AS_OF, status="partially", published_at=None)
    people = UserFactory._meta.model.objects.bulk_create(
        UserFactory._meta.model(email=f"ndjekes{n}@example.org", display_name=f"N {n}")
        for n in range(10_000)
    )
    Follow.objects.bulk_create(Follow(person=p, municipality=contract.municipality) for p in people)
    assert publish_and_count() == with_none
    assert len(queued) == 12
