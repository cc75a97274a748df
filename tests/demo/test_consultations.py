"""The demo consultations: finalised 2023 contracts everywhere, one open now."""

from consultations.models import Comment, Phase, Priority, SocialContract, Vote


def test_demo_is_complete_and_bilingual(client, demo, en):
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
