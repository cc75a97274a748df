"""A candidate reviews the contract, states positions, signs and withdraws;
every act is in Wagtail's log, and every refusal says why."""

import pytest

from django.urls import reverse
from django.utils import timezone

from wagtail.models import ModelLogEntry

from forums.models import Endorsement, EndorsementMethod, Position, Stance

from ..accounts.factories import UserFactory
from .factories import CandidacyFactory, EndorsementFactory, PositionFactory

pytestmark = pytest.mark.django_db


def positions_url(candidacy):
    return reverse("forums:positions", args=[candidacy.pk])


def position_data(priorities, stance="commit", statement="Do ta bëj."):
    data = {}
    for priority in priorities:
        data[f"p{priority.pk}-stance"] = stance
        data[f"p{priority.pk}-statement"] = statement
    return data


def test_candidate_sees_the_contract_and_saves_drafts(client, candidacy, priorities):
    client.force_login(candidacy.user)
    response = client.get(positions_url(candidacy))
    assert response.status_code == 200
    for priority in priorities:
        assert priority.title in response.text
    data = {
        f"p{priorities[0].pk}-stance": "partly",
        f"p{priorities[0].pk}-statement": "Pjesërisht.",
    }
    response = client.post(positions_url(candidacy), data, follow=True)
    assert '<option value="partly" selected>' in response.text
    assert "Pjesërisht." in response.text
    position = Position.objects.get(candidacy=candidacy)
    assert (position.priority, position.stance, position.statement) == (
        priorities[0],
        Stance.PARTLY,
        "Pjesërisht.",
    )
    entry = ModelLogEntry.objects.get(action="forums.position.change")
    assert entry.user == candidacy.user
    assert entry.object_id == str(position.pk)
    # Saving again unchanged logs nothing more.
    client.post(positions_url(candidacy), data)
    assert ModelLogEntry.objects.filter(action="forums.position.change").count() == 1


def test_statement_longer_than_500_characters_is_refused(client, candidacy, priorities):
    client.force_login(candidacy.user)
    data = {f"p{priorities[0].pk}-stance": "commit", f"p{priorities[0].pk}-statement": "x" * 501}
    response = client.post(positions_url(candidacy), data)
    assert response.status_code == 200
    assert not Position.objects.exists()


def test_hostile_statement_stays_inert(client, candidacy, priorities):
    client.force_login(candidacy.user)
    hostile = '<script>alert("x")</script>'
    client.post(positions_url(candidacy), position_data(priorities, statement=hostile))
    response = client.get(positions_url(candidacy))
    assert hostile not in response.text
    assert "&lt;script&gt;" in response.text


def test_another_account_gets_404(client, candidacy, priorities):
    client.force_login(UserFactory(verified=True))
    assert client.get(positions_url(candidacy)).status_code == 404
    assert client.post(positions_url(candidacy), position_data(priorities)).status_code == 404
    assert not Position.objects.exists()


def test_anonymous_is_sent_to_sign_in(client, candidacy):
    response = client.get(positions_url(candidacy))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_unconfirmed_candidacy_is_refused_with_a_reason(client, contract, priorities):
    candidacy = CandidacyFactory(contract=contract, status="requested")
    client.force_login(candidacy.user)
    response = client.get(positions_url(candidacy))
    assert response.status_code == 403
    assert "Kandidatura juaj" in response.text  # the Albanian page the candidate asked for
    client.post(positions_url(candidacy), position_data(priorities))
    assert not Position.objects.exists()


def test_endorse_records_signature_time_and_snapshot(client, candidacy, priorities, contract):
    client.force_login(candidacy.user)
    client.post(positions_url(candidacy), position_data(priorities, "commit", "Po."))
    url = reverse("forums:endorse", args=[candidacy.pk])
    response = client.post(url, {"signed_name": "  elira   MARKU ", "commitment": "on"})
    assert response.status_code == 302
    endorsement = Endorsement.objects.get()
    assert endorsement.contract == contract
    assert endorsement.signed_name == "elira MARKU"
    assert endorsement.committed
    assert endorsement.method == EndorsementMethod.ONLINE
    assert abs(endorsement.signed_at - timezone.now()).total_seconds() < 60
    assert [(p["priority"], p["stance"], p["statement"]) for p in endorsement.positions] == [
        (p.pk, "commit", "Po.") for p in priorities
    ]
    assert ModelLogEntry.objects.filter(
        action="forums.endorsement.sign", object_id=str(endorsement.pk)
    ).exists()
    # Positions are now frozen, and a second signature is refused.
    response = client.get(positions_url(candidacy))
    assert 'name="p' not in response.text
    client.post(positions_url(candidacy), position_data(priorities, "decline", "Jo."))
    assert set(Position.objects.values_list("stance", flat=True)) == {"commit"}
    client.post(url, {"signed_name": "Elira Marku", "commitment": "on"})
    assert Endorsement.objects.count() == 1


