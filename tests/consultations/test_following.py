"""Following a municipality or a priority: who may, bad input, the
notifications page and its header count, the profile's list, the fan-out
in batches, and a person's data."""

import json
import re

import pytest

from django.core import mail
from django.urls import reverse

from consultations import following, rules
from consultations.models import (
    Announcement,
    Delivery,
    Follow,
    Notification,
    NotificationKind,
    NotificationPreference,
    Phase,
)

from ..accounts.factories import UserFactory
from .conftest import ROLES
from .factories import PriorityFactory, SocialContractFactory

pytestmark = pytest.mark.django_db


def follow_url(target, kind="municipality", language="en"):
    from django.utils import translation

    with translation.override(language):
        return reverse("consultations:follow", args=[kind, target.pk])


@pytest.mark.parametrize("role", ROLES)
def test_who_may_follow(person, role):
    decision = rules.can_follow(person(role), "/en/somewhere/")
    if role == "anonymous":
        assert decision.reason == "anonymous"
        assert decision.link_url.endswith("?next=%2Fen%2Fsomewhere%2F")
    elif role == "unverified":
        assert decision.reason == "unverified"
        assert decision.message == rules.unverified_refusal().message
    else:
        assert decision


def test_a_verified_person_follows_once_and_stops(client, citizen, municipality):
    client.force_login(citizen)
    url = follow_url(municipality)
    for _ in range(2):
        response = client.post(url, {"next": "/en/back/"})
        assert response.status_code == 302 and response.url == "/en/back/"
    assert Follow.objects.filter(person=citizen, municipality=municipality).count() == 1
    assert Follow.objects.follow(citizen, municipality) is False  # the constraint decides
    client.post(url, {"next": "https://evil.example/", "stop": "1"})
    assert not Follow.objects.filter(person=citizen).exists()


def test_following_what_does_not_exist_or_is_not_public_is_404(client, citizen, municipality, en):
    client.force_login(citizen)
    draft = SocialContractFactory(municipality=municipality, phase=Phase.DRAFT)
    hidden = PriorityFactory(contract=draft)
    english = municipality.copy_for_translation(en)
    english.save()
    for url in [
        reverse("consultations:follow", args=["municipality", 999999]),
        reverse("consultations:follow", args=["municipality", "abc"]),
        reverse("consultations:follow", args=["priority", hidden.pk]),
        reverse("consultations:follow", args=["contract", draft.pk]),
        follow_url(english),  # a translation, not the row followers point at
    ]:
        assert client.post(url).status_code == 404
    assert not Follow.objects.exists()
    assert client.get(follow_url(municipality)).status_code == 405


def test_unverified_people_get_the_same_message_as_elsewhere(client, municipality):
    person = UserFactory(verified=False)
    client.force_login(person)
    response = client.post(follow_url(municipality), {"next": "/en/back/"}, follow=True)
    assert "Confirm your e-mail address to take part" in response.content.decode()
    assert not Follow.objects.exists()


def test_signed_out_people_are_sent_to_sign_in(client, municipality):
    response = client.post(follow_url(municipality), {"next": "/en/back/"})
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert "next=%2Fen%2Fback%2F" in response.url


def announce(municipality, priority=None, title="Uji", summary="Not → Fully"):
    return Announcement.objects.announce(
        NotificationKind.ASSESSMENT,
        municipality=municipality,
        priority=priority,
        params={"title": {"sq": title, "en": f"{title} (en)"}, "summary": {"en": summary}},
        links={"en": "https://example.org/en/", "sq": "https://example.org/sq/"},
    )


