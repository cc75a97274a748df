"""Who may see, record, change and publish council sessions, for every role
(monitor of this or another municipality, editor, citizen, anonymous) and
state (draft, published), asked of the rules and of the admin's addresses,
on view and on POST."""

import pytest

from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from wagtail.models import ModelLogEntry

from scorecards import rules
from scorecards.models import AssessmentDecision, CouncilSession

from ..accounts.factories import UserFactory
from .council_factories import CouncilDecisionFactory, CouncilSessionFactory
from .factories import AssessmentFactory, MonitoredPriorityFactory

pytestmark = pytest.mark.django_db

LIST = "wagtailsnippets_scorecards_councilsession:list"
ADD = "wagtailsnippets_scorecards_councilsession:add"
EDIT = "wagtailsnippets_scorecards_councilsession:edit"
INSPECT = "wagtailsnippets_scorecards_councilsession:inspect"


@pytest.fixture
def priority():
    return MonitoredPriorityFactory()


@pytest.fixture
def own(priority):
    return priority.contract.municipality


@pytest.fixture
def users(own, citizen):
    other = MonitoredPriorityFactory().contract.municipality
    return {
        "monitor": UserFactory(verified=True, groups=["Monitors"], staff_municipality=own),
        "other_monitor": UserFactory(verified=True, groups=["Monitors"], staff_municipality=other),
        "editor": UserFactory(verified=True, groups=["Editors"]),
        "citizen": citizen,
        "anonymous": None,
    }


def session_data(municipality, **extra):
    data = {
        "municipality": municipality.pk,
        "date": "2024-03-15",
        "session_type": "ordinary",
        "agenda": "Buxheti",
        "minutes_url": "",
        "video_url": "",
        "documents-TOTAL_FORMS": "0",
        "documents-INITIAL_FORMS": "0",
        "documents-MIN_NUM_FORMS": "0",
        "documents-MAX_NUM_FORMS": "1000",
    }
    data.update(extra)
    return data


# role: (may view a draft, may change a draft, may view published, may change published, publish)
EXPECTED = {
    "monitor": (True, True, True, False, False),
    "other_monitor": (False, False, False, False, False),
    "editor": (True, True, True, True, True),
    "citizen": (False, False, False, False, False),
    "anonymous": (False, False, False, False, False),
}


def test_rules_for_every_role_and_state(users, own):
    draft = CouncilSessionFactory(municipality=own, published_at=None)
    published = CouncilSessionFactory(municipality=own)
    for role, expected in EXPECTED.items():
        user = users[role] or AnonymousUser()
        found = (
            bool(rules.can_view_session(user, draft)),
            bool(rules.can_edit_session(user, draft)),
            bool(rules.can_view_session(user, published)),
            bool(rules.can_edit_session(user, published)),
            bool(rules.can_publish_session(user, draft)),
        )
        assert found == expected, role
        assert not rules.can_publish_session(user, published)
        assert bool(rules.can_record_session(user, own)) is expected[1], role


def decisions_data(**row):
    data = {
        "action": "save",
        "decisions-TOTAL_FORMS": "1",
        "decisions-INITIAL_FORMS": "0",
        "decisions-MIN_NUM_FORMS": "0",
        "decisions-MAX_NUM_FORMS": "1000",
        "decisions-0-number": "7",
        "decisions-0-title": "Vendim i ri",
        "decisions-0-outcome": "approved",
    }
    data.update(row)
    return data


REFUSED = {403}
OUTSIDE_ADMIN = {302}  # to the admin's sign-in or home: no admin access at all


@pytest.mark.parametrize("role", EXPECTED)
def test_admin_addresses_for_every_role_and_state(client, role, users, own):
    if users[role] is not None:
        client.force_login(users[role])
    for state in ("draft", "published"):
        check_addresses(client, role, state, own)


