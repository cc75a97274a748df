"""The demo candidates: invented parties and candidates in all twelve
municipalities for 2023 (positions, signatures, one withdrawal, winners),
and a 2027 contract open for signatures with an invitation waiting for the
demo candidate account; loading twice changes nothing."""

from django.urls import reverse
from django.utils import translation

from accounts.models import User
from cms_pages.models import Municipality
from forums.models import Candidacy, Endorsement, Invitation, Party, Position


def test_demo_candidates_are_complete(client, demo, en):
    assert Party.objects.filter(locale=en).count() == Party.objects.source().count() == 4
    assert Endorsement.objects.filter(withdrawn_at__isnull=False).count() == 1
    assert Endorsement.objects.filter(method="forum").exists()
    assert Position.objects.filter(stance="decline").exists()

    in_2023 = Candidacy.objects.filter(election__date__year=2023)
    for municipality in Municipality.objects.source():
        here = in_2023.filter(municipality=municipality)
        assert 2 <= here.count() <= 4, municipality
        assert here.filter(won=True).count() == 1, municipality
        assert not here.filter(status__in=["requested", "declined"]).exists()
    assert Endorsement.objects.filter(contract__election__date__year=2023).count() == (
        in_2023.count()
    )
    for candidacy in in_2023.select_related("municipality", "election"):
        contract = candidacy.contract()
        assert (
            candidacy.positions.count()
            == contract.priorities.source().filter(in_contract=True).count()
        )

    # The demo candidate's invitation waits, and its link is printed.
    invitation = Invitation.objects.pending().get(email="kandidat@pop.example")
    assert invitation.candidacy.user is None
    assert invitation.candidacy.is_confirmed
    contract = invitation.candidacy.contract()
    assert contract.finalised_at is not None
    with translation.override("en"):
        assert invitation.get_claim_path().split("/invitation/")[0] in demo.output
    assert "kandidat@pop.example" in demo.output

    candidacy = Candidacy.objects.filter(won=True).select_related("municipality").first()
    for language in ("sq", "en"):
        with translation.override(language):
            url = reverse("forums:side_by_side", args=[candidacy.municipality.slug, 2023])
        response = client.get(url)
        assert response.status_code == 200
        assert candidacy.full_name in response.text


def test_the_demo_candidate_can_walk_the_journey(client, demo):
    """Sign in, accept the invitation from "My candidacies", then the
    positions form of a contract open for signatures."""
    invitation = Invitation.objects.pending().get(email="kandidat@pop.example")
    client.force_login(User.objects.get(email="kandidat@pop.example"))
    listing = client.get("/en/candidates/")
    assert invitation.candidacy.full_name in listing.text
    response = client.post(reverse("forums:claim_pending", args=[invitation.pk]))
    assert response.status_code == 302
    response = client.get(response["Location"])
    assert response.status_code == 200
    assert 'name="p' in response.text  # the positions form is open
