"""What citizens do in a consultation: support priorities, discuss them and
report abuse. Always attached to the source-language priority; never
translatable content."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wagtail.search import index

EDIT_WINDOW = datetime.timedelta(minutes=15)
REPORTS_TO_HIDE = 3
MAX_COMMENT_LENGTH = 2000


class Vote(models.Model):
    """A citizen's support for a priority. One per citizen and priority,
    enforced by the database. Who supported what is never shown or exported;
    when an account is deleted its supports in closed consultations stay,
    counted without a name."""

    priority = models.ForeignKey(
        "consultations.Priority",
        verbose_name=_("priority"),
        on_delete=models.PROTECT,
        related_name="votes",
    )
    citizen = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("citizen"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="consultation_votes",
    )
    created_at = models.DateTimeField(_("supported at"), default=timezone.now)

    class Meta:
        verbose_name = pgettext_lazy("model name", "support")
        verbose_name_plural = pgettext_lazy("model name", "supports")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["citizen", "priority"], name="one_support_per_citizen_and_priority"
            )
        ]

    def __str__(self):
        return f"{self.citizen or _('deleted account')} → {self.priority}"


class CommentState(models.TextChoices):
    VISIBLE = "visible", _("Visible")
    PENDING = "pending", _("Waiting for moderation")
    HIDDEN = "hidden", _("Hidden by a moderator")
    REMOVED = "removed", _("Removed by its author")


class CommentQuerySet(models.QuerySet):
    def visible(self):
        return self.filter(state=CommentState.VISIBLE)

    def shown_to(self, user):
        """What a reader sees: visible comments, plus their own pending ones.
        Hidden and removed comments show as placeholders only where they
        carry visible replies (handled by the page)."""
        condition = Q(state=CommentState.VISIBLE)
        if user.is_authenticated:
            condition |= Q(state=CommentState.PENDING, author=user)
        return self.filter(condition)

    def needing_moderation(self):
        """Pending comments and comments with reports nobody has acted on yet."""
        unresolved = Report.objects.filter(comment=OuterRef("pk"), resolved_at__isnull=True)
        return (
            self.annotate(has_open_reports=Exists(unresolved))
            .filter(Q(state=CommentState.PENDING) | Q(has_open_reports=True))
            .annotate(report_count=Count("reports", filter=Q(reports__resolved_at__isnull=True)))
        )


class Comment(index.Indexed, models.Model):
    """A citizen's plain-text comment on a priority, or a reply to one (one
    level deep). Stays public when its author deletes the account, shown as
    by a deleted account."""

    priority = models.ForeignKey(
        "consultations.Priority",
        verbose_name=_("priority"),
        on_delete=models.PROTECT,
        related_name="comments",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("reply to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replies",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="consultation_comments",
    )
    body = models.TextField(_("comment"), max_length=MAX_COMMENT_LENGTH)
    state = models.CharField(
        _("state"), max_length=10, choices=CommentState.choices, default=CommentState.VISIBLE
    )
    created_at = models.DateTimeField(_("written at"), default=timezone.now)
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)
    moderation_reason = models.CharField(_("reason"), max_length=300, blank=True)

    objects = CommentQuerySet.as_manager()

    search_fields = [index.SearchField("body"), index.FilterField("state")]

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]
        permissions = [("moderate_comment", "Can moderate comments")]

    def __str__(self):
        return f"{self.author_name}: {self.body[:60]}"

    @property
    def author_name(self):
        return self.author.display_name if self.author_id else _("Deleted account")

    @property
    def is_edited(self):
        return self.edited_at is not None

    def editable_until(self):
        return self.created_at + EDIT_WINDOW

    @property
    def anchor(self):
        return f"comment-{self.pk}"


class Report(models.Model):
    """A citizen's report that a comment breaks the rules. Three reports from
    different citizens hide the comment until a moderator decides."""

    comment = models.ForeignKey(
        Comment, verbose_name=_("comment"), on_delete=models.CASCADE, related_name="reports"
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="consultation_reports",
    )
    reason = models.CharField(_("reason"), max_length=300)
    created_at = models.DateTimeField(_("reported at"), default=timezone.now)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    digested_at = models.DateTimeField(_("sent to moderators at"), null=True, blank=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "reporter"], name="one_report_per_citizen_and_comment"
            )
        ]

    def __str__(self):
        return f"{self.reporter or _('deleted account')}: {self.reason[:60]}"


class SuggestionState(models.TextChoices):
    PENDING = "pending", _("Waiting for an editor")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class PrioritySuggestion(models.Model):
    """A priority a citizen proposes while the consultation is open. An editor
    accepts it (it joins the draft priorities, credited to the citizen) or
    declines it with a reason the citizen sees."""

    contract = models.ForeignKey(
        "consultations.SocialContract",
        verbose_name=_("social contract"),
        on_delete=models.PROTECT,
        related_name="suggestions",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("suggested by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="priority_suggestions",
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=SuggestionState.choices, default=SuggestionState.PENDING
    )
    created_at = models.DateTimeField(_("suggested at"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decline_reason = models.CharField(_("reason for declining"), max_length=300, blank=True)
    priority = models.ForeignKey(
        "consultations.Priority",
        verbose_name=_("priority"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("suggested priority")
        verbose_name_plural = _("suggested priorities")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.title
