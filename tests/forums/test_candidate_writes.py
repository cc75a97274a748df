"""The candidates' writes and reads on the models, called directly and through
their URLs: each holds its transaction and its log entry, and a refusal at
the moment of writing is a `Refused` carrying the reason, which the view
shows as a message."""

import datetime

import pytest

from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from wagtail.models import ModelLogEntry

from consultations.rules import ALLOWED
from forums.models import (
    Candidacy,
    Endorsement,
    EndorsementMethod,
    Invitation,
    Position,
    Refused,
    contract_priorities,
)
from forums.rules import candidates as rules

from ..accounts.factories import UserFactory
from ..cms_pages.test_reference_data import translate
from ..consultations.factories import PriorityFactory
from .factories import CandidacyFactory, EndorsementFactory, PartyFactory, PositionFactory
from .forum_helpers import make_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    return UserFactory(verified=True, groups=["Editors"])


@pytest.fixture
def scan():
    return make_document()


def logged(action, obj):
    return ModelLogEntry.objects.filter(action=action, object_id=str(obj.pk)).exists()


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


# --- asking for a candidacy, editors' decisions --------------------------------------


def test_request_records_a_requested_candidacy_and_logs_it(citizen, contract):
    candidacy = Candidacy.objects.request(
        citizen,
        full_name="Arta Hoxha",
        municipality=contract.municipality,
        election=contract.election,
        party=None,
        biography="",
    )
    assert (candidacy.user, candidacy.status) == (citizen, "requested")
    assert candidacy.requested_at is not None
    assert logged("forums.candidacy.request", candidacy)


def test_confirm_once_and_the_person_is_told(
    editor, citizen, contract, django_capture_on_commit_callbacks
):
    candidacy = CandidacyFactory(contract=contract, user=citizen, status="requested")
    with django_capture_on_commit_callbacks(execute=True):
        assert candidacy.confirm(editor) is True
    assert candidacy.confirm(editor) is False  # already confirmed: nothing more
    candidacy.refresh_from_db()
    assert (candidacy.status, candidacy.confirmed_by) == ("confirmed", editor)
    assert ModelLogEntry.objects.filter(action="forums.candidacy.confirm").count() == 1
    assert [m.to for m in mail.outbox] == [[citizen.email]]


def test_decline_is_refused_while_a_signature_is_live(editor, candidacy, contract):
    EndorsementFactory(candidacy=candidacy, contract=contract)
    with translation.override("en"), pytest.raises(Refused) as refused:
        candidacy.decline(editor, "Jo")
    assert refused.value.reason == "endorsed"
    assert refused.value.message == "A candidacy whose signature is live cannot be declined."
    candidacy.refresh_from_db()
    assert candidacy.status == "confirmed"


def test_decline_through_the_admin_shows_the_refusal(client, editor, candidacy, contract):
    EndorsementFactory(candidacy=candidacy, contract=contract)
    client.force_login(editor)
    response = client.post(
        reverse("forums_candidacy_decline", args=[candidacy.pk]), {"reason": "Jo"}, follow=True
    )
    assert "Një kandidaturë me nënshkrim aktiv nuk mund të refuzohet." in messages_of(response)
    candidacy.refresh_from_db()
    assert candidacy.status == "confirmed"
    assert not logged("forums.candidacy.decline", candidacy)


def test_decline_records_the_reason_once(editor, citizen, contract):
    candidacy = CandidacyFactory(contract=contract, user=citizen, status="requested")
    assert candidacy.decline(editor, "Mungojnë të dhënat.") is True
    assert candidacy.decline(editor, "Sërish.") is False
    candidacy.refresh_from_db()
    assert (candidacy.status, candidacy.decline_reason) == ("declined", "Mungojnë të dhënat.")
    assert candidacy.confirmed_by is None


def test_the_result_is_recorded_after_election_day_only(editor, candidacy, contract):
    with pytest.raises(Refused) as refused:
        candidacy.record_result(True, editor)
    assert refused.value.reason == "before_election"
    contract.election.date = timezone.localdate() - datetime.timedelta(days=1)
    contract.election.save()
    candidacy.refresh_from_db()
    assert candidacy.record_result(True, editor) is True
    assert candidacy.record_result(True, editor) is False
    assert Candidacy.objects.get(pk=candidacy.pk).won
    assert logged("forums.candidacy.won", candidacy)


