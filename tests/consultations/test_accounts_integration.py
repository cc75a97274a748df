"""Consultations' part in "download my data" and "delete my account"."""

import pytest

from django.utils import translation

from accounts.personal_data import delete_account, export_personal_data
from consultations.models import Comment, Phase, Vote

from .factories import CommentFactory, PriorityFactory, SocialContractFactory, VoteFactory

pytestmark = pytest.mark.django_db


def test_export_includes_supports_comments_and_reports(citizen):
    vote = VoteFactory(citizen=citizen)
    comment = CommentFactory(author=citizen, body="Mendimi im")
    other = CommentFactory()
    other.reports.create(reporter=citizen, reason="Spam")
    data = export_personal_data(citizen)
    assert data["consultation_supports"][0]["priority"] == vote.priority.title
    assert data["consultation_comments"][0]["text"] == comment.body
    assert data["consultation_reports"][0]["reason"] == "Spam"


def test_deletion_withdraws_open_supports_and_keeps_closed_ones_anonymous(citizen):
    open_priority = PriorityFactory(contract=SocialContractFactory(phase=Phase.OPEN))
    closed_priority = PriorityFactory(contract=SocialContractFactory(phase=Phase.FINALISED))
    VoteFactory(citizen=citizen, priority=open_priority)
    VoteFactory(citizen=citizen, priority=closed_priority)
    comment = CommentFactory(author=citizen)
    delete_account(citizen)
    assert not Vote.objects.filter(priority=open_priority).exists()
    kept = Vote.objects.get(priority=closed_priority)
    assert kept.citizen is None
    comment = Comment.objects.get(pk=comment.pk)
    assert comment.author is None
    with translation.override("sq"):
        assert str(comment.author_name) == "Llogari e fshirë"
    with translation.override("en"):
        assert str(comment.author_name) == "Deleted account"
