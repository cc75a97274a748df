"""Closing a consultation early from the finalising screen: an editor gives
a reason and confirms; the closing time is set to now and the act logged
with the planned time; the contract can then be finalised. Refusals: no
reason or no confirmation (nothing typed lost), a closed consultation, a
moderator."""

import pytest

from django.urls import reverse
from django.utils import timezone

from wagtail.models import ModelLogEntry

from consultations import rules
from consultations.decisions import Refused
from consultations.models import Phase

from ..accounts.factories import UserFactory
from .factories import PriorityFactory, SocialContractFactory

pytestmark = pytest.mark.django_db

ACTION = "consultations.contract.close_early"


@pytest.fixture
def editor():
    return UserFactory(verified=True, groups=["Editors"])


@pytest.fixture
def contract():
    contract = SocialContractFactory(phase=Phase.OPEN)
    PriorityFactory.create_batch(2, contract=contract)
    return contract


def close_url(contract):
    return reverse("consultations_close_early", args=[contract.pk])


def finalise_url(contract):
    return reverse("consultations_finalise", args=[contract.pk])


def test_the_finalising_screen_offers_to_close_an_open_consultation(client, editor, contract):
    client.force_login(editor)
    page = client.get(finalise_url(contract)).content.decode()
    assert "Mbyllni konsultimin tani" in page
    assert close_url(contract) in page
    assert "Finalizoni kontratën</button>" not in page


def test_an_editor_closes_early_with_a_reason_then_finalises(client, editor, contract):
    planned = contract.closes_at
    client.force_login(editor)
    before = timezone.now()
    response = client.post(
        close_url(contract), {"reason": "Bashkia kërkoi rezultatet.", "confirm": "on"}
    )
    assert response.status_code == 302
    assert response["Location"] == finalise_url(contract)
    contract.refresh_from_db()
    assert before <= contract.closes_at <= timezone.now()
    assert contract.phase == Phase.CLOSED
    [entry] = ModelLogEntry.objects.filter(action=ACTION)
    assert entry.user == editor
    assert int(entry.object_id) == contract.pk
    assert entry.data == {
        "reason": "Bashkia kërkoi rezultatet.",
        "planned_closing": planned.isoformat(),
    }
    page = client.get(finalise_url(contract)).content.decode()
    assert "Konsultimi u mbyll. Tani mund ta finalizoni kontratën." in page
    assert "Mbyllni konsultimin tani" not in page
    chosen = [p.pk for p in contract.priorities.all()[:1]]
    response = client.post(finalise_url(contract), {"priorities": chosen})
    assert response.status_code == 302
    contract.refresh_from_db()
    assert contract.phase == Phase.FINALISED


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"reason": "", "confirm": "on"}, "Kjo fushë është e domosdoshme."),
        (
            {"reason": "Arsye e shkruar", "confirm": ""},
            "Shënoni kutinë për të konfirmuar që konsultimi mbyllet tani.",
        ),
    ],
)
def test_without_reason_or_confirmation_nothing_changes(client, editor, contract, data, message):
    planned = contract.closes_at
    client.force_login(editor)
    response = client.post(close_url(contract), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    if data["reason"]:
        assert "Arsye e shkruar" in page  # nothing typed is lost
    contract.refresh_from_db()
    assert contract.closes_at == planned
    assert not ModelLogEntry.objects.filter(action=ACTION).exists()


def test_a_closed_consultation_cannot_be_closed_again(client, editor):
    contract = SocialContractFactory(phase=Phase.CLOSED)
    client.force_login(editor)
    response = client.post(close_url(contract), {"reason": "Përsëri", "confirm": "on"}, follow=True)
    assert response.redirect_chain == [(finalise_url(contract), 302)]
    assert "Vetëm një konsultim i hapur mund të mbyllet para kohe." in response.content.decode()
    with pytest.raises(Refused):
        contract.close_early(editor, "Përsëri")
    assert not ModelLogEntry.objects.filter(action=ACTION).exists()


def test_a_moderator_cannot_close_early(client, contract):
    moderator = UserFactory(verified=True, groups=["Moderators"])
    client.force_login(moderator)
    response = client.post(close_url(contract), {"reason": "Jo", "confirm": "on"})
    assert response.status_code in (302, 403)
    contract.refresh_from_db()
    assert contract.phase == Phase.OPEN
    assert not rules.can_close_early(moderator, contract)


def test_get_does_not_close(client, editor, contract):
    client.force_login(editor)
    assert client.get(close_url(contract)).status_code == 405
    contract.refresh_from_db()
    assert contract.phase == Phase.OPEN
