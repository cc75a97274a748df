"""A person asks for a candidacy; editors confirm or decline it (the person
is told by e-mail), record signatures made on paper at the forum and mark
who won. Editors only, every act in Wagtail's log, hostile text inert."""

import datetime

import pytest

from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone, translation

from wagtail.documents import get_document_model
from wagtail.models import ModelLogEntry

from accounts.personal_data import delete_account, export_personal_data
from forums.models import Candidacy, Endorsement, Invitation
from forums.rules import candidates as rules

from ..accounts.factories import UserFactory
from ..cms_pages.factories import ElectionFactory
from .factories import CandidacyFactory, EndorsementFactory, PositionFactory

pytestmark = pytest.mark.django_db

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture
def editor():
    return UserFactory(verified=True, groups=["Editors"])


@pytest.fixture
def scan():
    return get_document_model().objects.create(
        title="Skanimi i kontratës", file=ContentFile(b"%PDF-1.4 demo", name="kontrata.pdf")
    )


def logged(action, obj):
    return ModelLogEntry.objects.filter(action=action, object_id=str(obj.pk)).exists()


def request_data(contract, **overrides):
    return {
        "full_name": "Arta Hoxha",
        "municipality": contract.municipality_id,
        "election": contract.election_id,
        "party": "",
        "biography": "Mësuese.",
        **overrides,
    }


def test_verified_user_requests_a_candidacy(client, citizen, contract):
    client.force_login(citizen)
    response = client.get("/en/candidates/request/")
    assert response.status_code == 200
    response = client.post(
        "/en/candidates/request/", request_data(contract, full_name=HOSTILE, biography=HOSTILE)
    )
    assert response.status_code == 302
    candidacy = Candidacy.objects.get(user=citizen)
    assert candidacy.status == "requested"
    assert candidacy.requested_at is not None
    assert candidacy.full_name == HOSTILE  # kept as typed, shown escaped
    assert logged("forums.candidacy.request", candidacy)
    listing = client.get("/en/candidates/")
    assert "<script>alert" not in listing.text
    assert "&lt;script&gt;" in listing.text
    assert "Requested" in listing.text
    # Not twice for the same election.
    response = client.post("/en/candidates/request/", request_data(contract))
    assert response.status_code == 200
    assert "You already have a candidacy for this election." in response.text
    assert 'value="Arta Hoxha"' in response.text  # nothing typed is lost
    assert Candidacy.objects.filter(user=citizen).count() == 1


def test_past_elections_cannot_be_chosen(client, citizen, contract):
    past = ElectionFactory(date=datetime.date(2019, 6, 30))
    client.force_login(citizen)
    response = client.post("/en/candidates/request/", request_data(contract, election=past.pk))
    assert response.status_code == 200
    assert not Candidacy.objects.exists()


def test_unverified_or_anonymous_cannot_request(client, contract):
    response = client.get("/en/candidates/request/")
    assert response.status_code == 302
    client.force_login(UserFactory(verified=False))
    response = client.post("/en/candidates/request/", request_data(contract))
    assert response.status_code == 403
    assert "Confirm your e-mail address" in response.text
    assert not Candidacy.objects.exists()


def test_editor_confirms_a_request_and_the_person_is_told(
    client, editor, citizen, contract, django_capture_on_commit_callbacks
):
    candidacy = CandidacyFactory(contract=contract, user=citizen, status="requested")
    client.force_login(editor)
    page = client.get(reverse("forums_candidacy_manage", args=[candidacy.pk]))
    assert page.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("forums_candidacy_confirm", args=[candidacy.pk]))
    assert response.status_code == 302
    candidacy.refresh_from_db()
    assert candidacy.status == "confirmed"
    assert candidacy.confirmed_by == editor and candidacy.confirmed_at is not None
    assert logged("forums.candidacy.confirm", candidacy)
    (message,) = mail.outbox
    assert message.to == [citizen.email]
    assert candidacy.municipality.name in message.body


def test_editor_declines_a_request_with_a_reason(
    client, editor, citizen, contract, django_capture_on_commit_callbacks
):
    candidacy = CandidacyFactory(contract=contract, user=citizen, status="requested")
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("forums_candidacy_decline", args=[candidacy.pk]), {"reason": HOSTILE}
        )
    assert response.status_code == 302
    candidacy.refresh_from_db()
    assert candidacy.status == "declined"
    assert candidacy.decline_reason == HOSTILE
    assert logged("forums.candidacy.decline", candidacy)
    (message,) = mail.outbox
    assert HOSTILE in message.body  # plain text e-mail: nothing to run
    client.force_login(citizen)
    listing = client.get("/en/candidates/")
    assert "Declined" in listing.text and "&lt;script&gt;" in listing.text
    assert not rules.can_endorse(citizen, candidacy, contract)


def test_declining_through_the_edit_form_is_logged_too(client, editor, citizen, contract):
    candidacy = CandidacyFactory(contract=contract, user=citizen, status="requested")
    client.force_login(editor)
    response = client.post(
        reverse("wagtailsnippets_forums_candidacy:edit", args=[candidacy.pk]),
        {
            "full_name": candidacy.full_name,
            "party": candidacy.party_id,
            "municipality": contract.municipality_id,
            "election": contract.election_id,
            "biography": "",
            "user": citizen.pk,
            "status": "declined",
            "won": "",
        },
    )
    assert response.status_code == 302
    assert logged("forums.candidacy.decline", candidacy)


