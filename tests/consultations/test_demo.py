"""The demo consultations: finalised 2023 contracts everywhere, one open now."""

import io

import pytest

from django.core.management import call_command

from consultations.models import Comment, Phase, Priority, SocialContract, Vote

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        SocialContract.objects.count(),
        Priority.objects.count(),
        Vote.objects.count(),
        Comment.objects.count(),
    )


def test_demo_is_complete_bilingual_and_idempotent(client, en):
    call_command("load_demo_data", stdout=io.StringIO())
    first = snapshot()
    call_command("load_demo_data", stdout=io.StringIO())
    assert snapshot() == first

    contracts = SocialContract.objects.select_related("election")
    finalised = [c for c in contracts if c.election.date.year == 2023]
    assert len(finalised) == 12
    for contract in finalised:
        assert contract.phase == Phase.FINALISED
        source = Priority.objects.source().filter(contract=contract)
        assert 8 <= source.count() <= 12
        assert source.filter(in_contract=True).exists()
        english = Priority.objects.filter(contract=contract, locale=en)
        assert english.count() == source.count()
        assert not english.filter(title__in=source.values("title")).exists()

    (open_contract,) = [c for c in contracts if c.phase == Phase.OPEN]
    assert open_contract.municipality.slug == "durres"
    assert Vote.objects.filter(priority__contract=open_contract, citizen__isnull=False).exists()
    assert Comment.objects.filter(priority__contract=open_contract).count() >= 3
    page = open_contract.pages.get(locale__language_code="sq")
    assert client.get(page.url).status_code == 200
    assert client.get(page.get_translation(en).url).status_code == 200