def test_the_fan_out_runs_in_batches_and_tells_each_person_once(
    municipality, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(following, "BATCH_SIZE", 2)
    contract = SocialContractFactory(municipality=municipality)
    priority = PriorityFactory(contract=contract)
    people = UserFactory.create_batch(5, verified=True, email_language="en")
    for person in people:
        Follow.objects.follow(person, municipality)
    Follow.objects.follow(people[0], priority)  # both: still one notification
    NotificationPreference.objects.choose(people[1], {NotificationKind.ASSESSMENT: Delivery.NEVER})
    runs = []
    fan_out = following.fan_out
    monkeypatch.setattr(following, "fan_out", lambda *args: runs.append(args) or fan_out(*args))
    with django_capture_on_commit_callbacks(execute=True):
        announcement = announce(municipality, priority)
    assert Notification.objects.filter(announcement=announcement).count() == 5
    assert len(mail.outbox) == 4  # not who chose never
    assert runs == [(announcement.pk,)] * 3  # 2, 2, then 1
    assert following.fan_out(announcement.pk) == 0  # run again: no one is left
    assert Notification.objects.count() == 5


def test_notifications_page_header_count_and_marking_read(
    client, citizen, municipality, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    Follow.objects.follow(citizen, municipality)
    with django_capture_on_commit_callbacks(execute=True):
        announce(municipality, title="Uji i pijshëm")
        announce(municipality, title="Kopshti")
    client.force_login(citizen)
    url = reverse("consultations:notifications")
    page = client.get(url).content.decode()
    assert 'data-unread="2"' in page
    assert "Uji i pijshëm" in page and "Kopshti" in page
    first = Notification.objects.filter(announcement__params__title__sq="Kopshti").get()
    client.post(url, {"notification": first.pk})
    assert Notification.objects.unread().count() == 1
    assert 'data-unread="1"' in client.get(url).content.decode()
    client.post(url)
    assert "data-unread" not in client.get(url).content.decode()
    assert client.post(url, {"notification": "x"}).status_code == 302  # bad input: no 500


def test_notifications_page_query_budget_does_not_grow(
    client, citizen, municipality, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    Follow.objects.follow(citizen, municipality)
    client.force_login(citizen)
    url = "/en/consultations/notifications/"
    client.get(url)  # warm the caches (site root paths, locales)
    for count in (2, 20):
        with django_capture_on_commit_callbacks(execute=True):
            for n in range(count - Notification.objects.count()):
                announce(municipality, title=f"Ndryshimi {n}")
        with django_assert_max_num_queries(10):
            assert client.get(url).status_code == 200


def test_notifications_page_needs_signing_in(client):
    response = client.get(reverse("consultations:notifications"))
    assert response.status_code == 302 and "login" in response.url


def test_preferences_are_chosen_per_kind(client, citizen):
    client.force_login(citizen)
    data = dict.fromkeys(NotificationKind.values, Delivery.IMMEDIATELY)
    data[NotificationKind.ASSESSMENT] = Delivery.WEEKLY
    client.post(reverse("consultations:notification_preferences"), data)
    assert NotificationPreference.objects.choices_of(citizen)[NotificationKind.ASSESSMENT] == (
        Delivery.WEEKLY
    )
    data[NotificationKind.ASSESSMENT] = "hourly"
    response = client.post(reverse("consultations:notification_preferences"), data, follow=True)
    assert response.status_code == 200
    assert NotificationPreference.objects.choices_of(citizen)[NotificationKind.ASSESSMENT] == (
        Delivery.WEEKLY
    )


def selected(html, kind):
    """The option selected in the page's choice for `kind`."""
    select = re.search(rf'<select name="{kind}".*?</select>', html, re.S).group(0)
    return re.search(r'<option value="([^"]*)"[^>]*selected', select).group(1)


def test_each_person_sees_their_own_choices_though_the_form_is_kept(client, citizen, settings):
    """The form's fields are kept per set of choices and language
    (`{% cache %}`, as long as a cached page): each person still sees what
    they chose, and a new choice shows on the next load."""
    settings.POP_PAGE_CACHE_SECONDS = 300
    other = UserFactory(verified=True)
    NotificationPreference.objects.choose(other, {NotificationKind.FORUM: Delivery.DAILY})
    url = reverse("consultations:notifications")
    client.force_login(citizen)
    assert selected(client.get(url).text, NotificationKind.FORUM) == Delivery.IMMEDIATELY
    client.force_login(other)
    assert selected(client.get(url).text, NotificationKind.FORUM) == Delivery.DAILY
    data = dict.fromkeys(NotificationKind.values, Delivery.IMMEDIATELY)
    data[NotificationKind.FORUM] = Delivery.WEEKLY
    client.post(reverse("consultations:notification_preferences"), data)
    assert selected(client.get(url).text, NotificationKind.FORUM) == Delivery.WEEKLY
    english = client.get(url.replace("/sq/", "/en/", 1)).text
    assert selected(english, NotificationKind.FORUM) == Delivery.WEEKLY
    assert "Weekly" in english or "weekly" in english
    client.force_login(citizen)
    assert selected(client.get(url).text, NotificationKind.FORUM) == Delivery.IMMEDIATELY


def test_a_reworded_choice_shows_at_once_though_the_form_is_kept(
    client, citizen, settings, monkeypatch
):
    """A release that rewords a choice is not hidden behind the kept
    fields: the wording is part of their key."""
    settings.POP_PAGE_CACHE_SECONDS = 300
    url = reverse("consultations:notifications").replace("/sq/", "/en/", 1)
    client.force_login(citizen)
    assert "In a weekly digest" in client.get(url).text

    class Reworded:
        IMMEDIATELY = Delivery.IMMEDIATELY
        choices = [
            (value, "Once a week" if value == Delivery.WEEKLY else label)
            for value, label in Delivery.choices
        ]

    monkeypatch.setattr("consultations.following_forms.Delivery", Reworded)
    page = client.get(url).text
    assert "Once a week" in page and "In a weekly digest" not in page


def test_the_profile_lists_follows_with_a_stop_button(client, citizen, municipality):
    contract = SocialContractFactory(municipality=municipality, phase=Phase.FINALISED)
    priority = PriorityFactory(contract=contract, title="Ujësjellësi", in_contract=True)
    Follow.objects.follow(citizen, municipality)
    Follow.objects.follow(citizen, priority)
    client.force_login(citizen)
    page = client.get("/en/accounts/profile/").content.decode()
    assert "Ujësjellësi" in page and "Durrës" in page
    assert page.count(follow_url(priority, "priority")) == 1
    assert page.count(follow_url(municipality)) == 1


def test_export_and_deletion_include_follows_and_notifications(
    client, citizen, municipality, django_capture_on_commit_callbacks
):
    Follow.objects.follow(citizen, municipality)
    NotificationPreference.objects.choose(citizen, {NotificationKind.FORUM: Delivery.DAILY})
    with django_capture_on_commit_callbacks(execute=True):
        announce(municipality, title="Uji")
    client.force_login(citizen)
    data = json.loads(
        b"".join(client.get(reverse("accounts:export")).streaming_content)
        if client.get(reverse("accounts:export")).streaming
        else client.get(reverse("accounts:export")).content
    )
    text = json.dumps(data, ensure_ascii=False)
    assert '"follows"' in text and "Durrës" in text
    assert '"notifications"' in text and "Uji" in text
    assert '"forum": "daily"' in text
    citizen.delete()
    assert not Follow.objects.exists()
    assert not Notification.objects.exists()
    assert not NotificationPreference.objects.exists()


def test_consultations_announce_opening_closing_and_finalising_once(
    municipality, consultation, contract, django_capture_on_commit_callbacks
):
    from django.utils import timezone

    from consultations.tasks import announce_opened_consultations

    person = UserFactory(verified=True, email_language="en")
    Follow.objects.follow(person, municipality)
    with django_capture_on_commit_callbacks(execute=True):
        announce_opened_consultations()
    opened = Announcement.objects.get(kind=NotificationKind.CONSULTATION_OPENED)
    assert (
        opened.links["en"]
        == consultation.get_translation(
            consultation.locale.__class__.objects.get(language_code="en")
        ).get_full_url()
    )
    assert "Durrës" in mail.outbox[-1].subject
    assert "The consultation is open until" in mail.outbox[-1].body

    contract.closes_at = timezone.now()
    contract.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert following.announce_closed_consultations() == 1
        assert following.announce_closed_consultations() == 0
        following.announce_contract(NotificationKind.CONTRACT_FINALISED, contract.pk)
    kinds = list(
        Notification.objects.filter(person=person).values_list("announcement__kind", flat=True)
    )
    assert sorted(kinds) == sorted(
        [
            NotificationKind.CONSULTATION_OPENED,
            NotificationKind.CONSULTATION_CLOSED,
            NotificationKind.CONTRACT_FINALISED,
        ]
    )
    assert "finalised with" in mail.outbox[-1].body
