"""Citizens' questions for a forum: sent before it, read by a moderator
before anyone sees them, upvoted by other citizens, and marked answered at
the forum. Participation data: they point at the Albanian forum page and
are never translated."""

from django import forms
from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import Count, Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from wagtail.log_actions import log
from wagtail.search import index

from cms_pages.models import LocalizedQuerySet
from consultations import limits
from consultations.rules import Decision

from ..limits import MAX_ANSWER_LENGTH, MAX_QUESTION_LENGTH
from .refusals import Refused

TOP_QUESTIONS = 50


class QuestionState(models.TextChoices):
    PENDING = "pending", _("Waiting for moderation")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


def _rate_limit_refusal(user):
    """A few questions a minute and a daily ceiling, per citizen (limits from
    settings), or None; a question within the limits is counted."""
    return limits.refusal(
        "forums:questions",
        user,
        getattr(settings, "FORUMS_QUESTIONS_PER_MINUTE", 2),
        getattr(settings, "FORUMS_QUESTIONS_PER_DAY", 10),
        minute=_("You are writing quickly: please wait a minute before asking again."),
        day=_("You have reached today's limit of %(count)s questions. Thank you!"),
        reasons=("rate_minute", "rate_day"),
    )


class QuestionQuerySet(LocalizedQuerySet):
    def approved(self):
        return self.filter(state=QuestionState.APPROVED)

    def with_upvotes(self):
        return self.annotate(upvote_count=Count("upvotes", distinct=True))

    def top(self):
        """Approved questions, most upvoted first (earliest first on a tie)."""
        return self.approved().with_upvotes().order_by("-upvote_count", "created_at", "pk")

    def shown_on(self, forum, reader=None):
        """What the forum page lists: its top approved questions, with their
        author and the title of their priority in the reader's language, and
        `upvoted_by_reader` when a signed-in `reader` is given (in the same
        query)."""
        questions = (
            self.filter(forum=forum.source_page())
            .top()
            .select_related("author", "priority")
            .localized("priority__title")
        )
        if reader is not None and reader.is_authenticated:
            questions = questions.annotate(
                upvoted_by_reader=Exists(
                    Upvote.objects.filter(question=OuterRef("pk"), citizen=reader)
                )
            )
        return questions[:TOP_QUESTIONS]

    def waiting_of(self, forum, author):
        """`author`'s questions for the forum nobody else sees yet (pending or
        rejected), newest first."""
        return (
            self.filter(forum=forum.source_page(), author=author)
            .exclude(state=QuestionState.APPROVED)
            .order_by("-created_at")
        )

    def ask(self, forum, author, text, priority=None):
        """`author` asks the candidates of `forum` a question, which waits for
        a moderator. It points at the Albanian page whatever page it was asked
        on; a citizen asks only a few a minute and a day (`Refused`)."""
        refusal = _rate_limit_refusal(author)
        if refusal is not None:
            raise Refused(refusal)
        return self.create(forum=forum.source_page(), author=author, text=text, priority=priority)


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

    @property
    def is_approved(self):
        return self.state == QuestionState.APPROVED

    @property
    def is_rejected(self):
        return self.state == QuestionState.REJECTED

    # Moderation: each decision is dated, signed by its moderator and logged.

    def _moderate(self, moderator, action, data=None, **fields):
        with transaction.atomic():
            for name, value in fields.items():
                setattr(self, name, value)
            self.moderated_by = moderator
            self.moderated_at = timezone.now()
            self.save(update_fields=[*fields, "moderated_by", "moderated_at"])
            log(self, action, user=moderator, data=data or {})

    def approve(self, moderator):
        """Publish the question on the forum page."""
        self._moderate(
            moderator, "forums.question.approve", state=QuestionState.APPROVED, rejection_reason=""
        )

    def reject(self, moderator, reason):
        """Keep the question off the page; the reason is shown to its author."""
        self._moderate(
            moderator,
            "forums.question.reject",
            data={"reason": reason},
            state=QuestionState.REJECTED,
            rejection_reason=reason,
            answered_at=None,
        )

    def mark_answered(self, moderator, summary=""):
        """Record that the candidates answered it at the forum (first date kept)."""
        self._moderate(
            moderator,
            "forums.question.answer",
            data={"summary": summary},
            answered_at=self.answered_at or timezone.now(),
            answer_summary=summary,
        )


class UpvoteQuerySet(models.QuerySet):
    def question_ids_of(self, citizen, forum):
        """The questions of `forum` that `citizen` has upvoted (their pks)."""
        return set(
            self.filter(citizen=citizen, question__forum=forum.source_page()).values_list(
                "question_id", flat=True
            )
        )

    def cast(self, question, citizen):
        """`citizen` upvotes `question`, once: the database decides between
        two clicks sent at the same moment (`Refused`, "already_upvoted")."""
        try:
            with transaction.atomic():
                return self.create(question=question, citizen=citizen)
        except IntegrityError:
            raise Refused(
                Decision(
                    False,
                    "already_upvoted",
                    gettext("You have already upvoted this question."),
                )
            ) from None

    def withdraw(self, question, citizen):
        """`citizen` takes back their upvote of `question` (nothing changes
        if there was none); returns whether one was taken back."""
        deleted, _ = self.filter(question=question, citizen=citizen).delete()
        return deleted > 0


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

    objects = UpvoteQuerySet.as_manager()

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


# The citizen's form. Questions are plain text: Django refuses null
# characters with a clear message; everything else is stored as typed and
# escaped when shown.
class QuestionForm(forms.Form):
    text = forms.CharField(
        label=_("Your question"),
        max_length=MAX_QUESTION_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Plain text, up to 300 characters. A moderator reads it before it appears."),
        error_messages={"required": _("Write your question first.")},
    )
    priority = forms.ModelChoiceField(
        label=_("About a priority of the contract (optional)"),
        queryset=None,
        required=False,
        empty_label=_("No particular priority"),
    )

    def __init__(self, *args, priorities, **kwargs):
        """`priorities`: the source priorities one may choose, read with
        `localized("title")` (see `ForumPage.question_priorities`)."""
        super().__init__(*args, **kwargs)
        choices = list(priorities)  # read once: whether there are any, and the options
        if not choices:  # no contract yet, or no priority in it
            del self.fields["priority"]
            return
        field = self.fields["priority"]
        field.queryset = priorities  # what an answer is checked against
        field.label_from_instance = lambda p: p.localized_title
        field.choices = [("", field.empty_label), *((p.pk, p.localized_title) for p in choices)]