def test_the_result_refusal_is_a_message_in_the_admin(client, editor, candidacy):
    client.force_login(editor)
    response = client.post(
        reverse("forums_candidacy_result", args=[candidacy.pk]), {"won": "1"}, follow=True
    )
    assert "Rezultati mund të regjistrohet pas ditës së zgjedhjeve." in messages_of(response)


# --- invitations ---------------------------------------------------------------------


@pytest.fixture
def invited(contract):
    return CandidacyFactory(contract=contract, full_name="Teuta Kodra", user=None)


def test_send_revokes_the_older_links_and_queues_the_email(
    editor, invited, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = Invitation.objects.send(invited, "old@example.org", editor)
        second = Invitation.objects.send(invited, "new@example.org", editor)
    first.refresh_from_db()
    assert first.revoked_at is not None and second.revoked_at is None
    assert second.sent_by == editor
    assert [m.to for m in mail.outbox] == [["new@example.org"]]  # the revoked one is not sent
    assert ModelLogEntry.objects.filter(action="forums.invitation.send").count() == 2


def test_revoke_is_logged_on_the_candidacy(editor, invited):
    invitation = Invitation.objects.create(candidacy=invited, email="teuta@example.org")
    invitation.revoke(editor)
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    assert logged("forums.invitation.revoke", invited)


def test_claim_links_the_candidacy_once(invited):
    invitation = Invitation.objects.create(candidacy=invited, email="teuta@example.org")
    user = UserFactory(email="teuta@example.org", verified=True)
    assert Invitation.objects.claim(invitation, user) == invited
    invited.refresh_from_db()
    assert invited.user == user
    assert logged("forums.invitation.claim", invited)
    with pytest.raises(Refused) as refused:
        Invitation.objects.claim(invitation, UserFactory(verified=True))
    assert refused.value.reason == "claimed"


def test_claim_asks_the_rule_again_on_the_locked_row(invited):
    """Someone else claimed it between the page and the click: the row read
    under the lock decides, and the view says why."""
    invitation = Invitation.objects.create(candidacy=invited, email="teuta@example.org")
    first = UserFactory(verified=True)
    Invitation.objects.filter(pk=invitation.pk).update(claimed_at=timezone.now(), claimed_by=first)
    user = UserFactory(email="teuta@example.org", verified=True)
    assert rules.can_claim(user, invitation)  # the stale row still looks open
    with pytest.raises(Refused) as refused:
        Invitation.objects.claim(invitation, user)
    assert refused.value.reason == "claimed"
    invited.refresh_from_db()
    assert invited.user is None


def test_a_refused_claim_from_my_candidacies_is_a_message(client, invited, monkeypatch):
    user = UserFactory(email="teuta@example.org", verified=True)
    invitation = Invitation.objects.create(candidacy=invited, email="teuta@example.org")
    stale = Invitation.objects.waiting_for(user).get()
    assert stale == invitation

    def claim_after_someone_else(invitation, user):
        Invitation.objects.filter(pk=invitation.pk).update(revoked_at=timezone.now())
        return original(invitation, user)

    original = Invitation.objects.claim
    monkeypatch.setattr(Invitation.objects, "claim", claim_after_someone_else)
    client.force_login(user)
    with translation.override("en"):
        url = reverse("forums:claim_pending", args=[invitation.pk])
        listing = reverse("forums:my_candidacies")
    response = client.post(url, follow=True)
    assert response.redirect_chain[-1][0].endswith(listing)
    assert any("no longer valid" in message for message in messages_of(response))
    invited.refresh_from_db()
    assert invited.user is None


def test_waiting_for_lists_invitations_to_verified_addresses_only(invited, contract):
    user = UserFactory(email="teuta@example.org", verified=True)
    mine = Invitation.objects.create(candidacy=invited, email="TEUTA@example.org")
    declined = CandidacyFactory(contract=contract, user=None, status="declined")
    Invitation.objects.create(candidacy=declined, email="teuta@example.org")
    Invitation.objects.create(
        candidacy=CandidacyFactory(contract=contract, user=None), email="else@example.org"
    )
    assert list(Invitation.objects.waiting_for(user)) == [mine]
    assert not Invitation.objects.waiting_for(UserFactory(verified=False)).exists()


# --- positions, signatures, withdrawals ------------------------------------------------


def test_state_saves_changes_keeps_drafts_and_logs_each_change(candidacy, priorities):
    first, second, third = priorities
    stances = {first: ("commit", " Po. "), second: ("", ""), third: ("", "Ende po mendoj.")}
    assert Position.objects.state(candidacy, stances, candidacy.user) == 2
    saved = {p.priority_id: (p.stance, p.statement) for p in Position.objects.all()}
    assert saved == {first.pk: ("commit", "Po."), third.pk: ("", "Ende po mendoj.")}
    # Unchanged: nothing written, nothing logged.
    assert Position.objects.state(candidacy, stances, candidacy.user) == 0
    assert ModelLogEntry.objects.filter(action="forums.position.change").count() == 2
    assert Position.objects.state(candidacy, {first: ("decline", "Jo.")}, candidacy.user) == 1
    entry = ModelLogEntry.objects.filter(action="forums.position.change").latest("pk")
    assert entry.data["before"] == "commit" and entry.data["stance"] == "decline"
    assert list(Position.objects.stated().values_list("priority", flat=True)) == [first.pk]


def test_sign_needs_every_position_then_snapshots_them(candidacy, contract, priorities):
    PositionFactory(candidacy=candidacy, priority=priorities[0])
    with translation.override("en"), pytest.raises(Refused) as refused:
        Endorsement.objects.sign(candidacy, contract, "Elira Marku", candidacy.user)
    assert refused.value.reason == "undecided"
    assert refused.value.message == "State a position on every priority before you sign."
    for priority in priorities[1:]:
        PositionFactory(candidacy=candidacy, priority=priority, stance="partly")
    endorsement = Endorsement.objects.sign(candidacy, contract, "Elira Marku", candidacy.user)
    assert endorsement.method == EndorsementMethod.ONLINE and endorsement.committed
    assert [p["priority"] for p in endorsement.positions] == [p.pk for p in priorities]
    assert [p["stance"] for p in endorsement.positions] == ["commit", "partly", "partly"]
    assert logged("forums.endorsement.sign", endorsement)


def test_a_second_signature_at_the_same_moment_is_refused(candidacy, contract, priorities):
    for priority in priorities:
        PositionFactory(candidacy=candidacy, priority=priority)
    Endorsement.objects.sign(candidacy, contract, "Elira Marku", candidacy.user)
    with pytest.raises(Refused) as refused:
        Endorsement.objects.sign(candidacy, contract, "Elira Marku", candidacy.user)
    assert refused.value.reason == "endorsed"
    assert Endorsement.objects.count() == 1


def test_the_view_shows_a_signature_refused_by_the_database(
    client, candidacy, contract, priorities, monkeypatch
):
    """The rule let both clicks through; the database keeps one signature."""
    for priority in priorities:
        PositionFactory(candidacy=candidacy, priority=priority)
    EndorsementFactory(candidacy=candidacy, contract=contract)
    monkeypatch.setattr(rules, "can_endorse", lambda *args, **kwargs: ALLOWED)
    client.force_login(candidacy.user)
    with translation.override("en"):
        url = reverse("forums:endorse", args=[candidacy.pk])
    response = client.post(url, {"signed_name": "Elira Marku", "commitment": "on"}, follow=True)
    assert "You have already signed this contract." in messages_of(response)
    assert Endorsement.objects.count() == 1


def test_withdraw_records_the_reason_and_refuses_without_a_live_signature(candidacy, contract):
    with pytest.raises(Refused) as refused:
        Endorsement.objects.withdraw(candidacy, contract, "Arsye", candidacy.user)
    assert refused.value.reason == "not_endorsed"
    signed = EndorsementFactory(candidacy=candidacy, contract=contract)
    withdrawn = Endorsement.objects.withdraw(candidacy, contract, "Arsye", candidacy.user)
    assert withdrawn == signed
    signed.refresh_from_db()
    assert signed.withdrawn_at is not None and signed.withdrawal_reason == "Arsye"
    assert logged("forums.endorsement.withdraw", signed)


def test_record_at_forum_keeps_the_scan_and_the_positions(
    editor, candidacy, contract, priorities, scan
):
    PositionFactory(candidacy=candidacy, priority=priorities[1], stance="decline")
    signed_on = timezone.localdate()
    endorsement = Endorsement.objects.record_at_forum(
        candidacy, contract, "Elira Marku", signed_on, scan, editor
    )
    assert endorsement.method == EndorsementMethod.FORUM and endorsement.scan == scan
    assert timezone.localtime(endorsement.signed_at).date() == signed_on
    assert timezone.localtime(endorsement.signed_at).hour == 12
    assert endorsement.positions == [
        {
            "priority": priorities[1].pk,
            "stance": "decline",
            "statement": endorsement.positions[0]["statement"],
        }
    ]
    assert logged("forums.endorsement.record", endorsement)
    with pytest.raises(Refused) as refused:
        Endorsement.objects.record_at_forum(
            candidacy, contract, "Elira Marku", signed_on, scan, editor
        )
    assert refused.value.reason == "endorsed"


# --- reads ---------------------------------------------------------------------------


def test_signatories_in_the_reader_language(candidacy, contract, en):
    party = PartyFactory(name="Partia e Gjelbër")
    translate(party, en, name="Green Party")
    signed = CandidacyFactory(contract=contract, full_name="Ana Aliu", party=party)
    withdrew = CandidacyFactory(contract=contract, full_name="Besa Bardhi", party=None)
    CandidacyFactory(contract=contract, status="requested")
    EndorsementFactory(candidacy=signed, contract=contract)
    EndorsementFactory(candidacy=withdrew, contract=contract, withdrawn_at=timezone.now())
    with translation.override("en"):
        lists = Endorsement.objects.signatories(contract)
    assert [e.candidacy.full_name for e in lists["signed"]] == ["Ana Aliu"]
    assert lists["signed"][0].candidacy.localized_party_name == "Green Party"
    assert [e.candidacy.full_name for e in lists["withdrawn"]] == ["Besa Bardhi"]
    assert [c.full_name for c in lists["not_signed"]] == ["Besa Bardhi", "Elira Marku"]
    with translation.override("sq"):
        lists = Endorsement.objects.signatories(contract)
    assert lists["signed"][0].candidacy.localized_party_name == "Partia e Gjelbër"


def test_latest_by_candidacy(candidacy, contract):
    EndorsementFactory(
        candidacy=candidacy,
        contract=contract,
        signed_at=timezone.now() - datetime.timedelta(days=2),
        withdrawn_at=timezone.now(),
    )
    latest = EndorsementFactory(candidacy=candidacy, contract=contract)
    assert Endorsement.objects.latest_by_candidacy(contract, [candidacy]) == {candidacy.pk: latest}


def test_contract_priorities_are_the_source_rows_in_the_contract(contract, priorities, en):
    PriorityFactory(contract=contract, in_contract=False)
    translate(priorities[0], en, title="Clean water")
    assert list(contract_priorities(contract)) == priorities
    with translation.override("en"):
        titles = [p.localized_title for p in contract_priorities(contract).localized("title")]
    assert titles == ["Clean water", priorities[1].title, priorities[2].title]


def test_pages_show_party_and_priority_in_english(client, candidacy, contract, priorities, en):
    translate(candidacy.party, en, name="Green Party")
    translate(priorities[0], en, title="Clean water", description="Every day.")
    translate(contract.municipality, en, name="Durres")
    PositionFactory(candidacy=candidacy, priority=priorities[0])
    with translation.override("en"):
        profile = client.get(reverse("forums:candidate", args=[candidacy.pk])).text
        offers = client.get(
            reverse(
                "forums:side_by_side",
                args=[contract.municipality.slug, contract.election.date.year],
            )
        ).text
        client.force_login(candidacy.user)
        own = client.get(reverse("forums:positions", args=[candidacy.pk])).text
    assert "Green Party" in profile and "Clean water" in profile and "Durres" in profile
    assert "Green Party" in offers and "Clean water" in offers and "Durres" in offers
    assert "Clean water" in own and "Every day." in own and "Durres" in own


def test_record_edit_treats_the_edit_form_as_the_dedicated_actions(editor, citizen, contract):
    candidacy = CandidacyFactory(contract=contract, user=citizen, status="requested")
    loaded = Candidacy.objects.get(pk=candidacy.pk)
    loaded.status, loaded.won = "confirmed", True
    loaded.save()
    loaded.record_edit(editor)
    loaded.refresh_from_db()
    assert loaded.confirmed_by == editor and loaded.confirmed_at is not None
    assert logged("forums.candidacy.confirm", loaded) and logged("forums.candidacy.won", loaded)
    back = Candidacy.objects.get(pk=candidacy.pk)
    back.status = "requested"
    back.save()
    back.record_edit(editor)
    back.refresh_from_db()
    assert back.confirmed_by is None and back.confirmed_at is None
    assert ModelLogEntry.objects.filter(action="forums.candidacy.confirm").count() == 1
