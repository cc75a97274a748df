"""Discussion: comments and replies, pre-moderation, rate limits, editing,
reports, and a corpus of hostile texts that must stay inert."""

import datetime

import pytest

from django.core import mail
from django.test import override_settings
from django.utils import timezone

from consultations.models import Comment, CommentState, Report

from ..accounts.factories import UserFactory
from ..markup import soup
from .factories import CommentFactory

pytestmark = pytest.mark.django_db


def comment_url(page, priority):
    return f"{page.url}comment/{priority.pk}/"


def post_comment(client, page, priority, body, parent=None, **extra):
    data = {"body": body, **extra}
    if parent:
        data["parent"] = parent.pk
    return client.post(comment_url(page, priority), data, follow=True)


def refused_form(response, form_id):
    """The form a refused comment came back in: its address, the text in
    its box and the error beside it (which the box is described by)."""
    form = soup(response).find("form", id=form_id)
    assert form is not None, f"no form #{form_id}"
    box = form.find("textarea")
    error = form.find(class_="field__error")
    assert error is not None, f"no error in #{form_id}"
    assert error["id"] in box["aria-describedby"].split()
    assert box.get("aria-invalid") == "true"
    assert form.find_parent("details").has_attr("open")
    return form["action"], box.get_text(), error.get_text(" ", strip=True)


def test_comment_and_reply_are_published_and_the_author_is_told(
    client, consultation, priorities, citizen, municipality, django_capture_on_commit_callbacks
):
    other = UserFactory(municipality=municipality, verified=True, notify_replies=True)
    client.force_login(other)
    post_comment(client, consultation, priorities[0], "Uji vjen vetëm dy orë në ditë.")
    parent = Comment.objects.get()
    assert parent.state == CommentState.VISIBLE and parent.author == other
    client.force_login(citizen)
    with django_capture_on_commit_callbacks(execute=True):
        response = post_comment(client, consultation, priorities[0], "Edhe te ne.", parent=parent)
    reply = Comment.objects.get(parent=parent)
    assert response.redirect_chain[-1][0].endswith(f"#comment-{reply.pk}")
    html = response.content.decode()
    assert "Uji vjen vetëm dy orë në ditë." in html and "Edhe te ne." in html
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [other.email]
    assert "Edhe te ne." in mail.outbox[0].body
    assert "/consultations/unsubscribe/" in mail.outbox[0].body


def test_no_reply_to_a_reply(client, consultation, priorities, citizen):
    parent = CommentFactory(priority=priorities[0])
    reply = CommentFactory(priority=priorities[0], parent=parent)
    client.force_login(citizen)
    post_comment(client, consultation, priorities[0], "Thellë", parent=reply)
    assert not Comment.objects.filter(parent=reply).exists()


def test_premoderated_comment_waits_and_only_its_author_sees_it(
    client, consultation, priorities, citizen, contract, municipality
):
    contract.premoderate_comments = True
    contract.save()
    client.force_login(citizen)
    response = post_comment(client, consultation, priorities[0], "Pres miratimin")
    assert Comment.objects.get().state == CommentState.PENDING
    assert "Pres miratimin" in response.content.decode()
    client.force_login(UserFactory(municipality=municipality, verified=True))
    assert "Pres miratimin" not in client.get(consultation.url).content.decode()
    client.logout()
    assert "Pres miratimin" not in client.get(consultation.url).content.decode()


@override_settings(CONSULTATIONS_COMMENTS_PER_MINUTE=2, CONSULTATIONS_COMMENTS_PER_DAY=3)
def test_comments_are_rate_limited_with_a_clear_message(client, consultation, priorities, citizen):
    """The refusal comes back beside the form that was sent, the text as
    typed, the form's address ending with its anchor (no redirect)."""
    client.force_login(citizen)
    for n in range(2):
        post_comment(client, consultation, priorities[0], f"Komenti {n}")
    response = post_comment(client, consultation, priorities[0], "Shumë shpejt\n\nme dy paragrafë")
    assert response.status_code == 429 and not response.redirect_chain
    assert Comment.objects.count() == 2
    action, typed, error = refused_form(response, f"comment-form-{priorities[0].pk}")
    assert action.endswith(f"comment/{priorities[0].pk}/#comment-form-{priorities[0].pk}")
    assert typed.replace("\r\n", "\n").strip("\n") == "Shumë shpejt\n\nme dy paragrafë"
    assert error == (
        "Po shkruani shumë shpejt: ju lutemi, prisni një minutë para se të komentoni sërish."
    )
    other = soup(response).find("form", id=f"comment-form-{priorities[1].pk}")
    assert other.find("textarea").get_text() == "" and not other.find(class_="field__error")
    assert not other.find_parent("details").has_attr("open")


