"""Monitoring: assessments of the priorities of finalised contracts, what
monitors record and editors publish, and the counts the scorecards are
computed from (see `scorecards.scoring` for the arithmetic)."""

import datetime
from collections import Counter
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, OuterRef, Prefetch, Q, Subquery
from django.utils import timezone
from django.utils.html import escape, linebreaks
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.log_actions import log
from wagtail.models import Orderable

from cms_pages.models import LocalizedQuerySet
from consultations.models import Priority

from ..scoring import NOT_YET_ASSESSED_LABEL, Scorecard, Status
from ..signals import assessments_published, assessments_publishing

DAY = datetime.timedelta(days=1)
EVIDENCE_FEATURES = ["bold", "italic", "link", "ol", "ul"]


def end_of_day(day):
    """The first moment after `day`, in the site's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()) + DAY)


def monitored_priorities(as_of=None):
    """Priorities that can be assessed: source rows in a finalised contract
    (finalised by the end of `as_of`, when given: a contract counts in the
    scorecards from the day it is finalised)."""
    priorities = Priority.objects.source().filter(
        in_contract=True, contract__finalised_at__isnull=False
    )
    if as_of is not None:
        priorities = priorities.filter(contract__finalised_at__lt=end_of_day(as_of))
    return priorities


def priority_history(priority, request=None):
    """`priority`'s published assessments, newest first, as
    `Assessment.objects.histories` reads them (sources, documents, reply):
    read once per request, shared by the priority page and its sections."""
    memo = getattr(request, "_scorecards_histories", None) if request is not None else None
    if memo is not None and priority.pk in memo:
        return memo[priority.pk]
    history = Assessment.objects.histories([priority.pk]).get(priority.pk, [])
    if request is not None:
        if memo is None:
            memo = request._scorecards_histories = {}
        memo[priority.pk] = history
    return history


def announce_published(assessments, user):
    """Send `assessments_publishing` now, inside the publishing transaction,
    and `assessments_published` once it commits."""
    assessments_publishing.send(sender=Assessment, assessments=list(assessments), user=user)
    transaction.on_commit(
        lambda: assessments_published.send(
            sender=Assessment, assessments=list(assessments), user=user
        )
    )


class RoundRefused(Exception):
    """An assessment round that cannot be recorded; the message says why, in
    the user's language."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class AssessmentQuerySet(LocalizedQuerySet):
    def published(self):
        return self.filter(published_at__isnull=False)

    def drafts(self):
        return self.filter(published_at__isnull=True)

    def for_municipality(self, municipality):
        return self.filter(priority__contract__municipality=municipality)

    def latest_first(self):
        """Newest as-of date first; on the same date, the later publication
        (a correction) wins."""
        return self.order_by("-as_of", "-published_at", "-pk")

    def _latest_published(self, as_of):
        return (
            self.model.objects.published()
            .filter(priority=OuterRef("pk"), as_of__lte=as_of)
            .latest_first()
        )

    def status_on(self, priorities, as_of=None):
        """`{priority pk: Assessment or None}`: each priority's latest published
        assessment on or before `as_of` (default today), in two queries
        whatever the number of priorities."""
        as_of = as_of or timezone.localdate()
        latest = dict(
            priorities.annotate(
                latest_pk=Subquery(self._latest_published(as_of).values("pk")[:1])
            ).values_list("pk", "latest_pk")
        )
        found = self.model.objects.in_bulk([pk for pk in latest.values() if pk])
        return {priority: found.get(pk) for priority, pk in latest.items()}

    def timeline(self, dates, priorities=None, by="contract_id"):
        """`{date: {key: Scorecard}}` for each of `dates`, grouped by contract
        (or `by` another field of the priority, e.g. "contract__municipality_id"),
        for the priorities of finalised contracts (or `priorities`), in one
        query whatever the number of priorities: a contract counts from the
        day it is finalised."""
        dates = sorted(set(dates))
        priorities = monitored_priorities() if priorities is None else priorities
        statuses = {
            f"status_{n}": Subquery(self._latest_published(day).values("status")[:1])
            for n, day in enumerate(dates)
        }
        rows = (
            priorities.annotate(**statuses)
            .order_by()
            .values_list(by, "contract__finalised_at", *statuses)
        )
        counts = {day: {} for day in dates}
        ends = [end_of_day(day) for day in dates]
        for key, finalised_at, *found in rows:
            for day, end, status in zip(dates, ends, found, strict=True):
                if finalised_at is not None and finalised_at < end:
                    counts[day].setdefault(key, Counter())[status] += 1
        return {
            day: {key: Scorecard.from_counts(by_status) for key, by_status in split.items()}
            for day, split in counts.items()
        }

    def scorecards(self, priorities=None, as_of=None):
        """`{contract pk: Scorecard}` on `as_of` (default today) for the
        priorities of finalised contracts (or `priorities`), in one query."""
        as_of = as_of or timezone.localdate()
        return self.timeline([as_of], priorities)[as_of]

    def network_timeline(self, dates, election=None):
        """`{date: (network Scorecard, {municipality pk: Scorecard})}` for the
        contracts of `election` (every finalised contract without one), in one
        query."""
        priorities = monitored_priorities()
        if election is not None:
            priorities = priorities.filter(contract__election=election)
        by_day = self.timeline(dates, priorities, by="contract__municipality_id")
        return {day: (sum(split.values(), Scorecard()), split) for day, split in by_day.items()}

    def network_scorecard(self, election=None, as_of=None):
        """Per municipality and network-wide, for the contracts of `election`
        (every finalised contract without one): `(total, {municipality pk:
        Scorecard})`, in one query."""
        as_of = as_of or timezone.localdate()
        return self.network_timeline([as_of], election)[as_of]

    def histories(self, priority_pks):
        """`{priority pk: [published assessments, newest first]}` with their
        sources and documents, and the municipality's reply (with its
        documents) if any, in four queries whatever their number."""
        assessments = (
            self.published()
            .filter(priority_id__in=priority_pks)
            .latest_first()
            .select_related("reply")
            .prefetch_related(
                "sources",
                Prefetch(
                    "documents", queryset=AssessmentDocument.objects.select_related("document")
                ),
                Prefetch(
                    "cited_decisions",
                    queryset=AssessmentDecision.objects.select_related("decision__session"),
                ),
                "reply__documents",
            )
        )
        by_priority = {}
        for assessment in assessments:
            by_priority.setdefault(assessment.priority_id, []).append(assessment)
        return by_priority

    def changes(self):
        """Published assessments, newest publication first, each with
        `previous_status`: the status its priority had before it (the
        latest published assessment that precedes it in the priority's
        history; None for a first assessment). One query: the municipality
        page, its feed and the notifications read changes this way."""
        before = (
            self.model.objects.published()
            .filter(priority=OuterRef("priority"))
            .filter(
                Q(as_of__lt=OuterRef("as_of"))
                | Q(as_of=OuterRef("as_of"), published_at__lt=OuterRef("published_at"))
                | Q(
                    as_of=OuterRef("as_of"),
                    published_at=OuterRef("published_at"),
                    pk__lt=OuterRef("pk"),
                )
            )
            .latest_first()
        )
        return (
            self.published()
            .annotate(previous_status=Subquery(before.values("status")[:1]))
            .order_by("-published_at", "-pk")
        )

    def moved(self):
        """Of `changes()`: the ones that changed the status (a first
        assessment moves it from "not yet assessed")."""
        return self.filter(Q(previous_status__isnull=True) | ~Q(previous_status=F("status")))

    def annotate_municipality_slug(self):
        """Each with `priority.municipality_slug` read in the same query (to
        build the priority pages' addresses), and its priority selected."""
        return self.select_related("priority").annotate(
            municipality_slug=F("priority__contract__municipality__slug")
        )

    def of_round(self, contract, as_of):
        """The assessments of one round: a contract's priorities on one date."""
        return self.filter(priority__contract=contract, as_of=as_of)

    def draft_round(self, monitor, contract, as_of, rows):
        """Record a round: a draft assessment, written by `monitor`, for each
        of `rows` (`(priority, {"status", "evidence", "source_url"})`, the
        rows a monitor filled in), all or none, each logged. The priorities
        must be monitored priorities of `contract`; raises `RoundRefused`
        for an empty round or a date that has not come."""
        if not rows:
            raise RoundRefused(gettext("Fill in at least one priority, or go back."))
        if as_of > timezone.localdate():
            raise RoundRefused(gettext("An assessment describes a date that has come."))
        pks = {priority.pk for priority, _data in rows}
        if len(pks) != len(rows) or monitored_priorities().filter(
            contract=contract, pk__in=pks
        ).count() != len(pks):
            raise ValueError("Each row must be a different monitored priority of the contract.")
        with transaction.atomic():
            return [self._draft(monitor, priority, as_of, data) for priority, data in rows]

    def _draft(self, monitor, priority, as_of, data):
        assessment = self.create(
            priority=priority,
            as_of=as_of,
            status=data["status"],
            evidence=linebreaks(escape(data["evidence"].strip())),
            author=monitor,
        )
        if data.get("source_url"):
            AssessmentSource.objects.create(
                assessment=assessment,
                title=urlsplit(data["source_url"]).netloc or data["source_url"][:200],
                url=data["source_url"],
                sort_order=0,
            )
        log(assessment, "wagtail.create", user=monitor)
        return assessment

    def publication_preview(self, contract, as_of, today=None):
        """What publishing the drafts of one round would change on the public
        scorecard of `today` (default today): `(rows, before, after)`, where
        each row is `{"priority", "before", "after", "changes"}` (statuses,
        None when not yet assessed) and `before`/`after` are the contract's
        `Scorecard`s, computed as the scorecard pages compute them."""
        today = today or timezone.localdate()
        priorities = monitored_priorities(today).filter(contract=contract)
        published = self.status_on(priorities, today)
        drafts = {}
        for draft in self.drafts().of_round(contract, as_of).order_by("pk"):
            drafts[draft.priority_id] = draft  # the last one wins, as published
        rows = []
        for priority in priorities.order_by("order", "pk"):
            current = published.get(priority.pk)
            draft = drafts.get(priority.pk)
            before = current.status if current else None
            wins = (
                draft is not None and as_of <= today and (current is None or as_of >= current.as_of)
            )
            after = draft.status if wins else before
            rows.append(
                {"priority": priority, "before": before, "after": after, "changes": before != after}
            )
        before_card = Scorecard.from_counts(Counter(row["before"] for row in rows))
        after_card = Scorecard.from_counts(Counter(row["after"] for row in rows))
        return rows, before_card, after_card

    def publish_round(self, editor, contract, as_of):
        """Publish every draft of one round at once, each publication logged;
        the assessments published (none when the round has no draft left)."""
        with transaction.atomic():
            # Locked: two editors publishing the same round publish each once.
            drafts = list(self.drafts().of_round(contract, as_of).select_for_update(of=("self",)))
            for assessment in drafts:
                assessment.publish(editor, logged=True, announce=False)
            if drafts:
                announce_published(drafts, editor)
        return drafts


