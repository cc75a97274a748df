"""The demo candidates: invented parties and candidates, positions and
signatures for 2023, shown side by side; loading twice changes nothing."""

import io

import pytest

from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from forums.models import Candidacy, Endorsement, Party, Position

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        Party.objects.count(),
        Candidacy.objects.count(),
        Position.objects.count(),
        Endorsement.objects.count(),
    )


def test_demo_candidates_are_complete_and_idempotent(client, en):
    call_command("load_demo_data", stdout=io.StringIO())
    first = snapshot()
    call_command("load_demo_data", stdout=io.StringIO())
    assert snapshot() == first
    assert Party.objects.filter(locale=en).count() == Party.objects.source().count() == 3
    assert Endorsement.objects.filter(withdrawn_at__isnull=False).count() == 1
    assert Endorsement.objects.filter(method="forum").exists()
    assert Position.objects.filter(stance="decline").exists()
    for candidacy in Candidacy.objects.select_related("municipality", "election"):
        contract = candidacy.contract()
        assert (
            candidacy.positions.count()
            == contract.priorities.source().filter(in_contract=True).count()
        )
    candidacy = Candidacy.objects.filter(won=True).select_related("municipality").first()
    for language in ("sq", "en"):
        with translation.override(language):
            url = reverse("forums:side_by_side", args=[candidacy.municipality.slug, 2023])
        response = client.get(url)
        assert response.status_code == 200
        assert candidacy.full_name in response.text
