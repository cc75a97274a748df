"""The support path, lean: with the page cache on (as in production) a
support or a withdrawal is routed from the cache, and what is left is the
session, the citizen, the priority (read with the rules' e-mail check) and
one transaction: for a support, the citizen's row locked, the support
inserted only under the cap (one statement), the priority's kept count raised
returning it and the citizen's supports; for a withdrawal, the delete and the
count lowered the same way. The same budget whatever the number of
priorities and supports; the cap and the one-support rule still hold."""

import pytest

from django.db import connection
from django.utils import timezone

from wagtail.models import Site

from cms_pages.models import SiteSettings
from consultations.models import Priority, Vote

from ..accounts.factories import UserFactory
from .factories import PriorityFactory, SocialContractFactory, VoteFactory

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}
# session, the citizen (with whether their address is verified), the priority
# (the first act on it in this generation), lock, insert under the cap, the
# priority's kept count raised returning it and the citizen's supports, and
# the transaction's two savepoints (tests run inside a transaction).
SUPPORT_QUERIES = 8
# session, citizen, priority, the citizen's row locked (PostgreSQL: the
# lock a support takes), the support deleted, the kept count lowered
# returning it and the citizen's supports, with the two savepoints.
WITHDRAW_QUERIES = 8 if connection.vendor == "postgresql" else 7
# A refusal at the cap: the insert inserts nothing and the same statement's
# place is taken by reading the counts.
REFUSED_QUERIES = 8
# Once a priority has been acted on, it is kept (`kept_here`): one query fewer.
KEPT = 1


@pytest.fixture
def cache_on(settings):
    settings.POP_PAGE_CACHE_SECONDS = 300
    SiteSettings.for_site(Site.objects.get(is_default_site=True))


@pytest.fixture(params=["few", "many"])
def setting(request, cache_on, client, make_page, municipality):
    """A consultation of 4 priorities and no other supports, or of 120
    priorities, 30 other citizens supporting, and the citizen supporting 40
    of them in a consultation without a cap; and one with a cap of 3."""
    many = request.param == "many"
    open_contract = SocialContractFactory(municipality=municipality, max_supports=None)
    priorities = PriorityFactory.create_batch(120 if many else 4, contract=open_contract)
    citizen = UserFactory(municipality=municipality, verified=True)
    if many:
        for other in UserFactory.create_batch(30, municipality=municipality, verified=True):
            for priority in priorities[:10]:
                VoteFactory(priority=priority, citizen=other)
        for priority in priorities[-40:]:
            VoteFactory(priority=priority, citizen=citizen)
    page = make_page(open_contract, title="Kontrata e hapur")
    client.force_login(citizen)
    client.get(page.url)  # routing kept
    return client, page, priorities, citizen


def test_a_support_and_a_withdrawal_cost_the_same_few_queries_at_any_size(
    setting, django_assert_max_num_queries
):
    client, page, priorities, citizen = setting
    before = Vote.objects.filter(citizen=citizen).count()
    for priority in priorities[:2]:
        with django_assert_max_num_queries(SUPPORT_QUERIES):
            supported = client.post(f"{page.url}support/{priority.pk}/", **JSON)
        assert supported.json()["ok"] is True
    with django_assert_max_num_queries(WITHDRAW_QUERIES):
        withdrawn = client.post(f"{page.url}withdraw/{priorities[0].pk}/", **JSON)

    data = withdrawn.json()
    assert data["ok"] is True and data["supported"] is False
    assert data["supports_used"] == before + 1
    assert data["count"] == Priority.objects.get(pk=priorities[0].pk).support_count
    assert supported.json()["supports_used"] == before + 2
    assert supported.json()["count"] == Priority.objects.get(pk=priorities[1].pk).support_count
    assert Vote.objects.filter(citizen=citizen).count() == before + 1
    assert not Priority.objects.miscounted().exists()


