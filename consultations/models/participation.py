"""What citizens do in a consultation: support priorities, discuss them and
report abuse. Always attached to the source-language priority; never
translatable content."""

from collections import defaultdict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db import IntegrityError, connections, models, transaction
from django.db.models import Count, Exists, F, OuterRef, Q, Value, Window, signals
from django.db.models.functions import Coalesce, DenseRank, RowNumber
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from wagtail.log_actions import log
from wagtail.search import index

from .. import limits
from ..decisions import Refused
from ..notifications import queue_reply_notification
from ..states import (
    DISCUSSION_PAGE_SIZE,
    EDIT_WINDOW,
    LATEST_REPLIES,
    LATEST_THREADS,
    MAX_COMMENT_LENGTH,
    REPORTS_TO_HIDE,
    CommentState,
)


class CapReached(Refused):
    """The citizen has used every support the contract allows
    (`supports_used`: how many they use)."""

    def __init__(self, decision, supports_used=None):
        super().__init__(decision)
        self.supports_used = supports_used


class AlreadySupported(Exception):
    """The citizen already supports this priority (the database said so)."""

    def __init__(self, supports_used):
        super().__init__(supports_used)
        self.supports_used = supports_used


class RateLimited(Refused):
    """Too many comments (or suggested priorities) in a minute, or today."""


class AlreadyReported(Exception):
    """A citizen reports a comment once."""


def counted_priorities(priority_id):
    """The priority whose counts an act changes, to call `add_to_counts` on
    (the Priority model is read from the foreign key: its module imports
    this one)."""
    return Vote._meta.get_field("priority").related_model.objects.filter(pk=priority_id)


class VoteQuerySet(models.QuerySet):
    def of(self, citizen, contract):
        """`citizen`'s supports in `contract`."""
        return self.filter(citizen=citizen, priority__contract=contract)

    def withdraw(self):
        """Delete these supports, each taken off its priority's count, in
        one transaction; returns how many were deleted."""
        with transaction.atomic():
            return sum(
                self._take_off(priority_id)
                for priority_id in set(self.values_list("priority_id", flat=True))
            )

    def _take_off(self, priority_id):
        """Delete these supports of one priority and take them off its
        count, by what the database deleted (DELETE's row count): a support
        deleted at the same time by another request is taken off once. In
        the caller's transaction."""
        deleted, _by_model = self.filter(priority_id=priority_id).delete()
        if deleted:
            counted_priorities(priority_id).add_to_counts(supports=-deleted)
        return deleted


_STATEMENTS = {}  # database alias: the statements of `cast` and `withdraw`


