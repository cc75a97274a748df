"""Respondents: an editor invites the mayor's office by a signed, expiring,
single-use link bound to the invited address; a respondent is told by
e-mail, once per publication, when assessments of their municipality are
published."""

import datetime
import re

import pytest

from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from wagtail.models import ModelLogEntry

from scorecards.models import Assessment, Respondent

from ..accounts.factories import UserFactory
from ..cms_pages.factories import MunicipalityFactory
from .factories import AssessmentFactory, MonitoredPriorityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    return UserFactory(verified=True, groups=["Editors"])


def link_in(message):
    return re.search(r"https?://\S+?(/\w\w/respondents/invitation/\S+/)", message.body).group(1)


def invite(client, editor, municipality, email, capture):
    client.force_login(editor)
    with capture(execute=True):
        response = client.post(
            reverse("scorecards_respondent_invite"),
            {"municipality": municipality.pk, "email": email},
        )
    assert response.status_code == 302
    client.logout()
    return Respondent.objects.get(email=email)


def test_editor_invites_and_only_the_invited_address_claims_once(
    client, editor, municipality, make_scorecard_page, django_capture_on_commit_callbacks
):
    make_scorecard_page(municipality)
    respondent = invite(
        client, editor, municipality, "zyra@durres.gov.al", django_capture_on_commit_callbacks
    )
    assert respondent.invited_by == editor
    assert ModelLogEntry.objects.filter(action="scorecards.respondent.invite").exists()
    (message,) = mail.outbox
    assert message.to == ["zyra@durres.gov.al"]
    link = link_in(message)
    # Someone else who got the link cannot use it.
    client.force_login(UserFactory(email="tjeter@example.org", verified=True))
    response = client.post(link)
    assert response.status_code == 403
    assert "z…@durres.gov.al" in response.text
    respondent.refresh_from_db()
    assert respondent.user is None
    # The invited address, verified, can.
    office = UserFactory(email="zyra@durres.gov.al", verified=True)
    client.force_login(office)
    assert client.post(link).status_code == 302
    respondent.refresh_from_db()
    assert respondent.user == office and respondent.claimed_at is not None
    # Used once: another account with the link is refused.
    client.force_login(UserFactory(email="i-trete@example.org", verified=True))
    assert client.post(link).status_code == 410


def test_unverified_tampered_expired_and_revoked_links_are_refused(client, editor, municipality):
    respondent = Respondent.objects.create(municipality=municipality, email="zyra@durres.gov.al")
    with translation.override("en"):
        link = respondent.get_claim_path()
    client.force_login(UserFactory(email="zyra@durres.gov.al", verified=False))
    assert "Confirm your e-mail address first" in client.get(link).text
    assert client.get(link[:-3] + "xx/").status_code == 400
    client.force_login(UserFactory(email="zyra2@durres.gov.al", verified=True))
    respondent.invited_at = timezone.now() - datetime.timedelta(days=15)
    respondent.save()
    response = client.get(link)
    assert response.status_code == 410
    assert "This invitation has expired" in response.text
    respondent.invited_at = timezone.now()
    respondent.save()
    respondent.revoke(editor)
    response = client.get(link)
    assert response.status_code == 410
    assert "no longer valid" in response.text
    assert ModelLogEntry.objects.filter(action="scorecards.respondent.revoke").exists()


def test_editor_revokes_a_respondent_in_the_admin(client, editor, municipality):
    respondent = Respondent.objects.create(
        municipality=municipality, email="zyra@durres.gov.al", claimed_at=timezone.now()
    )
    monitor = UserFactory(verified=True, groups=["Monitors"], staff_municipality=municipality)
    client.force_login(monitor)
    url = reverse("scorecards_respondent_revoke", args=[respondent.pk])
    assert client.post(url).status_code in (302, 403)
    respondent.refresh_from_db()
    assert respondent.revoked_at is None
    client.force_login(editor)
    assert client.get(reverse("wagtailsnippets_scorecards_respondent:list")).status_code == 200
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    respondent.refresh_from_db()
    assert respondent.revoked_at is not None


def test_one_email_per_respondent_per_publication(
    editor, contract, municipality, make_scorecard_page, django_capture_on_commit_callbacks
):
    make_scorecard_page(municipality)
    here = Respondent.objects.create(
        municipality=municipality,
        email="zyra@durres.gov.al",
        user=UserFactory(email="zyra@durres.gov.al", verified=True),
        claimed_at=timezone.now(),
    )
    Respondent.objects.create(  # revoked: told nothing
        municipality=municipality,
        email="ish@durres.gov.al",
        user=UserFactory(email="ish@durres.gov.al", verified=True),
        claimed_at=timezone.now(),
        revoked_at=timezone.now(),
    )
    Respondent.objects.create(  # another municipality: told nothing
        municipality=MunicipalityFactory(),
        email="zyra@tirana.gov.al",
        user=UserFactory(email="zyra@tirana.gov.al", verified=True),
        claimed_at=timezone.now(),
    )
    as_of = datetime.date(2021, 12, 31)
    for n in range(4):
        AssessmentFactory(
            priority=MonitoredPriorityFactory(contract=contract, title=f"Prioriteti {n}"),
            as_of=as_of,
            published_at=None,
        )
    with django_capture_on_commit_callbacks(execute=True):
        published = Assessment.objects.publish_round(editor, contract, as_of)
    assert len(published) == 4
    (message,) = mail.outbox
    assert message.to == [here.email]
    for n in range(4):
        assert f"Prioriteti {n}" in message.body
    assert message.body.count("/replies/") == 4
    mail.outbox.clear()
    single = AssessmentFactory(
        priority=MonitoredPriorityFactory(contract=contract), as_of=as_of, published_at=None
    )
    with django_capture_on_commit_callbacks(execute=True):
        single.publish(editor)
    assert [m.to for m in mail.outbox] == [[here.email]]


def test_the_respondents_job_commits_with_the_publication(editor, contract, municipality):
    """The respondents' e-mail is an outbox job written in the publishing
    transaction: a publication rolled back leaves no job, a committed one
    leaves exactly one (the sweep delivers it if its worker dies)."""
    from django.db import transaction

    from accounts.models import OutboxKind, OutboxMessage

    def respondent_jobs():
        return [
            job
            for job in OutboxMessage.objects.filter(kind=OutboxKind.COMPOSITION)
            if job.message["task"] == "scorecards.replies_tasks.notify_respondents"
        ]

    draft = AssessmentFactory(
        priority=MonitoredPriorityFactory(contract=contract),
        as_of=datetime.date(2021, 12, 31),
        published_at=None,
    )
    with pytest.raises(RuntimeError), transaction.atomic():
        draft.publish(editor)
        raise RuntimeError("the publishing request failed")
    draft.refresh_from_db()
    assert draft.published_at is None
    assert respondent_jobs() == []

    draft.publish(editor)  # nothing committed yet: the test's transaction
    (job,) = respondent_jobs()
    assert job.message["args"] == [draft.pk]
