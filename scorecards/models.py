"""Monitoring: assessments of the priorities of finalised contracts, and the
scorecards computed from the published ones."""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from consultations.models import Priority

DAY = datetime.timedelta(days=1)
EVIDENCE_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class Status(models.TextChoices):
    FULLY = "fully", _("Fully addressed")
    PARTIALLY = "partially", _("Partially addressed")
    NOT = "not", _("Not addressed")


#: The status of a priority with no published assessment on a date.
NOT_YET_ASSESSED = "not_yet"
NOT_YET_ASSESSED_LABEL = _("Not yet assessed")


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


def largest_remainder(counts, total, places=1):
    """Percentages of `total` for `counts`, rounded to `places` decimals by the
    largest-remainder method so that they always add up to exactly 100."""
    if not total:
        return [0 for _ in counts]
    scale = 100 * 10**places
    exact = [count * scale / total for count in counts]
    floors = [int(value) for value in exact]
    left = scale - sum(floors)
    # Hand the missing units to the largest remainders (ties: earlier first).
    by_remainder = sorted(range(len(counts)), key=lambda i: (-(exact[i] - floors[i]), i))
    for i in by_remainder[:left]:
        floors[i] += 1
    return [units / 10**places for units in floors]


@dataclass(frozen=True)
class Scorecard:
    """The split of a set of priorities by status on a date.

    Percentages are of all the priorities, "not yet assessed" included, and add
    up to 100. The score counts fully addressed as 1, partially as ½ and not
    addressed as 0, over the assessed priorities, on a scale of 0 to 100.
    """

    fully: int = 0
    partially: int = 0
    not_addressed: int = 0
    not_assessed: int = 0

    @classmethod
    def from_counts(cls, by_status):
        """From `{status or None: count}` (None: not yet assessed)."""
        return cls(
            fully=by_status.get(Status.FULLY, 0),
            partially=by_status.get(Status.PARTIALLY, 0),
            not_addressed=by_status.get(Status.NOT, 0),
            not_assessed=by_status.get(None, 0),
        )

    @classmethod
    def from_histories(cls, histories, day):
        """From each priority's published assessments, newest first (as
        `latest_first()` orders them): the split on `day`, with no query."""
        return cls.from_counts(Counter(status_in_history(history, day) for history in histories))

    def __add__(self, other):
        return Scorecard(
            self.fully + other.fully,
            self.partially + other.partially,
            self.not_addressed + other.not_addressed,
            self.not_assessed + other.not_assessed,
        )

    @property
    def total(self):
        return self.fully + self.partially + self.not_addressed + self.not_assessed

    @property
    def assessed(self):
        return self.total - self.not_assessed

    @property
    def addressed(self):
        return self.fully + self.partially

    @property
    def counts(self):
        return [self.fully, self.partially, self.not_addressed, self.not_assessed]

    @property
    def percentages(self):
        """`[fully, partially, not addressed, not yet assessed]`, summing to 100."""
        return largest_remainder(self.counts, self.total)

    @property
    def fully_percent(self):
        return self.percentages[0]

    @property
    def partially_percent(self):
        return self.percentages[1]

    @property
    def not_addressed_percent(self):
        return self.percentages[2]

    @property
    def not_assessed_percent(self):
        return self.percentages[3]

    @property
    def addressed_percent(self):
        """Fully + partially, from the rounded shares so the page adds up."""
        fully, partially, *_ = self.percentages
        return round(fully + partially, 1)

    @property
    def score(self):
        """`(fully + ½ × partially) / assessed × 100`, one decimal; None when
        nothing is assessed yet."""
        if not self.assessed:
            return None
        return round((self.fully + self.partially / 2) * 100 / self.assessed, 1)

    def rows(self):
        """`(key, label, count, percent)` per status, for tables and charts."""
        labels = [*Status.labels, NOT_YET_ASSESSED_LABEL]
        keys = [*Status.values, NOT_YET_ASSESSED]
        return list(zip(keys, labels, self.counts, self.percentages, strict=True))

    def segments(self):
        """The non-empty parts of a stacked bar 100 units wide: `key, label,
        count, percent, x, width` (x and width in the bar's units)."""
        x = 0.0
        parts = []
        for key, label, count, percent in self.rows():
            if count:
                parts.append(
                    {
                        "key": key,
                        "label": label,
                        "count": count,
                        "percent": percent,
                        "x": x,
                        "width": percent,
                        "middle": x + percent / 2,
                    }
                )
                x += percent
        return parts


def status_in_history(history, day):
    """The status on `day` from a priority's published assessments, newest
    first: the first one on or before that day (None if there is none)."""
    return next((a.status for a in history if a.as_of <= day), None)


class AssessmentQuerySet(models.QuerySet):
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


class AssessmentForm(WagtailAdminModelForm):
    """Monitors choose only their own municipality's priorities; the author is
    whoever creates the assessment."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        from . import rules

        if "priority" in self.fields:
            self.fields["priority"].queryset = rules.assessable_priorities(for_user).select_related(
                "contract__municipality", "contract__election"
            )

    def save(self, commit=True):
        if self.instance.pk is None and self.for_user is not None:
            self.instance.author = self.for_user
        return super().save(commit=commit)


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

    base_form_class = AssessmentForm
    panels = [
        FieldPanel("priority"),
        FieldRowPanel([FieldPanel("as_of"), FieldPanel("status")]),
        FieldPanel("evidence"),
        InlinePanel("sources", label=_("Sources"), heading=_("Sources")),
        InlinePanel("documents", label=_("Documents"), heading=_("Documents")),
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

    def publish(self, user, now=None):
        self.published_by = user
        self.published_at = now or timezone.now()
        self.save(update_fields=["published_by", "published_at"])


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


class ScorecardIndexPage(Page):
    """The network-wide scorecard: every municipality's figures for one
    election's contracts, compared, as of any date."""

    intro = RichTextField(
        _("introduction"), blank=True, help_text=_("How the network monitors, in a few lines.")
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["cms_pages.HomePage"]
    subpage_types = ["scorecards.MunicipalityScorecardPage"]
    max_count_per_parent = 1
    template = "scorecards/scorecard_index_page.html"

    class Meta:
        verbose_name = _("network scorecard")

    def get_context(self, request, *args, **kwargs):
        from .views import index_context

        context = super().get_context(request, *args, **kwargs)
        context.update(index_context(request, self))
        return context


class MunicipalityScorecardPage(RoutablePageMixin, Page):
    """One municipality's scorecard: per contract figures, and per priority its
    status, evidence and history; and a badge partners can embed."""

    municipality = models.ForeignKey(
        "cms_pages.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"locale__language_code": settings.LANGUAGE_CODE},
        help_text=_("The municipality whose contracts this page follows."),
    )
    intro = RichTextField(
        _("introduction"), blank=True, help_text=_("Who monitors here, and how, in a few lines.")
    )

    content_panels = [*Page.content_panels, FieldPanel("municipality"), FieldPanel("intro")]

    parent_page_types = ["scorecards.ScorecardIndexPage"]
    subpage_types = []
    template = "scorecards/municipality_scorecard_page.html"

    class Meta:
        verbose_name = _("municipality scorecard")

    def get_context(self, request, *args, **kwargs):
        from .views import municipality_context

        context = super().get_context(request, *args, **kwargs)
        context.update(municipality_context(request, self))
        return context

    @path("")
    def scorecard_view(self, request):
        return self.render(request)

    @path("badge/", name="badge")
    def badge_view(self, request):
        from .views import badge

        return badge(request, self)