def test_a_refusal_at_the_cap_costs_no_more(
    cache_on, client, consultation, priorities, citizen, django_assert_max_num_queries
):
    client.force_login(citizen)
    client.get(consultation.url)
    for priority in priorities[:3]:
        assert client.post(f"{consultation.url}support/{priority.pk}/", **JSON).json()["ok"]
    with django_assert_max_num_queries(REFUSED_QUERIES):
        over = client.post(f"{consultation.url}support/{priorities[3].pk}/", **JSON)

    assert over.status_code == 409
    assert over.json()["supports_used"] == 3
    assert over.json()["at_cap"] is True
    assert not Vote.objects.filter(priority=priorities[3]).exists()


def test_the_cap_and_the_single_support_still_hold_on_the_lean_path(
    cache_on, client, consultation, priorities, citizen
):
    client.force_login(citizen)
    client.get(consultation.url)
    assert client.post(f"{consultation.url}support/{priorities[0].pk}/", **JSON).json()["ok"]
    twice = client.post(f"{consultation.url}support/{priorities[0].pk}/", **JSON)
    for priority in priorities[1:3]:
        assert client.post(f"{consultation.url}support/{priority.pk}/", **JSON).json()["ok"]
    over = client.post(f"{consultation.url}support/{priorities[3].pk}/", **JSON)

    assert twice.json()["supported"] is True
    assert twice.json()["supports_used"] == 1
    assert twice.json()["count"] == 1
    assert over.status_code == 409
    assert Vote.objects.filter(citizen=citizen).count() == 3
    assert not Priority.objects.miscounted().exists()


def test_without_javascript_the_message_shows_on_the_page_in_the_persons_language(
    cache_on, client, consultation, priorities, citizen, en
):
    client.force_login(citizen)
    page_en = consultation.get_translation(en)
    response = client.post(f"{page_en.url}support/{priorities[0].pk}/", follow=True)
    assert response.redirect_chain[0][0].startswith(page_en.url)
    assert f"You support “{priorities[0].title}”." in response.content.decode()
    response = client.post(f"{page_en.url}withdraw/{priorities[0].pk}/", follow=True)
    assert f"You no longer support “{priorities[0].title}”." in response.content.decode()


def test_a_priority_acted_on_once_is_not_read_again(setting, django_assert_max_num_queries):
    client, page, priorities, citizen = setting
    priority = priorities[0]
    client.post(f"{page.url}support/{priority.pk}/", **JSON)
    with django_assert_max_num_queries(WITHDRAW_QUERIES - KEPT):
        withdrawn = client.post(f"{page.url}withdraw/{priority.pk}/", **JSON)
    with django_assert_max_num_queries(SUPPORT_QUERIES - KEPT):
        supported = client.post(f"{page.url}support/{priority.pk}/", **JSON)

    assert withdrawn.json()["supported"] is False
    assert supported.json()["supported"] is True
    assert supported.json()["count"] == Priority.objects.get(pk=priority.pk).support_count
    assert Vote.objects.filter(citizen=citizen, priority=priority).exists()


def test_what_is_kept_of_a_priority_follows_its_changes_at_once(
    cache_on, client, consultation, contract, priorities, citizen, en
):
    """The consultation closed by an editor, a title corrected: the next
    support sees both, in the citizen's language."""
    client.force_login(citizen)
    page_en = consultation.get_translation(en)
    support = f"{page_en.url}support/{priorities[0].pk}/"
    assert client.post(support, **JSON).json()["ok"]
    client.post(f"{page_en.url}withdraw/{priorities[0].pk}/", **JSON)

    priorities[0].title = "Ujë i pijshëm çdo ditë"
    priorities[0].save()
    again = client.post(support, follow=True)
    assert "You support “Ujë i pijshëm çdo ditë”." in again.content.decode()

    contract.closes_at = timezone.now() - timezone.timedelta(minutes=1)
    contract.save()
    closed = client.post(f"{page_en.url}withdraw/{priorities[0].pk}/", **JSON)
    assert closed.status_code == 403
    assert closed.json()["reason"] == "closed"
    assert Vote.objects.filter(citizen=citizen, priority=priorities[0]).exists()