@pytest.mark.parametrize("role", ["anonymous", "citizen", "candidate", "moderator"])
def test_only_editors_use_the_candidacy_actions(client, role, candidacy, contract, scan):
    requested = CandidacyFactory(contract=contract, status="requested")
    if role == "citizen":
        client.force_login(UserFactory(verified=True))
    elif role == "candidate":
        client.force_login(candidacy.user)
    elif role == "moderator":
        client.force_login(UserFactory(verified=True, groups=["Moderators"]))
    posts = [
        ("forums_candidacy_manage", requested, {"email": "x@example.org"}),
        ("forums_candidacy_confirm", requested, {}),
        ("forums_candidacy_decline", requested, {"reason": "Jo"}),
        ("forums_candidacy_result", candidacy, {"won": "1"}),
        (
            "forums_candidacy_forum_signature",
            candidacy,
            {"signed_name": candidacy.full_name, "signed_on": "2020-01-01", "scan": scan.pk},
        ),
    ]
    for name, target, data in posts:
        response = client.post(reverse(name, args=[target.pk]), data)
        # Signed out: to the admin's sign-in; signed in: refused or sent away.
        assert response.status_code in (302, 403), name
        if role == "anonymous":
            assert "/login/" in response["Location"], name
    requested.refresh_from_db()
    candidacy.refresh_from_db()
    assert requested.status == "requested" and not candidacy.won
    assert not Invitation.objects.exists()
    assert not Endorsement.objects.exists()


def test_editor_records_a_signature_at_the_forum(
    client, editor, candidacy, contract, priorities, scan
):
    PositionFactory(candidacy=candidacy, priority=priorities[0])
    client.force_login(editor)
    manage = client.get(reverse("forums_candidacy_manage", args=[candidacy.pk]))
    assert manage.status_code == 200
    assert "Regjistroni nënshkrimin" in manage.text
    listing = client.get(reverse("wagtailsnippets_forums_candidacy:list"))
    assert reverse("forums_candidacy_manage", args=[candidacy.pk]) in listing.text
    url = reverse("forums_candidacy_forum_signature", args=[candidacy.pk])
    # Bad input: a date in the future; the form comes back with what was typed.
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    response = client.post(
        url, {"signed_name": "Elira  Marku", "signed_on": tomorrow, "scan": scan.pk}
    )
    assert response.status_code == 200
    assert "Data nuk mund të jetë në të ardhmen." in response.text
    assert not Endorsement.objects.exists()
    today = timezone.localdate().isoformat()
    response = client.post(url, {"signed_name": HOSTILE, "signed_on": today, "scan": scan.pk})
    assert response.status_code == 302
    endorsement = Endorsement.objects.get()
    assert endorsement.method == "forum"
    assert endorsement.scan == scan
    assert endorsement.signed_name == HOSTILE
    assert endorsement.signed_at.date() == timezone.localdate()
    assert endorsement.positions[0]["priority"] == priorities[0].pk
    assert logged("forums.endorsement.record", endorsement)
    # Public: "signed at the forum", the name inert.
    with translation.override("en"):
        profile = client.get(reverse("forums:candidate", args=[candidacy.pk]))
    assert "Signed at the forum" in profile.text
    # Not twice while the signature is live.
    response = client.post(url, {"signed_name": "X", "signed_on": today, "scan": scan.pk})
    assert response.status_code == 302
    assert Endorsement.objects.count() == 1


def test_forum_signature_needs_a_finalised_contract_and_a_confirmed_candidacy(editor, contract):
    requested = CandidacyFactory(contract=contract, status="requested")
    assert rules.can_record_forum_signature(editor, requested, contract).reason == "not_confirmed"
    contract.finalised_at = None
    confirmed = CandidacyFactory(contract=contract)
    assert rules.can_record_forum_signature(editor, confirmed, contract).reason == "not_finalised"
    assert rules.can_record_forum_signature(AnonymousUser(), confirmed, contract).reason == (
        "not_editor"
    )


def test_editor_marks_the_winner_after_election_day(client, editor, candidacy, contract):
    client.force_login(editor)
    url = reverse("forums_candidacy_result", args=[candidacy.pk])
    client.post(url, {"won": "1"})  # the election is ahead: refused
    candidacy.refresh_from_db()
    assert not candidacy.won
    contract.election.date = timezone.localdate() - datetime.timedelta(days=1)
    contract.election.save()
    client.post(url, {"won": "1"})
    candidacy.refresh_from_db()
    assert candidacy.won
    assert logged("forums.candidacy.won", candidacy)
    client.post(url, {"won": "0"})
    candidacy.refresh_from_db()
    assert not candidacy.won
    assert logged("forums.candidacy.lost", candidacy)


def test_personal_data_export_and_deletion(citizen, contract, candidacy):
    requested = CandidacyFactory(
        contract=contract, user=citizen, status="requested", full_name="Kërkesë Ime"
    )
    confirmed = candidacy
    claimer = confirmed.user
    Invitation.objects.create(
        candidacy=confirmed, email=claimer.email, claimed_by=claimer, claimed_at=timezone.now()
    )
    EndorsementFactory(candidacy=confirmed, contract=contract)
    data = export_personal_data(citizen)
    assert [c["full_name"] for c in data["candidacies"]] == ["Kërkesë Ime"]
    claimer_data = export_personal_data(claimer)
    assert claimer_data["candidacies"][0]["signatures"][0]["signed_name"] == confirmed.full_name
    assert claimer_data["candidacy_invitations"][0]["claimed_by_you"] is True
    delete_account(citizen)
    assert not Candidacy.objects.filter(pk=requested.pk).exists()
    delete_account(claimer)
    confirmed.refresh_from_db()
    assert confirmed.user is None  # the public record stays
    assert not Invitation.objects.exists()