class VoteManager(models.Manager.from_queryset(VoteQuerySet)):
    """Supporting and withdrawing, lean: each is one transaction of a few
    statements (the busiest writes of the site, during a consultation).

    - `cast`: the citizen's row locked (where the database has row locks;
      SQLite has one writer at a time); the cap checked and the support
      inserted together (an INSERT … SELECT that inserts only under the
      cap); the priority's kept count raised, returning it and the
      citizen's supports in the contract. Three statements, in SQL.
    - `withdraw`: the citizen's row locked as for `cast` (a support refused
      at the cap then reports the count it was refused on); the support
      deleted; the kept count lowered by what the database deleted,
      returning the same two numbers. Three statements (two on SQLite).

    Both leave the priority's kept count on `priority.support_count`, as
    the row holds it after the act, and send the model's signals (the page
    cache is retired by them, as by any save or delete)."""

    def _statements(self):
        """The statements of the two acts, in the connection's SQL. Names
        come from the models' `_meta`, values are always parameters.
        `used` (parameters: citizen, contract) counts the citizen's supports
        in a contract; RETURNING is PostgreSQL's and SQLite's."""
        connection = connections[self.db]
        if connection.alias in _STATEMENTS:
            return _STATEMENTS[connection.alias]
        quote = connection.ops.quote_name
        vote = Vote._meta
        priority = vote.get_field("priority").related_model._meta
        names = {
            "vote": quote(vote.db_table),
            "priority": quote(priority.db_table),
            "pk": quote(priority.pk.column),
            "count": quote(priority.get_field("support_count").column),
            "contract": quote(priority.get_field("contract").column),
            "vote_pk": quote(vote.pk.column),
            "vote_priority": quote(vote.get_field("priority").column),
            "vote_citizen": quote(vote.get_field("citizen").column),
            "vote_created": quote(vote.get_field("created_at").column),
        }
        templates = {
            # Parameters: citizen, contract.
            "used": "SELECT COUNT(*) FROM {vote} INNER JOIN {priority} AS p "
            "ON p.{pk} = {vote}.{vote_priority} "
            "WHERE {vote}.{vote_citizen} = %s AND p.{contract} = %s",
            # Parameters: priority, citizen, time.
            "insert": "INSERT INTO {vote} ({vote_priority}, {vote_citizen}, {vote_created}) "
            "SELECT %s, %s, %s RETURNING {vote_pk}",
            # …, then citizen, contract, cap: inserts nothing at the cap.
            "insert_under_cap": "INSERT INTO {vote} ({vote_priority}, {vote_citizen}, "
            "{vote_created}) SELECT %s, %s, %s WHERE ({used}) < %s RETURNING {vote_pk}",
            # Parameters: citizen, priority.
            "delete": "DELETE FROM {vote} WHERE {vote_citizen} = %s AND {vote_priority} = %s "
            "RETURNING {vote_pk}",
            # Parameters: change, priority, citizen, contract.
            "add": "UPDATE {priority} SET {count} = {count} + %s WHERE {pk} = %s "
            "RETURNING {count}, ({used})",
            # Parameters: citizen, contract, priority.
            "read": "SELECT {count}, ({used}) FROM {priority} WHERE {pk} = %s",
        }
        if connection.features.has_select_for_update:
            # Parameter: citizen. (SQLite has no row locks: one writer at a
            # time, and the insert under the cap is one statement.)
            citizen = get_user_model()._meta
            names["user"] = quote(citizen.db_table)
            names["user_pk"] = quote(citizen.pk.column)
            templates["lock"] = "SELECT 1 FROM {user} WHERE {user_pk} = %s FOR UPDATE"
        names["used"] = templates.pop("used").format(**names)
        _STATEMENTS[connection.alias] = {k: t.format(**names) for k, t in templates.items()}
        return _STATEMENTS[connection.alias]

    def _counted(self, cursor, citizen, priority, change=0):
        """Add `change` to the priority's kept count (none: only read it);
        returns `(kept count, citizen's supports in the contract)`, read by
        the same statement, after the act (in its transaction)."""
        statements = self._statements()
        if change:
            cursor.execute(
                statements["add"], [change, priority.pk, citizen.pk, priority.contract_id]
            )
        else:
            cursor.execute(statements["read"], [citizen.pk, priority.contract_id, priority.pk])
        return cursor.fetchone()

    def cast(self, citizen, priority):
        """`citizen` supports `priority` (a source-language row, with its
        contract); returns how many supports they use in its contract
        afterwards, and leaves the priority's count on `support_count`.

        The citizen's row is locked while their supports are counted (by
        withdrawals too), so parallel requests cannot exceed the contract's
        cap (`CapReached`, carrying the refusal and `supports_used`); the
        database's unique constraint refuses a second support of the same
        priority (`AlreadySupported`). Whether the citizen may take part at
        all is the rules' question, asked before."""
        contract = priority.contract
        statements = self._statements()
        created_at = timezone.now()
        if contract.max_supports is None:
            insert = statements["insert"], [priority.pk, citizen.pk, created_at]
        else:
            # Under the lock: the count cannot change until this commits.
            insert = (
                statements["insert_under_cap"],
                [
                    *(priority.pk, citizen.pk, created_at),
                    *(citizen.pk, contract.pk, contract.max_supports),
                ],
            )
        try:
            with transaction.atomic(using=self.db), connections[self.db].cursor() as cursor:
                if "lock" in statements:
                    cursor.execute(statements["lock"], [citizen.pk])
                cursor.execute(*insert)
                inserted = cursor.fetchone()
                priority.support_count, used = self._counted(
                    cursor, citizen, priority, 1 if inserted else 0
                )
        except IntegrityError:
            with connections[self.db].cursor() as cursor:
                priority.support_count, used = self._counted(cursor, citizen, priority)
            raise AlreadySupported(used) from None
        if not inserted:
            raise CapReached(contract.cap_refusal(used), supports_used=used)
        vote = Vote(pk=inserted[0], priority=priority, citizen=citizen, created_at=created_at)
        signals.post_save.send(
            sender=Vote, instance=vote, created=True, update_fields=None, raw=False, using=self.db
        )
        return used

    def withdraw(self, citizen, priority):
        """`citizen` no longer supports `priority` (nothing changes if they
        did not); returns how many supports they still use in its contract,
        and leaves the priority's count on `support_count`."""
        statements = self._statements()
        with transaction.atomic(using=self.db), connections[self.db].cursor() as cursor:
            if "lock" in statements:
                # The lock a support takes: a support refused at the cap
                # reads the count it was refused on, not one this changed.
                cursor.execute(statements["lock"], [citizen.pk])
            cursor.execute(statements["delete"], [citizen.pk, priority.pk])
            deleted = [row[0] for row in cursor.fetchall()]
            priority.support_count, used = self._counted(cursor, citizen, priority, -len(deleted))
        for pk in deleted:
            vote = Vote(pk=pk, priority=priority, citizen=citizen)
            signals.post_delete.send(sender=Vote, instance=vote, origin=vote, using=self.db)
        return used


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

    objects = VoteManager()

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

    def with_reported_by(self, user):
        """Each comment with `reported`: whether `user` has reported it (so
        "Report" is not offered twice), in the same query."""
        if not user.is_authenticated:
            return self.annotate(reported=Value(False))
        return self.annotate(
            reported=Exists(Report.objects.filter(comment=OuterRef("pk"), reporter=user))
        )

    def _shown_condition(self, user, prefix=""):
        condition = Q(**{f"{prefix}state": CommentState.VISIBLE})
        if user.is_authenticated:
            condition |= Q(**{f"{prefix}state": CommentState.PENDING, f"{prefix}author": user})
        return condition

    def latest_threads(self, user, per_priority=LATEST_THREADS, per_thread=LATEST_REPLIES):
        """`{priority_id: [top-level comments]}`: the `per_priority` newest
        threads of each priority that `user` may read, newest first, each
        with its `per_thread` newest `shown_replies` (oldest first), in one
        query whatever the number of priorities, comments and replies
        (window functions rank the threads per priority and the replies per
        thread), so the page does not grow with the discussion. A hidden or
        removed comment that carries a reply the reader may see shows as a
        placeholder above it. The whole discussion is on the priority's
        discussion page."""
        thread_started = Coalesce("parent__created_at", "created_at")
        thread_id = Coalesce("parent_id", "pk")
        shown_replies = Comment.objects.filter(parent=OuterRef("pk")).filter(
            self._shown_condition(user)
        )
        rows = (
            self.alias(has_shown_reply=Exists(shown_replies))
            .filter(self._shown_condition(user) | Q(parent__isnull=True, has_shown_reply=True))
            .annotate(
                thread_rank=Window(
                    DenseRank(),
                    partition_by=[F("priority_id")],
                    order_by=[thread_started.desc(), thread_id.desc()],
                )
            )
            .annotate(
                reply_rank=Window(
                    RowNumber(),
                    partition_by=[F("parent_id")],
                    order_by=[F("created_at").desc(), F("pk").desc()],
                )
            )
            .filter(thread_rank__lte=per_priority)
            .filter(Q(parent__isnull=True) | Q(reply_rank__lte=per_thread))
            .with_reported_by(user)
            .select_related("author")
        )
        tops, replies = [], defaultdict(list)
        for comment in sorted(rows, key=lambda c: (c.created_at, c.pk)):
            comment.shown = comment.state == CommentState.VISIBLE or (
                comment.state == CommentState.PENDING
                and user.is_authenticated
                and comment.author_id == user.pk
            )
            if comment.parent_id:
                replies[comment.parent_id].append(comment)
            else:
                tops.append(comment)
        threads = defaultdict(list)
        for comment in reversed(tops):
            comment.shown_replies = replies.get(comment.pk, [])
            threads[comment.priority_id].append(comment)
        return threads

    def discussion_tops(self, user, priority):
        """The top-level comments of `priority`'s discussion page, newest
        first: those `user` may read and the hidden or removed ones that
        carry a reply they may read (shown as a placeholder)."""
        replies = self.filter(parent=OuterRef("pk")).filter(self._shown_condition(user))
        return (
            self.filter(priority=priority, parent__isnull=True)
            .filter(self._shown_condition(user) | Exists(replies))
            .order_by("-created_at", "-pk")
        )

    def discussion_page(self, user, priority, number, per_page=DISCUSSION_PAGE_SIZE):
        """One page of `priority`'s whole discussion (newest threads first),
        each thread with `shown` and its `shown_replies`; a page number that
        is not one gives the first or the last page. Three queries (the
        count, the threads, their replies) whatever the size."""
        tops = self.discussion_tops(user, priority).with_reported_by(user).select_related("author")
        page = Paginator(tops, per_page).get_page(number)
        page.object_list = list(page.object_list)
        replies = defaultdict(list)
        if page.object_list:
            for reply in (
                self.filter(parent__in=[c.pk for c in page.object_list])
                .filter(self._shown_condition(user))
                .with_reported_by(user)
                .select_related("author")
                .order_by("created_at", "pk")
            ):
                reply.shown = True
                replies[reply.parent_id].append(reply)
        for comment in page.object_list:
            comment.shown = comment.state == CommentState.VISIBLE or (
                comment.state == CommentState.PENDING
                and user.is_authenticated
                and comment.author_id == user.pk
            )
            comment.shown_replies = replies.get(comment.pk, [])
        return page

    def page_number_of(self, user, comment, per_page=DISCUSSION_PAGE_SIZE):
        """On which page of its priority's discussion `comment` (or the
        thread it replies to) is."""
        top = comment.parent or comment
        newer = (
            self.discussion_tops(user, comment.priority_id)
            .filter(Q(created_at__gt=top.created_at) | Q(created_at=top.created_at, pk__gt=top.pk))
            .count()
        )
        return newer // per_page + 1

    def threads(self, user):
        """`{priority_id: [top-level comments]}` as `user` reads them, each
        with `shown` and its `shown_replies` (one level deep), in one query.
        Hidden or removed comments appear only as a placeholder above
        replies; pending ones only to their author."""
        replies = defaultdict(list)
        tops = []
        for comment in self.select_related("author").order_by("created_at", "pk"):
            comment.shown = comment.state == CommentState.VISIBLE or (
                comment.state == CommentState.PENDING
                and user.is_authenticated
                and comment.author_id == user.pk
            )
            if comment.parent_id:
                if comment.shown:
                    replies[comment.parent_id].append(comment)
            else:
                tops.append(comment)
        threads = defaultdict(list)
        for comment in tops:
            comment.shown_replies = replies.get(comment.pk, [])
            if comment.shown or comment.shown_replies:
                threads[comment.priority_id].append(comment)
        return threads


