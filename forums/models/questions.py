"""Citizens' questions for a forum: sent before it, read by a moderator
before anyone sees them, upvoted by other citizens, and marked answered at
the forum. Participation data: they point at the Albanian forum page and
are never translated."""

from django.conf import settings
from django.db import models
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wagtail.search import index

MAX_QUESTION_LENGTH = 300
MAX_ANSWER_LENGTH = 1000


class QuestionState(models.TextChoices):
    PENDING = "pending", _("Waiting for moderation")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class QuestionQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(state=QuestionState.APPROVED)

    def with_upvotes(self):
        return self.annotate(upvote_count=Count("upvotes", distinct=True))

    def top(self):
        """Approved questions, most upvoted first (earliest first on a tie)."""
        return self.approved().with_upvotes().order_by("-upvote_count", "created_at", "pk")


class Question(index.Indexed, models.Model):
    """A citizen's question to the candidates of a forum, optionally about
    one priority of the contract. Stays public when its author deletes the
    account, shown as by a deleted account (as consultation comments do)."""

    forum = models.ForeignKey(
        "forums.ForumPage",
        verbose_name=_("forum"),
        on_delete=models.PROTECT,
        related_name="questions",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="forum_questions",
    )
    priority = models.ForeignKey(
        "consultations.Priority",
        verbose_name=_("priority"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="forum_questions",
        help_text=_("The priority of the contract the question is about, if any."),
    )
    text = models.CharField(_("question"), max_length=MAX_QUESTION_LENGTH)
    state = models.CharField(
        _("state"), max_length=10, choices=QuestionState.choices, default=QuestionState.PENDING
    )
    created_at = models.DateTimeField(_("asked at"), default=timezone.now)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)
    rejection_reason = models.CharField(_("reason for rejecting"), max_length=300, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answer_summary = models.TextField(
        _("summary of the answer"), max_length=MAX_ANSWER_LENGTH, blank=True
    )

    objects = QuestionQuerySet.as_manager()

    search_fields = [
        index.SearchField("text"),
        index.AutocompleteField("text"),
        index.SearchField("answer_summary"),
        index.FilterField("state"),
        index.FilterField("forum"),
    ]

    class Meta:
        verbose_name = _("forum question")
        verbose_name_plural = _("forum questions")
        ordering = ["-created_at", "-pk"]
        permissions = [("moderate_question", "Can moderate forum questions")]

    def __str__(self):
        return self.text[:80]

    @property
    def author_name(self):
        return self.author.display_name if self.author_id else _("Deleted account")

    @property
    def is_answered(self):
        return self.answered_at is not None

    @property
    def anchor(self):
        return f"question-{self.pk}"


class Upvote(models.Model):
    """A citizen's "I want this asked too". One per citizen and question,
    enforced by the database; removed with the citizen's account."""

    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="upvotes"
    )
    citizen = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("citizen"),
        on_delete=models.CASCADE,
        related_name="forum_upvotes",
    )
    created_at = models.DateTimeField(_("upvoted at"), default=timezone.now)

    class Meta:
        verbose_name = pgettext_lazy("model name", "upvote")
        verbose_name_plural = pgettext_lazy("model name", "upvotes")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["citizen", "question"], name="one_upvote_per_citizen_and_question"
            )
        ]

    def __str__(self):
        return f"{self.citizen} → {self.question}"
