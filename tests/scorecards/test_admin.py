"""Assessments in the Wagtail admin: monitors list, draft and change only
their own municipality's (refused with 403 otherwise, at the view level);
published assessments are never edited; only editors publish, logged."""

import pytest

from django.urls import reverse

from wagtail.models import ModelLogEntry

from scorecards.models import Assessment, Status

from ..accounts.factories import UserFactory
from .factories import AssessmentFactory, MonitoredPriorityFactory

pytestmark = pytest.mark.django_db

CREATE = "wagtailsnippets_scorecards_assessment:add"
EDIT = "wagtailsnippets_scorecards_assessment:edit"
LIST = "wagtailsnippets_scorecards_assessment:list"


def form_data(priority, **extra):
    data = {
        "priority": priority.pk,
        "as_of": "2020-12-31",
        "status": Status.PARTIALLY,
        "evidence": '{"blocks": [{"key": "a", "type": "unstyled", "depth": 0, '
        '"text": "Vendimi i k\\u00ebshillit.", "inlineStyleRanges": [], '
        '"entityRanges": []}], "entityMap": {}}',
        "corrects": "",
        "sources-TOTAL_FORMS": "1",
        "sources-INITIAL_FORMS": "0",
        "sources-MIN_NUM_FORMS": "0",
        "sources-MAX_NUM_FORMS": "1000",
        "sources-0-title": "Vendimi nr. 12",
        "sources-0-url": "https://example.org/vendimi-12",
        "sources-0-ORDER": "1",
        "sources-0-id": "",
        "sources-0-DELETE": "",
        "documents-TOTAL_FORMS": "0",
        "documents-INITIAL_FORMS": "0",
        "documents-MIN_NUM_FORMS": "0",
        "documents-MAX_NUM_FORMS": "1000",
        "cited_decisions-TOTAL_FORMS": "0",
        "cited_decisions-INITIAL_FORMS": "0",
        "cited_decisions-MIN_NUM_FORMS": "0",
        "cited_decisions-MAX_NUM_FORMS": "1000",
    }
    data.update(extra)
    return data


@pytest.fixture
def own_priority():
    return MonitoredPriorityFactory()


@pytest.fixture
def other_priority():
    return MonitoredPriorityFactory()


@pytest.fixture
def monitor(own_priority):
    return UserFactory(
        verified=True,
        groups=["Monitors"],
        staff_municipality=own_priority.contract.municipality,
    )


@pytest.fixture
def editor():
    return UserFactory(verified=True, groups=["Editors"])


def test_monitor_lists_only_own_municipality(client, monitor, own_priority, other_priority):
    own = AssessmentFactory(priority=own_priority)
    AssessmentFactory(priority=other_priority)
    client.force_login(monitor)
    response = client.get(reverse(LIST))
    assert response.status_code == 200
    assert list(response.context["object_list"]) == [own]


def test_monitor_create_form_offers_only_own_priorities(
    client, monitor, own_priority, other_priority
):
    client.force_login(monitor)
    response = client.get(reverse(CREATE))
    assert response.status_code == 200
    choices = list(response.context["form"].fields["priority"].queryset)
    assert choices == [own_priority]


def test_monitor_drafts_an_assessment_for_own_municipality(client, monitor, own_priority):
    client.force_login(monitor)
    response = client.post(reverse(CREATE), form_data(own_priority))
    assert response.status_code == 302, response.context["form"].errors
    assessment = Assessment.objects.get()
    assert assessment.priority == own_priority
    assert assessment.author == monitor
    assert not assessment.is_published
    assert [s.url for s in assessment.sources.all()] == ["https://example.org/vendimi-12"]
    assert ModelLogEntry.objects.filter(action="wagtail.create").exists()


def test_monitor_is_refused_creating_for_another_municipality(client, monitor, other_priority):
    client.force_login(monitor)
    response = client.post(reverse(CREATE), form_data(other_priority))
    assert response.status_code == 403
    assert not Assessment.objects.exists()


def test_monitor_is_refused_editing_another_municipalitys_draft(client, monitor, other_priority):
    draft = AssessmentFactory(priority=other_priority, published_at=None)
    client.force_login(monitor)
    assert client.get(reverse(EDIT, args=[draft.pk])).status_code == 403
    response = client.post(reverse(EDIT, args=[draft.pk]), form_data(other_priority))
    assert response.status_code == 403
    draft.refresh_from_db()
    assert draft.status == Status.PARTIALLY


def test_monitor_is_refused_moving_own_draft_to_another_municipality(
    client, monitor, own_priority, other_priority
):
    draft = AssessmentFactory(priority=own_priority, published_at=None)
    client.force_login(monitor)
    response = client.post(reverse(EDIT, args=[draft.pk]), form_data(other_priority))
    assert response.status_code == 403
    draft.refresh_from_db()
    assert draft.priority == own_priority


def test_monitor_edits_own_draft(client, monitor, own_priority):
    draft = AssessmentFactory(priority=own_priority, published_at=None)
    client.force_login(monitor)
    response = client.post(
        reverse(EDIT, args=[draft.pk]), form_data(own_priority, status=Status.FULLY)
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Status.FULLY


@pytest.mark.parametrize("who", ["monitor", "editor"])
def test_published_assessments_are_never_edited(client, request, who, own_priority):
    published = AssessmentFactory(priority=own_priority)
    client.force_login(request.getfixturevalue(who))
    response = client.post(
        reverse(EDIT, args=[published.pk]), form_data(own_priority, status=Status.FULLY)
    )
    assert response.status_code == 403
    published.refresh_from_db()
    assert published.status == Status.PARTIALLY


def test_monitor_without_municipality_assesses_nothing(client, own_priority):
    monitor = UserFactory(verified=True, groups=["Monitors"])
    client.force_login(monitor)
    assert client.post(reverse(CREATE), form_data(own_priority)).status_code == 403


def test_citizen_has_no_access(client, own_priority):
    client.force_login(UserFactory(verified=True))
    response = client.post(reverse(CREATE), form_data(own_priority))
    assert response.status_code in (302, 403)
    assert not Assessment.objects.exists()


def test_monitor_cannot_publish(client, monitor, own_priority):
    draft = AssessmentFactory(priority=own_priority, published_at=None)
    client.force_login(monitor)
    response = client.get(reverse(LIST))
    assert reverse("scorecards_publish_round").encode() not in response.content
    draft.refresh_from_db()
    assert not draft.is_published


def test_a_correction_must_be_about_the_same_priority(client, editor, own_priority, other_priority):
    wrong = AssessmentFactory(priority=other_priority)
    client.force_login(editor)
    response = client.post(reverse(CREATE), form_data(own_priority, corrects=wrong.pk))
    assert response.status_code == 200
    assert "corrects" in response.context["form"].errors


def test_an_assessed_priority_cannot_be_deleted(client, own_priority):
    AssessmentFactory(priority=own_priority)
    client.force_login(UserFactory(verified=True, is_superuser=True))
    url = reverse("wagtailsnippets_consultations_priority:delete", args=[own_priority.pk])
    response = client.post(url)
    assert response.status_code == 302
    assert type(own_priority).objects.filter(pk=own_priority.pk).exists()