@override_settings(CONSULTATIONS_COMMENTS_PER_MINUTE=2)
def test_a_refused_reply_keeps_its_text_beside_the_reply_form(
    client, consultation, priorities, citizen
):
    parent = CommentFactory(priority=priorities[0])
    client.force_login(citizen)
    for n in range(2):
        post_comment(client, consultation, priorities[1], f"Komenti {n}")
    response = post_comment(client, consultation, priorities[0], "Përgjigja ime", parent=parent)
    assert response.status_code == 429
    assert not Comment.objects.filter(parent=parent).exists()
    action, typed, error = refused_form(response, f"reply-form-{parent.pk}")
    assert action.endswith(f"#reply-form-{parent.pk}")
    assert typed.strip() == "Përgjigja ime" and "minutë" in error


@override_settings(CONSULTATIONS_COMMENTS_PER_MINUTE=100, CONSULTATIONS_COMMENTS_PER_DAY=3)
def test_daily_ceiling(client, consultation, priorities, citizen):
    client.force_login(citizen)
    for n in range(4):
        response = post_comment(client, consultation, priorities[0], f"Komenti {n}")
    assert Comment.objects.count() == 3
    _, typed, error = refused_form(response, f"comment-form-{priorities[0].pk}")
    assert typed.strip() == "Komenti 3" and "3" in error


def test_refused_comment_is_not_saved(client, consultation, priorities):
    client.force_login(UserFactory(verified=False))
    post_comment(client, consultation, priorities[0], "A mund?")
    client.logout()
    post_comment(client, consultation, priorities[0], "A mund?")
    assert not Comment.objects.exists()


def test_comment_over_2000_characters_is_refused_and_kept(
    client, consultation, priorities, citizen
):
    client.force_login(citizen)
    response = post_comment(client, consultation, priorities[0], "a" * 2001)
    assert response.status_code == 400
    assert not Comment.objects.exists()
    _, typed, error = refused_form(response, f"comment-form-{priorities[0].pk}")
    assert typed.strip() == "a" * 2001
    assert "2000" in error and "Your comment" not in error


def test_a_comment_sent_after_closing_keeps_its_text(
    client, consultation, priorities, citizen, contract
):
    client.force_login(citizen)
    contract.closes_at = timezone.now() - datetime.timedelta(minutes=1)
    contract.save()
    response = post_comment(client, consultation, priorities[0], "Vonë, por e rëndësishme")
    assert response.status_code == 403
    assert not Comment.objects.exists()
    _, typed, error = refused_form(response, f"comment-form-{priorities[0].pk}")
    assert typed.strip() == "Vonë, por e rëndësishme"
    assert "u mbyll" in error


@override_settings(CONSULTATIONS_COMMENTS_PER_MINUTE=1)
def test_a_refusal_on_the_discussion_page_comes_back_there(
    client, consultation, priorities, citizen
):
    client.force_login(citizen)
    post_comment(client, consultation, priorities[0], "I pari", on="discussion")
    response = post_comment(client, consultation, priorities[0], "I dyti", on="discussion")
    assert response.status_code == 429
    assert "discussion-page" in soup(response).body["class"]
    _, typed, _error = refused_form(response, f"comment-form-{priorities[0].pk}")
    assert typed.strip() == "I dyti"