class Assessment(ClusterableModel):
    """What a monitor found, on a date, about whether one priority of a
    finalised contract is being addressed. Append-only once published: a
    correction is a new assessment that says which one it corrects."""

    priority = models.ForeignKey(
        Priority,
        verbose_name=_("priority"),
        on_delete=models.PROTECT,
        related_name="assessments",
        limit_choices_to={
            "locale__language_code": settings.LANGUAGE_CODE,
            "in_contract": True,
            "contract__finalised_at__isnull": False,
        },
        help_text=_("A priority of a finalised contract."),
    )
    as_of = models.DateField(
        _("as of"), help_text=_("The date the status describes (not the date of writing).")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    evidence = RichTextField(
        _("evidence"),
        features=EVIDENCE_FEATURES,
        max_length=4000,
        help_text=_("What was found, briefly: decisions, budget lines, works seen."),
    )
    corrects = models.ForeignKey(
        "self",
        verbose_name=_("corrects"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrections",
        help_text=_("If this assessment corrects a published one, choose it here."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)

    objects = AssessmentQuerySet.as_manager()

    panels = [
        FieldPanel("priority"),
        FieldRowPanel([FieldPanel("as_of"), FieldPanel("status")]),
        FieldPanel("evidence"),
        InlinePanel("sources", label=_("Sources"), heading=_("Sources")),
        InlinePanel("documents", label=_("Documents"), heading=_("Documents")),
        InlinePanel(
            "cited_decisions", label=_("Council decisions"), heading=_("Council decisions")
        ),
        FieldPanel("corrects"),
    ]

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["-as_of", "-published_at", "-pk"]
        permissions = [("publish_assessment", "Can publish assessments")]
        indexes = [models.Index(fields=["priority", "as_of"], name="assessment_priority_as_of")]

    def __str__(self):
        return f"{self.priority} – {self.as_of:%Y-%m-%d}: {self.get_status_display()}"

    @property
    def previous_status_label(self):
        """The status before this one in words (with `changes()`)."""
        previous = getattr(self, "previous_status", None)
        return Status(previous).label if previous else NOT_YET_ASSESSED_LABEL

    @property
    def is_published(self):
        return self.published_at is not None

    def clean(self):
        super().clean()
        if self.pk and type(self).objects.published().filter(pk=self.pk).exists():
            raise ValidationError(
                _("A published assessment cannot be changed: record a correction instead.")
            )
        if self.corrects_id and self.corrects.priority_id != self.priority_id:
            raise ValidationError({"corrects": _("A correction must be about the same priority.")})

    def publish(self, user, now=None, logged=False, announce=True):
        """Make the assessment public, by `user`; `logged`: written to
        Wagtail's log, as every act in the admin is; `announce`: tell the
        listeners of `assessments_published` once committed (a round
        announces all its assessments at once instead)."""
        with transaction.atomic():
            self.published_by = user
            self.published_at = now or timezone.now()
            self.save(update_fields=["published_by", "published_at"])
            if logged:
                log(self, "scorecards.assessment.publish", user=user)
            if announce:
                announce_published([self], user)


class AssessmentSource(Orderable):
    """A link to where the evidence can be checked."""

    assessment = ParentalKey(Assessment, on_delete=models.CASCADE, related_name="sources")
    title = models.CharField(_("title"), max_length=200, help_text=_("What the link shows."))
    url = models.URLField(_("address"), max_length=500)

    panels = [FieldPanel("title"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self):
        return self.title


class AssessmentDocument(Orderable):
    """A council decision, budget line or photo kept with the assessment."""

    assessment = ParentalKey(Assessment, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    panels = [FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self):
        return str(self.document)


class AssessmentDecision(Orderable):
    """A published council decision the assessment rests on, cited as one
    of its sources."""

    assessment = ParentalKey(Assessment, on_delete=models.CASCADE, related_name="cited_decisions")
    decision = models.ForeignKey(
        "scorecards.CouncilDecision",
        verbose_name=_("council decision"),
        on_delete=models.PROTECT,
        related_name="citations",
        limit_choices_to={"session__published_at__isnull": False},
        help_text=_("A published decision of the municipality's council."),
    )

    panels = [FieldPanel("decision")]

    class Meta(Orderable.Meta):
        verbose_name = _("council decision")
        verbose_name_plural = _("council decisions")

    def __str__(self):
        return str(self.decision)
