"""Council sessions and their decisions, monitored against the Social
Contract: the network follows each municipal council's sessions with the
contract's priorities as the reference document. Monitors record a session
and its decisions for their own municipality as drafts; editors publish
them (logged). A published decision can be cited as an assessment's source.
"""

import datetime
from decimal import Decimal

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.log_actions import log
from wagtail.models import Orderable
from wagtail.search import index

from cms_pages.models import LocalizedQuerySet
from consultations.models import Priority

from .assessments import monitored_priorities

#: How far back "not on the council's agenda" looks.
AGENDA_WINDOW = datetime.timedelta(days=365)


class CouncilRefused(Exception):
    """A council record that cannot be saved or published; `message` says
    why, in the user's language; `errors` lists `(row, message)` pairs when
    rows of a bulk entry were refused."""

    def __init__(self, message, errors=()):
        super().__init__(message)
        self.message = message
        self.errors = list(errors)


class SessionType(models.TextChoices):
    ORDINARY = "ordinary", _("Ordinary")
    EXTRAORDINARY = "extraordinary", _("Extraordinary")


class Outcome(models.TextChoices):
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    POSTPONED = "postponed", _("Postponed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


def council_priorities(municipality):
    """The priorities a decision of `municipality`'s council may concern:
    those of its finalised contracts (source rows)."""
    municipality_id = getattr(municipality, "pk", municipality)
    return monitored_priorities().filter(contract__municipality_id=municipality_id)


class CouncilSessionQuerySet(LocalizedQuerySet):
    def published(self):
        return self.filter(published_at__isnull=False)

    def drafts(self):
        return self.filter(published_at__isnull=True)

    def for_municipality(self, municipality):
        return self.filter(municipality=municipality)

    def latest_first(self):
        return self.order_by("-date", "-pk")


class CouncilSession(index.Indexed, ClusterableModel):
    """A sitting of a municipal council, as monitors recorded it: when, what
    was on the agenda, where the minutes and the video are, and (as
    `decisions`) what it decided. A draft until an editor publishes it."""

    municipality = models.ForeignKey(
        "cms_pages.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="council_sessions",
        limit_choices_to={"locale__language_code": settings.LANGUAGE_CODE},
        help_text=_("The municipality whose council met."),
    )
    date = models.DateField(_("date"), help_text=_("The day the council met."))
    session_type = models.CharField(
        _("type"), max_length=15, choices=SessionType.choices, default=SessionType.ORDINARY
    )
    agenda = models.TextField(
        _("agenda"),
        max_length=5000,
        blank=True,
        help_text=_("The items on the agenda, as published by the council."),
    )
    minutes_url = models.URLField(
        _("minutes"), max_length=500, blank=True, help_text=_("A link to the minutes, if any.")
    )
    video_url = models.URLField(
        _("video"), max_length=500, blank=True, help_text=_("A link to the video, if any.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
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

    objects = CouncilSessionQuerySet.as_manager()

    panels = [
        # A plain list: monitors have one municipality to choose, editors twelve.
        FieldPanel("municipality", widget=forms.Select),
        FieldRowPanel([FieldPanel("date"), FieldPanel("session_type")]),
        FieldPanel("agenda"),
        FieldRowPanel([FieldPanel("minutes_url"), FieldPanel("video_url")]),
        InlinePanel("documents", label=_("Documents"), heading=_("Documents")),
    ]
    search_fields = [
        index.SearchField("agenda"),
        index.AutocompleteField("agenda"),
        index.FilterField("municipality"),
        index.FilterField("date"),
        index.FilterField("published_at"),
    ]

    class Meta:
        verbose_name = _("council session")
        verbose_name_plural = _("council sessions")
        ordering = ["-date", "-pk"]
        permissions = [("publish_councilsession", "Can publish council sessions")]

    def __str__(self):
        return f"{self.municipality} – {self.date:%Y-%m-%d} ({self.get_session_type_display()})"

    @property
    def is_published(self):
        return self.published_at is not None

    def clean(self):
        super().clean()
        if self.date and self.date > timezone.localdate():
            raise ValidationError({"date": _("A session is recorded once it has been held.")})

    def publish(self, user, now=None):
        """Make the session and its decisions public, by `user`, logged."""
        with transaction.atomic():
            session = type(self).objects.select_for_update().get(pk=self.pk)
            if session.is_published:
                raise CouncilRefused(gettext("This session is already published."))
            self.published_by = user
            self.published_at = now or timezone.now()
            self.save(update_fields=["published_by", "published_at"])
            log(self, "scorecards.council_session.publish", user=user)


class CouncilSessionDocument(Orderable):
    """The minutes, the agenda or a decision's text, kept with the session."""

    session = ParentalKey(CouncilSession, on_delete=models.CASCADE, related_name="documents")
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


class CouncilDecisionQuerySet(LocalizedQuerySet):
    def published(self):
        return self.filter(session__published_at__isnull=False)

    def for_municipality(self, municipality):
        return self.filter(session__municipality=municipality)

    def concerning(self, priority):
        """The decisions about `priority` (its source row, whichever of its
        translations is given), newest first."""
        return self.filter(
            priorities__translation_key=priority.translation_key,
            priorities__locale__language_code=settings.LANGUAGE_CODE,
        ).latest_first()

    def latest_first(self):
        return self.order_by("-session__date", "-session_id", "order", "pk")

    def by_priority(self, priorities):
        """`{priority pk: [published decisions, newest first]}` with their
        sessions, for `priorities` (pks, or a query of them), in one query
        whatever their number."""
        links = (
            CouncilDecision.priorities.through.objects.filter(
                priority_id__in=priorities,
                councildecision__session__published_at__isnull=False,
            )
            .select_related("councildecision__session")
            .order_by(
                "-councildecision__session__date",
                "-councildecision__session_id",
                "councildecision__order",
                "councildecision_id",
            )
        )
        found = {}
        for link in links:
            found.setdefault(link.priority_id, []).append(link.councildecision)
        return found

    def not_on_agenda(self, contract, since=None):
        """The priorities of `contract` that none of these decisions (of a
        published session held since `since`, default 12 months ago)
        concerned, in the contract's order: one query."""
        since = since or timezone.localdate() - AGENDA_WINDOW
        decided = self.published().filter(priorities=OuterRef("pk"), session__date__gte=since)
        return (
            monitored_priorities()
            .filter(contract=contract)
            .exclude(Exists(decided))
            .order_by("order", "pk")
        )

    def import_rows(self, session, rows):
        """Add `rows` (cleaned dicts: number, title, outcome, amount,
        votes_for, votes_against, abstaining, priorities) to `session`, all
        or none, after its existing decisions."""
        if not rows:
            raise CouncilRefused(gettext("The file has no decision in it."))
        with transaction.atomic():
            start = (
                self.filter(session=session).aggregate(last=models.Max("order"))["last"] or 0
            ) + 1
            decisions = []
            for offset, row in enumerate(rows):
                data = dict(row)
                priorities = data.pop("priorities", [])
                decision = self.create(session=session, order=start + offset, **data)
                decision.priorities.set(priorities)
                decisions.append(decision)
            return decisions


class CouncilDecision(models.Model):
    """One decision of a council session: what it was, how it went, what it
    cost, how the councillors voted, and which contract priorities it
    concerns (those of the same municipality's finalised contracts)."""

    session = models.ForeignKey(
        CouncilSession,
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="decisions",
    )
    number = models.CharField(
        _("number"), max_length=30, help_text=_("The decision's number, as the council gave it.")
    )
    title = models.CharField(_("title"), max_length=500, help_text=_("What was decided."))
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    amount = models.DecimalField(
        _("amount (ALL)"),
        max_digits=15,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
        help_text=_("The sum in Albanian lek, where there is one."),
    )
    votes_for = models.PositiveIntegerField(_("votes for"), null=True, blank=True)
    votes_against = models.PositiveIntegerField(_("votes against"), null=True, blank=True)
    abstaining = models.PositiveIntegerField(_("abstaining"), null=True, blank=True)
    priorities = models.ManyToManyField(
        Priority,
        verbose_name=_("priorities"),
        blank=True,
        related_name="council_decisions",
        help_text=_("The contract priorities the decision concerns."),
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    objects = CouncilDecisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("council decision")
        verbose_name_plural = _("council decisions")
        ordering = ["session", "order", "pk"]

    def __str__(self):
        return gettext("Decision no. %(number)s: %(title)s") % {
            "number": self.number,
            "title": self.title,
        }

    @property
    def anchor(self):
        return f"decision-{self.pk}"

    def validate_priorities(self, priorities):
        """Refuse priorities that are not of the session's municipality's
        finalised contracts."""
        allowed = set(
            council_priorities(self.session.municipality_id)
            .filter(pk__in=[p.pk for p in priorities])
            .values_list("pk", flat=True)
        )
        if any(p.pk not in allowed for p in priorities):
            raise ValidationError(
                _(
                    "A decision can concern only the priorities of this municipality's "
                    "finalised contracts."
                )
            )