def check_addresses(client, role, state, own):
    session = CouncilSessionFactory(municipality=own)
    if state == "draft":
        CouncilSession.objects.filter(pk=session.pk).update(published_at=None)
        session.refresh_from_db()
    view_draft, change_draft, view_published, change_published, publish = EXPECTED[role]
    may_view = view_draft if state == "draft" else view_published
    may_change = change_draft if state == "draft" else change_published
    refused = REFUSED if role in ("monitor", "other_monitor", "editor") else OUTSIDE_ADMIN

    def status(expected_ok, response, ok=200):
        if expected_ok:
            assert response.status_code == ok, (role, state, response.status_code)
        else:
            assert response.status_code in refused, (role, state, response.status_code)

    status(may_view, client.get(reverse(INSPECT, args=[session.pk])))
    status(may_view, client.get(reverse("scorecards_council_decisions", args=[session.pk])))
    status(may_change, client.get(reverse(EDIT, args=[session.pk])))
    status(
        may_change,
        client.post(reverse(EDIT, args=[session.pk]), session_data(own, agenda="Ndryshuar")),
        ok=302,
    )
    status(
        may_change,
        client.post(reverse("scorecards_council_decisions", args=[session.pk]), decisions_data()),
        ok=302,
    )
    session.refresh_from_db()
    assert (session.agenda == "Ndryshuar") is may_change
    assert session.decisions.exists() is may_change
    may_publish = publish and state == "draft"
    publish_url = reverse("scorecards_council_publish", args=[session.pk])
    status(may_publish, client.get(publish_url))
    status(may_publish, client.post(publish_url), ok=302)
    if state == "draft":
        session.refresh_from_db()
        assert session.is_published is may_publish
        logged = ModelLogEntry.objects.filter(action="scorecards.council_session.publish")
        assert logged.exists() is may_publish


def test_monitor_lists_only_own_municipality(client, users, own):
    mine = CouncilSessionFactory(municipality=own, published_at=None)
    CouncilSessionFactory()
    client.force_login(users["monitor"])
    response = client.get(reverse(LIST))
    assert response.status_code == 200
    assert list(response.context["object_list"]) == [mine]


def test_monitor_records_a_draft_for_own_municipality_only(client, users, own):
    client.force_login(users["monitor"])
    form = client.get(reverse(ADD)).context["form"]
    assert list(form.fields["municipality"].queryset) == [own]
    response = client.post(reverse(ADD), session_data(own))
    assert response.status_code == 302
    session = CouncilSession.objects.get()
    assert response.url == reverse("scorecards_council_decisions", args=[session.pk])
    assert session.created_by == users["monitor"]
    assert not session.is_published
    other = users["other_monitor"].staff_municipality
    assert client.post(reverse(ADD), session_data(other)).status_code == 403
    assert CouncilSession.objects.count() == 1


def test_a_decision_may_not_concern_another_municipalitys_priority(client, users, own, priority):
    session = CouncilSessionFactory(municipality=own, published_at=None)
    foreign = MonitoredPriorityFactory()
    client.force_login(users["monitor"])
    url = reverse("scorecards_council_decisions", args=[session.pk])
    response = client.post(url, decisions_data(**{"decisions-0-priorities": [foreign.pk]}))
    assert response.status_code == 400
    assert (
        "finalised contracts" in response.content.decode()
        or response.context["formset"].errors[0]["priorities"]
    )
    assert not session.decisions.exists()
    assert response.context["formset"][0]["title"].value() == "Vendim i ri"  # nothing lost
    response = client.post(url, decisions_data(**{"decisions-0-priorities": [priority.pk]}))
    assert response.status_code == 302
    assert list(session.decisions.get().priorities.all()) == [priority]


def test_published_session_is_not_publishable_again(users, own):
    session = CouncilSessionFactory(municipality=own)
    CouncilDecisionFactory(session=session)
    decision = rules.can_publish_session(users["editor"], session)
    assert not decision and decision.reason == "published"


def test_a_session_whose_decision_an_assessment_cites_is_not_deleted(client, users, own, priority):
    session = CouncilSessionFactory(municipality=own)
    decision = CouncilDecisionFactory(session=session, priorities=[priority])
    AssessmentDecision.objects.create(
        assessment=AssessmentFactory(priority=priority), decision=decision
    )
    client.force_login(users["editor"])
    url = reverse("wagtailsnippets_scorecards_councilsession:delete", args=[session.pk])
    response = client.post(url)
    assert response.status_code == 302
    assert CouncilSession.objects.filter(pk=session.pk).exists()
