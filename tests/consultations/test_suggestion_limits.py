"""A citizen suggests a few priorities a minute and a few a day
(CONSULTATIONS_SUGGESTIONS_PER_MINUTE, …_PER_DAY), like comments: past
either, the suggestion is refused with a clear message and the form keeps
what they typed."""

import html

import pytest

from django.test import override_settings
from django.utils import translation
from django.utils.translation import gettext

from consultations.models import PrioritySuggestion, RateLimited

pytestmark = pytest.mark.django_db

MINUTE = "You are suggesting quickly: please wait a minute before suggesting another priority."
DAY = "You have reached today's limit of %(count)s suggestions. Thank you!"


def albanian(text, **values):
    """The message as an Albanian visitor reads it (the consultation is in Albanian)."""
    with translation.override("sq"):
        return gettext(text) % values if values else gettext(text)


@override_settings(CONSULTATIONS_SUGGESTIONS_PER_MINUTE=1, CONSULTATIONS_SUGGESTIONS_PER_DAY=5)
def test_submit_past_the_minute_limit_is_refused(contract, citizen):
    PrioritySuggestion.objects.submit(contract, citizen, "Një")
    with pytest.raises(RateLimited) as refused, translation.override("en"):
        PrioritySuggestion.objects.submit(contract, citizen, "Dy")
    assert refused.value.decision.message == MINUTE
    assert list(PrioritySuggestion.objects.values_list("title", flat=True)) == ["Një"]


@override_settings(CONSULTATIONS_SUGGESTIONS_PER_MINUTE=100, CONSULTATIONS_SUGGESTIONS_PER_DAY=2)
def test_submit_past_the_daily_limit_is_refused(contract, citizen):
    PrioritySuggestion.objects.submit(contract, citizen, "Një")
    PrioritySuggestion.objects.submit(contract, citizen, "Dy")
    with pytest.raises(RateLimited) as refused, translation.override("en"):
        PrioritySuggestion.objects.submit(contract, citizen, "Tre")
    assert refused.value.decision.message == DAY % {"count": 2}
    assert PrioritySuggestion.objects.count() == 2


def test_the_defaults_allow_two_a_minute(contract, citizen):
    PrioritySuggestion.objects.submit(contract, citizen, "Një")
    PrioritySuggestion.objects.submit(contract, citizen, "Dy")
    with pytest.raises(RateLimited):
        PrioritySuggestion.objects.submit(contract, citizen, "Tre")


@override_settings(CONSULTATIONS_SUGGESTIONS_PER_MINUTE=1)
def test_the_page_refuses_and_keeps_what_was_typed(client, consultation, citizen):
    client.force_login(citizen)
    client.post(consultation.url + "suggest/", {"title": "Biçikleta publike"})
    response = client.post(
        consultation.url + "suggest/",
        {"title": "Ndriçim në rrugë", "description": "Te shkolla e vjetër."},
    )
    assert response.status_code == 429
    page = html.unescape(response.content.decode())
    assert albanian(MINUTE) in page
    assert "Po sugjeroni shumë shpejt" in page  # translated, not the English source
    assert 'value="Ndriçim në rrugë"' in page
    assert "Te shkolla e vjetër." in page
    assert list(PrioritySuggestion.objects.values_list("title", flat=True)) == ["Biçikleta publike"]