HOSTILE = [
    "<script>alert('x')</script>",
    '"><img src=x onerror=alert(1)>',
    '<a href="javascript:alert(1)">kliko</a>',
    "javascript:alert(document.cookie)",
    "' onmouseover='alert(1)",
    'https://example.org/"onmouseover="alert(1)',
    "x" * 1990,
    "\u202egnp.exe\u202c dhe \u2066izolim\u2069",
    "<iframe src=//evil.example></iframe>",
    "{{ request.user.email }} {% debug %}",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_texts_are_stored_as_typed_and_shown_inert(
    client, consultation, priorities, citizen, text
):
    client.force_login(citizen)
    response = post_comment(client, consultation, priorities[0], text)
    comment = Comment.objects.get()
    assert comment.body == text  # lossless
    html = response.content.decode()
    body_html = html.split(f'id="comment-{comment.pk}"')[1].split("</article>")[0]
    assert "<script" not in body_html
    assert "<img" not in body_html and "<iframe" not in body_html
    assert "javascript:" not in body_html.replace("javascript:alert", "") or (
        'href="javascript' not in body_html
    )
    assert "onerror=" not in body_html.replace("onerror=alert", "") or "<img" not in body_html
    assert " onmouseover=" not in body_html.split("<a ")[-1].split(">")[0]
    assert "\u202e" not in body_html and "\u2066" not in body_html
    assert citizen.email not in body_html


def test_null_bytes_are_refused_with_a_clear_message(client, consultation, priorities, citizen):
    client.force_login(citizen)
    response = post_comment(client, consultation, priorities[0], "para\x00pas")
    assert not Comment.objects.exists()
    _, _typed, error = refused_form(response, f"comment-form-{priorities[0].pk}")
    assert "null" in error, error  # Django's Albanian message


def test_links_are_clickable_with_nofollow_ugc(client, consultation, priorities, citizen):
    client.force_login(citizen)
    response = post_comment(
        client, consultation, priorities[0], "Shih https://bashkia.example.al/plani dhe www.pop.al"
    )
    html = response.content.decode()
    assert '<a href="https://bashkia.example.al/plani" rel="nofollow ugc">' in html
    assert 'rel="nofollow ugc">www.pop.al</a>' in html


def test_edit_within_15_minutes_is_marked_edited(client, consultation, priorities, citizen):
    comment = CommentFactory(priority=priorities[0], author=citizen, body="Gabim")
    client.force_login(citizen)
    url = f"{consultation.url}comments/{comment.pk}/edit/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"body": "Saktë"}, follow=True)
    comment.refresh_from_db()
    assert comment.body == "Saktë" and comment.is_edited
    assert "(i ndryshuar)" in response.content.decode()


def test_edit_after_15_minutes_is_refused(client, consultation, priorities, citizen):
    comment = CommentFactory(
        priority=priorities[0],
        author=citizen,
        body="Vjetër",
        created_at=timezone.now() - datetime.timedelta(minutes=16),
    )
    client.force_login(citizen)
    client.post(f"{consultation.url}comments/{comment.pk}/edit/", {"body": "Ri"})
    comment.refresh_from_db()
    assert comment.body == "Vjetër" and not comment.is_edited


def test_someone_else_cannot_edit_or_remove(client, consultation, priorities, citizen):
    comment = CommentFactory(priority=priorities[0], body="E imja")
    client.force_login(citizen)
    client.post(f"{consultation.url}comments/{comment.pk}/edit/", {"body": "Jo"})
    client.post(f"{consultation.url}comments/{comment.pk}/remove/")
    comment.refresh_from_db()
    assert comment.body == "E imja" and comment.state == CommentState.VISIBLE


def test_author_removes_own_comment_replies_stay(client, consultation, priorities, citizen):
    comment = CommentFactory(priority=priorities[0], author=citizen, body="Do ta heq")
    CommentFactory(priority=priorities[0], parent=comment, body="Përgjigja mbetet")
    client.force_login(citizen)
    response = client.post(f"{consultation.url}comments/{comment.pk}/remove/", follow=True)
    comment.refresh_from_db()
    assert comment.state == CommentState.REMOVED
    html = response.content.decode()
    assert "Do ta heq" not in html and "Përgjigja mbetet" in html


def test_three_reports_hide_a_comment_until_a_moderator_decides(
    client, consultation, priorities, municipality
):
    comment = CommentFactory(priority=priorities[0], body="Fyerje")
    url = f"{consultation.url}comments/{comment.pk}/report/"
    reporters = UserFactory.create_batch(3, verified=True)
    for n, reporter in enumerate(reporters):
        client.force_login(reporter)
        assert client.get(url).status_code == 200
        client.post(url, {"reason": "Fyen"})
        client.post(url, {"reason": "Përsëri"})  # one report per citizen
        comment.refresh_from_db()
        assert comment.reports.count() == n + 1
        expected = CommentState.HIDDEN if n == 2 else CommentState.VISIBLE
        assert comment.state == expected
    assert "Fyerje" not in client.get(consultation.url).content.decode()


def test_cannot_report_own_comment(client, consultation, priorities, citizen):
    comment = CommentFactory(priority=priorities[0], author=citizen)
    client.force_login(citizen)
    client.post(f"{consultation.url}comments/{comment.pk}/report/", {"reason": "x"})
    assert not Report.objects.exists()


def test_deleted_author_is_shown_as_a_deleted_account(client, consultation, priorities, citizen):
    from accounts.personal_data import delete_account

    CommentFactory(priority=priorities[0], author=citizen, body="Mbetet publik")
    delete_account(citizen)
    html = client.get(consultation.url).content.decode()
    assert "Mbetet publik" in html
    assert "comment__author--deleted" in html


@override_settings(CONSULTATIONS_COMMENTS_PER_MINUTE=1)
def test_a_refused_reply_on_the_discussion_page_comes_back_on_its_threads_page(
    client, consultation, priorities, citizen
):
    old = CommentFactory(
        priority=priorities[0], created_at=timezone.now() - datetime.timedelta(days=1)
    )
    CommentFactory.create_batch(20, priority=priorities[0])
    client.force_login(citizen)
    post_comment(client, consultation, priorities[1], "I pari")
    response = post_comment(
        client, consultation, priorities[0], "Përgjigje e refuzuar", parent=old, on="discussion"
    )
    assert response.status_code == 429
    _, typed, _error = refused_form(response, f"reply-form-{old.pk}")
    assert typed.strip() == "Përgjigje e refuzuar"
