"""The contract's text history: every change of a finalised contract's
priority text is kept as a revision; after a signature the admin refuses a
change without a reason (the text typed kept) and logs it; the public sees
what each candidate signed and what changed since."""

import pytest

from django.urls import reverse
from django.utils import timezone, translation

from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile

from consultations.models import Phase, PriorityRevision
from consultations.revisions import priority_section

from ..accounts.factories import UserFactory
from ..forums.factories import CandidacyFactory, EndorsementFactory
from .factories import PriorityFactory, SocialContractFactory

pytestmark = pytest.mark.django_db

OLD = "Ndriçim në rrugët e lagjes"
NEW = "Ndriçim LED në rrugët e lagjes"


@pytest.fixture
def finalised(municipality):
    return SocialContractFactory(municipality=municipality, phase=Phase.FINALISED)


@pytest.fixture
def priority(finalised):
    return PriorityFactory(contract=finalised, title=OLD, in_contract=True)


@pytest.fixture
def editor():
    user = UserFactory(verified=True, groups=["Editors"])
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


@pytest.fixture
def signed(finalised, priority):
    candidacy = CandidacyFactory(contract=finalised)
    return EndorsementFactory(
        candidacy=candidacy,
        contract=finalised,
        signed_at=timezone.now(),
        positions=[{"priority": priority.pk, "title": OLD, "stance": "commit", "statement": ""}],
    )


def edit_data(priority, **changes):
    data = {
        "contract": priority.contract_id,
        "title": priority.title,
        "description": priority.description,
        "sector": priority.sector_id,
        "order": priority.order,
        "origin": priority.origin,
        "suggested_by_name": "",
        "revision_reason": "",
    }
    data.update(changes)
    return data


def edit_url(priority):
    return reverse("wagtailsnippets_consultations_priority:edit", args=[priority.pk])


def test_each_change_after_finalisation_is_kept(priority):
    priority.title = NEW
    priority.save()
    priority.description = "Me drita që kursejnë energji."
    priority.save()
    first, second = PriorityRevision.objects.filter(priority=priority).order_by("pk")
    assert (first.old_title, first.new_title, first.language) == (OLD, NEW, "sq")
    assert second.old_description == "Përshkrimi i prioritetit."
    assert second.new_description == "Me drita që kursejnë energji."
    priority.save()  # nothing changed: nothing kept
    assert PriorityRevision.objects.count() == 2


def test_changes_before_finalisation_are_drafting(municipality):
    draft = PriorityFactory(contract=SocialContractFactory(municipality=municipality))
    draft.title = NEW
    draft.save()
    assert not PriorityRevision.objects.exists()


def test_the_admin_keeps_a_revision_without_reason_before_any_signature(client, editor, priority):
    client.force_login(editor)
    response = client.post(edit_url(priority), edit_data(priority, title=NEW))
    assert response.status_code == 302
    revision = PriorityRevision.objects.get()
    assert (revision.new_title, revision.changed_by, revision.reason) == (NEW, editor, "")


def test_after_signatures_a_reason_is_required_and_the_text_typed_is_kept(
    client, editor, priority, signed
):
    client.force_login(editor)
    response = client.post(edit_url(priority), edit_data(priority, title=NEW))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Candidates have signed this contract: say why its text changes." in page
    assert f'value="{NEW}"' in page
    priority.refresh_from_db()
    assert priority.title == OLD
    assert not PriorityRevision.objects.exists()

    reason = "Saktësim: ndriçimi do të jetë LED."
    response = client.post(
        edit_url(priority), edit_data(priority, title=NEW, revision_reason=reason)
    )
    assert response.status_code == 302
    revision = PriorityRevision.objects.get()
    assert (revision.old_title, revision.new_title, revision.reason) == (OLD, NEW, reason)
    entry = ModelLogEntry.objects.get(action="consultations.priority.revise")
    assert entry.user == editor
    assert entry.data["reason"] == reason


def test_the_candidate_profile_shows_the_text_as_signed_and_what_changed(client, priority, signed):
    priority.title = NEW
    priority.revision_reason = "Saktësim teknik."
    priority.save()
    with translation.override("en"):
        url = reverse("forums:candidate", args=[signed.candidacy.pk])
    page = client.get(url).content.decode()
    assert f'As signed: <q lang="sq">{OLD}</q>' in page
    assert "Changed since signing:" in page
    assert f"<del>{OLD}</del> → <ins>{NEW}</ins>" in page
    assert "Saktësim teknik." in page


def test_a_change_before_the_signature_is_not_a_change_since_signing(client, priority):
    priority.title = NEW
    priority.save()
    endorsement = EndorsementFactory(
        candidacy=CandidacyFactory(contract=priority.contract),
        contract=priority.contract,
        signed_at=timezone.now(),
        positions=[{"priority": priority.pk, "title": NEW, "stance": "commit", "statement": ""}],
    )
    with translation.override("en"):
        url = reverse("forums:candidate", args=[endorsement.candidacy.pk])
    page = client.get(url).content.decode()
    assert f'As signed: <q lang="sq">{NEW}</q>' in page
    assert "Changed since signing:" not in page


def test_the_contract_page_lists_each_priority_revision(client, priority, make_page, en):
    page = make_page(priority.contract)
    priority.title = NEW
    priority.revision_reason = "Saktësim teknik."
    priority.save()
    html = client.get(page.get_translation(en).url).content.decode()
    assert "Changes to the text since the contract was finalised" in html
    assert f"<del>{OLD}</del> → <ins>{NEW}</ins>" in html
    assert "Saktësim teknik." in html


def test_the_priority_page_section(rf, priority):
    assert priority_section(rf.get("/"), priority)["context"]["revisions"] == []
    priority.title = NEW
    priority.save()
    section = priority_section(rf.get("/"), priority)
    assert section["order"] == 20
    assert section["template"] == "consultations/revisions/priority_section.html"
    [revision] = section["context"]["revisions"]
    assert (revision.old_title, revision.new_title) == (OLD, NEW)


def test_the_offers_side_by_side_show_what_changed_since_signing(client, priority, signed):
    priority.title = NEW
    priority.revision_reason = "Saktësim teknik."
    priority.save()
    contract = priority.contract
    with translation.override("en"):
        url = reverse(
            "forums:side_by_side", args=[contract.municipality.slug, contract.election.date.year]
        )
    page = client.get(url).content.decode()
    assert "Changed since signing:" in page
    assert f"<del>{OLD}</del> → <ins>{NEW}</ins>" in page


def test_a_translation_saved_after_finalisation_is_kept_against_the_source(priority, en):
    english = priority.copy_for_translation(en)
    english.title = "Street lighting"
    english.save()
    assert not PriorityRevision.objects.exists()  # the translation's first text
    english.title = "LED street lighting"
    english.save()  # as wagtail-localize's sync saves it
    revision = PriorityRevision.objects.get()
    assert (revision.priority, revision.language) == (priority, "en")
    assert (revision.old_title, revision.new_title) == ("Street lighting", "LED street lighting")
