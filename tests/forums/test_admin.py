"""Editors in the Wagtail admin: candidacies filtered and confirmed (who and
when recorded, logged), signatures at the forum recorded, nothing deleted."""

import pytest

from django.urls import reverse

from wagtail.models import ModelLogEntry

from forums.models import Candidacy, Endorsement

from ..accounts.factories import UserFactory
from .factories import CandidacyFactory, EndorsementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    return UserFactory(verified=True, groups=["Editors"])


def test_editor_filters_candidacies_by_status(client, editor, contract):
    requested = CandidacyFactory(contract=contract, status="requested")
    CandidacyFactory(contract=contract)
    client.force_login(editor)
    url = reverse("wagtailsnippets_forums_candidacy:list")
    response = client.get(url, {"status": "requested", "municipality": contract.municipality_id})
    assert response.status_code == 200
    assert list(response.context["object_list"]) == [requested]


def test_confirming_records_editor_time_and_log(client, editor, contract):
    candidacy = CandidacyFactory(contract=contract, status="requested")
    client.force_login(editor)
    url = reverse("wagtailsnippets_forums_candidacy:edit", args=[candidacy.pk])
    response = client.post(
        url,
        {
            "full_name": candidacy.full_name,
            "party": candidacy.party_id,
            "municipality": contract.municipality_id,
            "election": contract.election_id,
            "biography": "",
            "user": candidacy.user_id,
            "status": "confirmed",
        },
    )
    assert response.status_code == 302
    candidacy.refresh_from_db()
    assert candidacy.status == "confirmed"
    assert candidacy.confirmed_by == editor
    assert candidacy.confirmed_at is not None
    assert ModelLogEntry.objects.filter(
        action="forums.candidacy.confirm", object_id=str(candidacy.pk)
    ).exists()


@pytest.mark.parametrize("name", ["endorsement", "position", "party"])
def test_editor_opens_the_listings(client, editor, name):
    client.force_login(editor)
    response = client.get(reverse(f"wagtailsnippets_forums_{name}:list"))
    assert response.status_code == 200


def test_endorsements_cannot_be_edited_or_deleted(client, editor, candidacy, contract):
    endorsement = EndorsementFactory(candidacy=candidacy, contract=contract)
    client.force_login(editor)
    edit = reverse("wagtailsnippets_forums_endorsement:edit", args=[endorsement.pk])
    delete = reverse("wagtailsnippets_forums_endorsement:delete", args=[endorsement.pk])
    assert client.post(edit, {"signed_name": "X"}).status_code in (302, 403)
    client.post(delete)
    endorsement.refresh_from_db()
    assert endorsement.signed_name == candidacy.full_name
    superuser = UserFactory(verified=True, is_superuser=True)
    client.force_login(superuser)
    client.post(delete)
    assert Endorsement.objects.filter(pk=endorsement.pk).exists()
    assert Candidacy.objects.filter(pk=candidacy.pk).exists()