def rate_refusal(author):
    """Why `author` may not comment again yet (a few comments a minute and a
    daily ceiling, limits from settings), or None, in which case this comment
    is counted."""
    return limits.refusal(
        "consultations:comments",
        author,
        getattr(settings, "CONSULTATIONS_COMMENTS_PER_MINUTE", 3),
        getattr(settings, "CONSULTATIONS_COMMENTS_PER_DAY", 30),
        minute=_("You are writing quickly: please wait a minute before commenting again."),
        day=_("You have reached today's limit of %(count)s comments. Thank you!"),
    )


class CommentManager(models.Manager.from_queryset(CommentQuerySet)):
    def post(self, priority, author, body, parent=None):
        """`author` comments on `priority` (a source-language row), or replies
        to `parent`: published at once, or waiting for a moderator where the
        contract pre-moderates comments; the parent's author is told of a
        published reply. `RateLimited` past a few comments a minute or the
        daily ceiling. Whether the author may comment or reply is the rules'
        question, asked before."""
        refusal = rate_refusal(author)
        if refusal is not None:
            raise RateLimited(refusal)
        with transaction.atomic():
            comment = self.create(
                priority=priority,
                parent=parent,
                author=author,
                body=body,
                state=(
                    CommentState.PENDING
                    if priority.contract.premoderate_comments
                    else CommentState.VISIBLE
                ),
            )
            if comment.state == CommentState.VISIBLE:
                counted_priorities(priority.pk).add_to_counts(comments=1)
        if comment.state == CommentState.VISIBLE:
            queue_reply_notification(comment)
        return comment


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

    objects = CommentManager()

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

    @property
    def reply_form_anchor(self):
        return f"reply-form-{self.pk}"

    def edit(self, body, now=None):
        """Its author changes the text; it shows as edited."""
        self.body = body
        self.edited_at = now or timezone.now()
        self.save(update_fields=["body", "edited_at"])

    def _change_state(self, state, **fields):
        """Set the state (and `fields`) on the row, locked so that its state
        before is the one the database held, and keep the priority's count
        of visible comments; returns the state before. In the caller's
        transaction."""
        before = Comment.objects.select_for_update().values_list("state", flat=True).get(pk=self.pk)
        self.state = state
        for name, value in fields.items():
            setattr(self, name, value)
        self.save(update_fields=["state", *fields])
        change = (state == CommentState.VISIBLE) - (before == CommentState.VISIBLE)
        if change:
            counted_priorities(self.priority_id).add_to_counts(comments=change)
        return before

    def remove(self):
        """Its author removes it; replies stay, under a placeholder."""
        with transaction.atomic():
            self._change_state(CommentState.REMOVED)

    def report(self, reporter, reason):
        """`reporter` asks a moderator to look at it (once: `AlreadyReported`);
        `REPORTS_TO_HIDE` unresolved reports hide it until a moderator decides."""
        try:
            with transaction.atomic():
                Report.objects.create(comment=self, reporter=reporter, reason=reason)
        except IntegrityError:
            raise AlreadyReported from None
        if self.reports.filter(resolved_at__isnull=True).count() >= REPORTS_TO_HIDE:
            with transaction.atomic():
                hidden = Comment.objects.filter(pk=self.pk, state=CommentState.VISIBLE).update(
                    state=CommentState.HIDDEN,
                    moderation_reason=gettext("Hidden after reports, until a moderator decides."),
                    moderated_at=timezone.now(),
                )
                if hidden:
                    counted_priorities(self.priority_id).add_to_counts(comments=-1)

    def moderate(self, moderator, state, action, reason=""):
        """A moderator's act: the new state, who and why, its reports
        resolved, Wagtail's log entry; a reply approved after pre-moderation
        is notified to the parent's author."""
        with transaction.atomic():
            before = self._change_state(
                state,
                moderated_by=moderator,
                moderated_at=timezone.now(),
                moderation_reason=reason,
            )
            was_pending = before == CommentState.PENDING
            self.reports.filter(resolved_at__isnull=True).update(resolved_at=timezone.now())
            log(self, action, user=moderator, data={"reason": reason})
            if was_pending and state == CommentState.VISIBLE:
                queue_reply_notification(self)

    def approve(self, moderator):
        self.moderate(moderator, CommentState.VISIBLE, "consultations.comment.approve")

    def hide(self, moderator, reason):
        self.moderate(moderator, CommentState.HIDDEN, "consultations.comment.hide", reason)

    def restore(self, moderator):
        self.moderate(moderator, CommentState.VISIBLE, "consultations.comment.restore")


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
