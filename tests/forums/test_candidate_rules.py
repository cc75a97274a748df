"""Every candidates rule, for every role, in every phase of the endorsement
window (forums.rules.candidates)."""

import datetime

import pytest

from django.urls import reverse
from django.utils import timezone, translation

from forums.rules import candidates as rules

from .conftest import ROLES
from .factories import EndorsementFactory

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
REFUSED_ROLE = {
    "anonymous": "anonymous",
    "citizen": "not_candidate",
    "editor": "not_candidate",
    "unverified_candidate": "unverified",
    "requested_candidate": "not_confirmed",
    "declined_candidate": "not_confirmed",
    "other_municipality_candidate": "other_contract",
    "candidate": "",
}
PHASES = ["not_finalised", "open", "eve_of_election", "election_day", "after_deadline"]


def set_phase(contract, phase):
    """Move the contract (and the clock) into `phase`; returns `now`."""
    now = timezone.now()
    if phase == "not_finalised":
        contract.finalised_at = None
    elif phase == "eve_of_election":
        now = datetime.datetime.combine(
            contract.election.date - DAY, datetime.time(23, 30), tzinfo=rules.TIRANE
        )
    elif phase == "election_day":
        now = datetime.datetime.combine(
            contract.election.date, datetime.time(7, 0), tzinfo=rules.TIRANE
        )
    elif phase == "after_deadline":
        contract.endorsement_deadline = timezone.localdate() - DAY
    contract.save()
    return now


def expected(role, phase, endorsed, rule):
    reason = REFUSED_ROLE[role]
    if reason:
        return reason
    if phase == "not_finalised":
        return "not_finalised"
    if phase in ("election_day", "after_deadline"):
        return "closed"
    if rule == "withdraw":
        return "" if endorsed else "not_endorsed"
    return "endorsed" if endorsed else ""


@pytest.mark.parametrize("endorsed", [False, True])
@pytest.mark.parametrize("phase", PHASES)
@pytest.mark.parametrize("role", ROLES)
def test_rules(role, phase, endorsed, actor, contract):
    user, candidacy = actor(role)
    if endorsed:
        EndorsementFactory(candidacy=candidacy, contract=contract)
    now = set_phase(contract, phase)
    for name, rule in (
        ("positions", rules.can_state_positions),
        ("endorse", rules.can_endorse),
        ("withdraw", rules.can_withdraw),
    ):
        decision = rule(user, candidacy, contract, now)
        reason = expected(role, phase, endorsed, name)
        assert decision.reason == reason, (name, decision)
        assert bool(decision) == (reason == "")
        if reason:
            assert decision.message


def test_a_candidacy_signs_once_even_after_withdrawing(candidacy, contract):
    assert rules.can_endorse(candidacy.user, candidacy, contract)
    EndorsementFactory(candidacy=candidacy, contract=contract, withdrawn_at=timezone.now())
    assert rules.can_state_positions(candidacy.user, candidacy, contract).reason == "withdrawn"
    assert rules.can_endorse(candidacy.user, candidacy, contract).reason == "withdrawn"
    assert rules.can_withdraw(candidacy.user, candidacy, contract).reason == "not_endorsed"


def test_signing_again_after_withdrawing_is_refused_by_the_view(client, candidacy, contract):
    from forums.models import Endorsement

    EndorsementFactory(candidacy=candidacy, contract=contract, withdrawn_at=timezone.now())
    client.force_login(candidacy.user)
    with translation.override("en"):
        url = reverse("forums:endorse", args=[candidacy.pk])
    response = client.post(
        url, {"signed_name": candidacy.full_name, "commitment": "on"}, follow=True
    )
    assert Endorsement.objects.filter(candidacy=candidacy).count() == 1
    assert "a candidacy signs only once" in response.content.decode()


def test_before_the_moment_of_finalisation(candidacy, contract):
    decision = rules.can_endorse(
        candidacy.user, candidacy, contract, contract.finalised_at - datetime.timedelta(minutes=1)
    )
    assert decision.reason == "not_finalised"


@pytest.mark.parametrize(
    ("role", "request_reason", "manage_reason"),
    [
        ("anonymous", "anonymous", "not_editor"),
        ("citizen", "", "not_editor"),
        ("editor", "", ""),
        ("unverified_candidate", "unverified", "not_editor"),
        ("requested_candidate", "", "not_editor"),
        ("declined_candidate", "", "not_editor"),
        ("other_municipality_candidate", "", "not_editor"),
        ("candidate", "", "not_editor"),
    ],
)
def test_who_may_request_and_who_manages_candidacies(
    role, request_reason, manage_reason, actor, contract
):
    user, candidacy = actor(role)
    assert rules.can_request_candidacy(user).reason == request_reason
    assert rules.can_manage_candidacies(user).reason == manage_reason
    forum = rules.can_record_forum_signature(user, candidacy, contract)
    if manage_reason:
        assert forum.reason == "not_editor"
    else:
        assert forum  # a confirmed candidacy on a finalised contract, not signed yet
        EndorsementFactory(candidacy=candidacy, contract=contract)
        assert rules.can_record_forum_signature(user, candidacy, contract).reason == "endorsed"
