"""The consultation page folds each priority's discussion (its latest
threads, the form on demand), the whole discussion has its own paged page,
the supports counter and the buttons follow the cap, and a citizen is not
offered to report a comment twice."""

import datetime

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from consultations.models import Report

from ..accounts.factories import UserFactory
from ..markup import soup, text
from .factories import CommentFactory, PriorityFactory, SocialContractFactory

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}


def comments(priority, count, start=None, **kwargs):
    """`count` comments on `priority`, one minute apart, oldest first."""
    start = start or timezone.now() - datetime.timedelta(days=1)
    return [
        CommentFactory(
            priority=priority,
            body=f"Komenti {n}",
            created_at=start + datetime.timedelta(minutes=n),
            **kwargs,
        )
        for n in range(count)
    ]


def priority_block(response, priority):
    return soup(response).find(id=priority.anchor)


def test_each_priority_shows_its_latest_three_threads_and_a_link_to_all(
    client, consultation, priorities
):
    threads = comments(priorities[0], 5)
    CommentFactory(priority=priorities[0], parent=threads[3], body="Përgjigje e re")
    comments(priorities[1], 2)
    response = client.get(consultation.url)
    block = priority_block(response, priorities[0])
    shown = [p.get_text() for p in block.select(".comment__body")]
    assert shown == ["Komenti 4", "Komenti 3", "Përgjigje e re", "Komenti 2"]
    link = block.select_one(".discussion__all a")
    assert "Lexoni gjithë diskutimin" in link.get_text()
    assert "(6 komente)" in link.get_text()
    assert link["href"] == f"{consultation.url}priorities/{priorities[0].pk}/discussion/"
    # Everything is shown: no link.
    assert priority_block(response, priorities[1]).select(".discussion__all") == []


def test_comment_forms_are_folded_until_asked_for(client, consultation, priorities, citizen):
    client.force_login(citizen)
    response = client.get(consultation.url)
    for priority in priorities:
        form = soup(response).find("form", id=f"comment-form-{priority.pk}")
        details = form.find_parent("details")
        assert not details.has_attr("open")
        assert priority.title in details.summary.get_text()


def test_the_discussion_page_is_paged_newest_first(client, consultation, priorities):
    comments(priorities[0], 45)
    long_ago = timezone.now() - datetime.timedelta(days=2)
    hidden = CommentFactory(
        priority=priorities[0], state="hidden", body="Fshehur", created_at=long_ago
    )
    CommentFactory(priority=priorities[0], parent=hidden, body="Përgjigja mbetet")
    url = f"{consultation.url}priorities/{priorities[0].pk}/discussion/"
    first = client.get(url)
    assert first.status_code == 200
    tops = soup(first).select("ol.comment-list:not(.comment-list--replies) > li")
    assert len(tops) == 20
    assert "Komenti 44" in text(first) and "Komenti 25" in text(first)
    assert "Komenti 24" not in text(first)
    last = client.get(url, {"page": 3})
    assert "Komenti 0" in text(last) and "Faqja 3 nga 3" in text(last)
    assert "Fshehur" not in text(last) and "Përgjigja mbetet" in text(last)
    assert "Ky koment është fshehur" in text(last)
    for wrong in ("x", "-1", "999", "1e9", "'"):
        assert client.get(url, {"page": wrong}).status_code == 200
    other = SocialContractFactory(municipality=priorities[0].contract.municipality)
    stranger = PriorityFactory(contract=other)
    assert client.get(f"{consultation.url}priorities/{stranger.pk}/discussion/").status_code == 404


def test_a_comment_from_the_discussion_page_goes_back_to_its_page(
    client, consultation, priorities, citizen
):
    threads = comments(priorities[0], 25)
    client.force_login(citizen)
    response = client.post(
        f"{consultation.url}comment/{priorities[0].pk}/",
        {"body": "Përgjigje e vjetër", "parent": threads[0].pk, "on": "discussion"},
    )
    reply = threads[0].replies.get()
    assert response.status_code == 302
    assert response["Location"].endswith(
        f"priorities/{priorities[0].pk}/discussion/?page=2#comment-{reply.pk}"
    )
    assert "Përgjigje e vjetër" in text(client.get(response["Location"]))