def test_endorse_needs_every_position_the_name_and_the_checkbox(client, candidacy, priorities):
    client.force_login(candidacy.user)
    url = reverse("forums:endorse", args=[candidacy.pk])
    PositionFactory(candidacy=candidacy, priority=priorities[0])
    response = client.post(url, {"signed_name": "Elira Marku", "commitment": "on"})
    assert response.status_code == 200
    assert not Endorsement.objects.exists()
    for priority in priorities[1:]:
        PositionFactory(candidacy=candidacy, priority=priority)
    response = client.post(url, {"signed_name": "Someone Else", "commitment": "on"})
    assert response.status_code == 200
    assert "Elira Marku" in response.text
    response = client.post(url, {"signed_name": "Elira Marku"})
    assert response.status_code == 200
    assert not Endorsement.objects.exists()
    hostile = "<b>Elira</b> Marku"
    response = client.post(url, {"signed_name": hostile, "commitment": "on"})
    assert "<b>Elira</b>" not in response.text
    assert not Endorsement.objects.exists()


def test_withdraw_keeps_the_record_dated_with_its_reason(client, candidacy, contract):
    endorsement = EndorsementFactory(candidacy=candidacy, contract=contract)
    client.force_login(candidacy.user)
    url = reverse("forums:withdraw", args=[candidacy.pk])
    response = client.post(url, {"reason": ""})
    assert response.status_code == 200
    endorsement.refresh_from_db()
    assert endorsement.withdrawn_at is None
    response = client.post(url, {"reason": "Ndryshova mendje."})
    assert response.status_code == 302
    endorsement.refresh_from_db()
    assert endorsement.withdrawn_at is not None
    assert endorsement.withdrawal_reason == "Ndryshova mendje."
    assert Endorsement.objects.count() == 1
    assert ModelLogEntry.objects.filter(action="forums.endorsement.withdraw").exists()
    # Not twice.
    client.post(url, {"reason": "Sërish."})
    endorsement.refresh_from_db()
    assert endorsement.withdrawal_reason == "Ndryshova mendje."


def test_after_withdrawing_the_candidate_lands_on_a_page_they_may_see(
    client, candidacy, contract, priorities
):
    EndorsementFactory(candidacy=candidacy, contract=contract)
    PositionFactory(candidacy=candidacy, priority=priorities[0], statement="Do ta bëj.")
    client.force_login(candidacy.user)
    url = reverse("forums:withdraw", args=[candidacy.pk]).replace("/en/", "/sq/", 1)
    response = client.post(url, {"reason": "Ndryshova mendje."}, follow=True)
    assert response.status_code == 200
    assert "Nënshkrimi juaj u tërhoq. Tërheqja është publike." in response.text
    assert (
        "E keni tërhequr nënshkrimin: qëndrimet tuaja mbeten siç ishin kur nënshkruat."
        in response.text
    )
    assert "Do ta bëj." in response.text
    # What they see is read only: positions stay as they were.
    client.post(response.redirect_chain[-1][0], position_data(priorities, statement="Tjetër."))
    assert Position.objects.get(priority=priorities[0]).statement == "Do ta bëj."


def test_database_holds_one_live_endorsement_per_candidacy(candidacy, contract):
    from django.db import IntegrityError, transaction

    EndorsementFactory(candidacy=candidacy, contract=contract, withdrawn_at=timezone.now())
    EndorsementFactory(candidacy=candidacy, contract=contract)
    with pytest.raises(IntegrityError), transaction.atomic():
        EndorsementFactory(candidacy=candidacy, contract=contract)


def test_my_candidacies_lists_own_only(client, candidacy, contract):
    other = CandidacyFactory(contract=contract, full_name="Besnik Hoxha")
    client.force_login(candidacy.user)
    response = client.get(reverse("forums:my_candidacies"))
    assert "Elira Marku" in response.text
    assert other.full_name not in response.text


def test_review_and_sign_saves_the_positions_first(client, candidacy, priorities):
    """ "Review and sign" is a button of the positions form: what was typed
    is saved, then the review opens with it; invalid input stays on the form."""
    client.force_login(candidacy.user)
    page = client.get(positions_url(candidacy)).text
    assert 'name="then" value="endorse"' in page
    assert "forums/unsaved.js" in page and "data-warn-unsaved" in page
    data = position_data(priorities, "partly", "Me buxhetin e vitit të dytë.")
    response = client.post(positions_url(candidacy), {**data, "then": "endorse"})
    assert response.status_code == 302
    assert response["Location"] == reverse("forums:endorse", args=[candidacy.pk])
    assert set(Position.objects.values_list("stance", "statement")) == {
        ("partly", "Me buxhetin e vitit të dytë.")
    }
    review = client.get(response["Location"]).text
    assert review.count("Me buxhetin e vitit të dytë.") == len(priorities)
    too_long = {**data, f"p{priorities[0].pk}-statement": "x" * 501, "then": "endorse"}
    response = client.post(positions_url(candidacy), too_long)
    assert response.status_code == 200
    assert "x" * 501 in response.text
    assert not Position.objects.filter(statement="x" * 501).exists()
