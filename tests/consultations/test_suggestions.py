"""Citizens suggest priorities; editors accept (credited) or decline (with a reason)."""

import pytest

from django.urls import reverse

from wagtail.models import ModelLogEntry

from consultations.models import Priority, PriorityOrigin, PrioritySuggestion, SuggestionState

from ..accounts.factories import UserFactory
from .factories import SectorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def suggestion(client, consultation, citizen):
    client.force_login(citizen)
    assert client.get(consultation.url + "suggest/").status_code == 200
    client.post(
        consultation.url + "suggest/",
        {"title": "Biçikleta publike", "description": "Stacione pranë plazhit."},
    )
    client.logout()
    return PrioritySuggestion.objects.get()


def test_citizen_suggests_and_sees_it_pending(client, consultation, suggestion, citizen):
    assert suggestion.state == SuggestionState.PENDING and suggestion.author == citizen
    client.force_login(citizen)
    html = client.get(consultation.url).content.decode()
    assert "Biçikleta publike" in html.split('id="your-suggestions"')[1]


def test_refused_for_someone_who_may_not_take_part(client, consultation):
    client.force_login(UserFactory(verified=True))  # not a resident
    client.post(consultation.url + "suggest/", {"title": "Diçka"})
    assert not PrioritySuggestion.objects.exists()


def test_editor_accepts_it_credited_to_the_citizen(client, suggestion, contract, citizen):
    editor = UserFactory(verified=True, groups=["Editors"])
    sector = SectorFactory()
    client.force_login(editor)
    assert "Biçikleta publike" in client.get(reverse("consultations_moderation")).content.decode()
    client.post(
        reverse("consultations_accept_suggestion", args=[suggestion.pk]), {"sector": sector.pk}
    )
    priority = Priority.objects.get(title="Biçikleta publike")
    assert priority.contract == contract
    assert priority.origin == PriorityOrigin.CITIZEN
    assert priority.suggested_by_name == citizen.display_name
    suggestion.refresh_from_db()
    assert suggestion.state == SuggestionState.ACCEPTED and suggestion.priority == priority
    assert ModelLogEntry.objects.filter(action="consultations.suggestion.accept").exists()


def test_editor_declines_with_a_reason_the_citizen_sees(client, consultation, suggestion, citizen):
    client.force_login(UserFactory(verified=True, groups=["Editors"]))
    client.post(
        reverse("consultations_decline_suggestion", args=[suggestion.pk]),
        {"reason": "Është tashmë në prioritetin e transportit."},
    )
    suggestion.refresh_from_db()
    assert suggestion.state == SuggestionState.DECLINED
    client.force_login(citizen)
    assert (
        "Është tashmë në prioritetin e transportit."
        in client.get(consultation.url).content.decode()
    )


def test_moderator_cannot_decide_suggestions(client, suggestion):
    client.force_login(UserFactory(verified=True, groups=["Moderators"]))
    client.post(reverse("consultations_decline_suggestion", args=[suggestion.pk]), {"reason": "x"})
    suggestion.refresh_from_db()
    assert suggestion.state == SuggestionState.PENDING
