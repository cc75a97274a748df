"""What waits for moderators and editors in forums, for the staff desk
(`cms_pages.desk`): each function reads at most one query."""

import datetime
from urllib.parse import urlencode

from django.db.models import Count
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from cms_pages.desk import DeskPanel, DeskRow

from .models import Candidacy, CandidacyStatus, Question, QuestionState
from .rules import candidates as candidate_rules
from .rules import questions as question_rules

#: How far ahead editors look for forums whose approved questions wait.
AHEAD = datetime.timedelta(days=30)


def _questions_url(**filters):
    return f"{reverse('wagtailsnippets_forums_question:list')}?{urlencode(filters)}"


def questions_panel(user, now):
    """Moderators: citizens' questions waiting for moderation, per forum."""
    if not question_rules.can_moderate(user):
        return None
    per_forum = (
        Question.objects.filter(state=QuestionState.PENDING)
        .values("forum_id", "forum__title")
        .annotate(count=Count("pk"))
        .order_by("forum__title", "forum_id")
    )
    rows = [
        DeskRow(
            row["forum__title"],
            row["count"],
            _questions_url(state=QuestionState.PENDING, forum=row["forum_id"]),
        )
        for row in per_forum
    ]
    return DeskPanel(
        "questions",
        _("Forum questions to moderate"),
        rows,
        empty=_("No question waits for moderation."),
    )


def upcoming_forums_panel(user, now):
    """Editors: forums in the next 30 days with approved questions not yet
    answered."""
    if not candidate_rules.can_manage_candidacies(user):
        return None
    per_forum = (
        Question.objects.filter(
            state=QuestionState.APPROVED,
            answered_at__isnull=True,
            forum__starts_at__gt=now,
            forum__starts_at__lte=now + AHEAD,
        )
        .values("forum_id", "forum__title", "forum__starts_at")
        .annotate(count=Count("pk"))
        .order_by("forum__starts_at", "forum_id")
    )
    rows = [
        DeskRow(
            row["forum__title"],
            row["count"],
            _questions_url(state=QuestionState.APPROVED, forum=row["forum_id"], answered="false"),
            _("On %(date)s")
            % {
                "date": formats.date_format(
                    timezone.localtime(row["forum__starts_at"]), "DATETIME_FORMAT"
                )
            },
        )
        for row in per_forum
    ]
    return DeskPanel(
        "upcoming-forums",
        _("Upcoming forums with unanswered questions"),
        rows,
        empty=_("No forum in the next 30 days has an unanswered question."),
    )


def candidacy_requests_panel(user, now):
    """Editors: candidacies people asked for, waiting for a decision."""
    if not candidate_rules.can_manage_candidacies(user):
        return None
    requests = (
        Candidacy.objects.filter(status=CandidacyStatus.REQUESTED)
        .select_related("municipality", "election")
        .order_by("requested_at", "pk")
    )
    rows = [
        DeskRow(
            candidacy.full_name,
            url=reverse("forums_candidacy_manage", args=[candidacy.pk]),
            note=f"{candidacy.municipality} – {candidacy.election}",
        )
        for candidacy in requests
    ]
    return DeskPanel(
        "candidacy-requests",
        _("Candidacy requests"),
        rows,
        empty=_("No candidacy request waits for a decision."),
    )