@pytest.mark.parametrize("size", [(2, 3), (12, 40)])
def test_the_discussion_page_costs_the_same_queries_at_two_sizes(
    client, make_page, municipality, citizen, size, django_assert_max_num_queries
):
    priorities_count, per_priority = size
    contract = SocialContractFactory(municipality=municipality)
    batch = PriorityFactory.create_batch(priorities_count, contract=contract)
    for priority in batch:
        for top in comments(priority, per_priority):
            CommentFactory(priority=priority, parent=top)
    page = make_page(contract)
    client.force_login(citizen)
    url = f"{page.url}priorities/{batch[0].pk}/discussion/"
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    ours = [q["sql"] for q in queries if 'FROM "consultations_' in q["sql"]]
    # Wagtail's routing (the index and consultation pages), then the
    # contract, the priority, the count, the threads, their replies; and
    # the header's unread notifications count (signed in).
    assert len(ours) == 8, ours
    with django_assert_max_num_queries(len(queries)):
        client.get(url)
    DISCUSSION_TOTALS.setdefault("totals", set()).add(len(queries))
    assert len(DISCUSSION_TOTALS["totals"]) == 1, DISCUSSION_TOTALS


DISCUSSION_TOTALS = {}


def test_every_discussion_landmark_has_its_own_name(client, consultation, priorities):
    page = soup(client.get(consultation.url))
    names = []
    for section in page.find_all(["section", "nav", "aside"]):
        labelled = section.get("aria-labelledby")
        name = page.find(id=labelled).get_text("") if labelled else section.get("aria-label", "")
        names.append(" ".join(name.split()))
    assert len(names) == len(set(names)), names
    for priority in priorities:
        assert f"Diskutimi: {priority.title}" in names


def test_report_is_not_offered_again_to_who_reported(client, consultation, priorities, citizen):
    comment = CommentFactory(priority=priorities[0], body="Fyerje")
    url = f"{consultation.url}comments/{comment.pk}/report/"
    client.force_login(citizen)
    assert soup(client.get(consultation.url)).find("a", href=url) is not None
    client.post(url, {"reason": "Fyen"})
    assert Report.objects.filter(comment=comment, reporter=citizen).exists()
    page = client.get(consultation.url)
    assert soup(page).find("a", href=url) is None
    assert "E keni raportuar këtë koment." in text(page)
    client.force_login(UserFactory(verified=True))
    assert soup(client.get(consultation.url)).find("a", href=url) is not None


def test_at_the_cap_the_other_buttons_say_why_without_javascript(
    client, consultation, priorities, citizen
):
    client.force_login(citizen)
    for priority in priorities[:3]:
        client.post(f"{consultation.url}support/{priority.pk}/")
    page = soup(client.get(consultation.url))
    assert "Po mbështetni 3 nga 3 prioritetet që lejohen." in page.find(
        attrs={"data-supports-summary": True}
    ).get_text(" ", strip=True)
    last = page.find(id=priorities[3].anchor)
    button = last.find("form").button
    assert button.has_attr("disabled")
    note = last.find(id=button["aria-describedby"])
    assert not note.has_attr("hidden") and "tërhiqni" in note.get_text()
    for priority in priorities[:3]:
        block = page.find(id=priority.anchor)
        assert not block.find("form").button.has_attr("disabled")
        assert block.find(attrs={"data-cap-note": True}).has_attr("hidden")


def test_the_json_answers_carry_the_counter_and_the_cap(client, consultation, priorities, citizen):
    client.force_login(citizen)
    answers = [
        client.post(f"{consultation.url}support/{p.pk}/", **JSON).json() for p in priorities[:3]
    ]
    assert [a["supports_used"] for a in answers] == [1, 2, 3]
    assert [a["at_cap"] for a in answers] == [False, False, True]
    assert answers[1]["supports_summary"] == "Po mbështetni 2 nga 3 prioritetet që lejohen."
    refused = client.post(f"{consultation.url}support/{priorities[3].pk}/", **JSON)
    assert refused.status_code == 409
    assert refused.json()["at_cap"] is True and refused.json()["supports_used"] == 3
    back = client.post(f"{consultation.url}withdraw/{priorities[0].pk}/", **JSON).json()
    assert back["at_cap"] is False and back["supports_used"] == 2
    assert back["supports_summary"] == "Po mbështetni 2 nga 3 prioritetet që lejohen."
