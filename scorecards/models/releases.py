"""Citable releases: a scorecard frozen as of a date.

The scorecards recompute the past from what is published now, so a
correction dated back changes last year's figures. A release keeps copies,
not references that can change: the figures per municipality and for the
network, and each priority's status, evidence and sources as they stood when
an editor froze it. What has been corrected since is computed by comparing
the copy with the live scorecard of the same date.

The title is kept in every language of the site in one field (`titles`,
`{"sq": …, "en": …}`) rather than as a wagtail-localize translation: it is
part of the frozen record, written once by the editor who freezes it, and
must never change with a later translation sync."""

from collections import Counter

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from wagtail.log_actions import log

from cms_pages.models import Election, Municipality

from ..scoring import NOT_YET_ASSESSED, NOT_YET_ASSESSED_LABEL, Scorecard, Status
from .assessments import Assessment, AssessmentDocument, AssessmentSource, monitored_priorities


def in_language(texts, language=None):
    """The text of `{language: text}` in `language` (default: the active
    one), the source text for a language it does not have."""
    language = language or get_language() or settings.LANGUAGE_CODE
    return texts.get(language) or texts.get(settings.LANGUAGE_CODE, "")


class ReleaseRefused(Exception):
    """A release that cannot be frozen; the message says why."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class FrozenFigures(models.Model):
    """The four counts a `Scorecard` is computed from."""

    fully = models.PositiveIntegerField(_("fully addressed"), default=0)
    partially = models.PositiveIntegerField(_("partially addressed"), default=0)
    not_addressed = models.PositiveIntegerField(_("not addressed"), default=0)
    not_assessed = models.PositiveIntegerField(_("not yet assessed"), default=0)

    class Meta:
        abstract = True

    @property
    def card(self):
        return Scorecard(self.fully, self.partially, self.not_addressed, self.not_assessed)

    def set_card(self, card):
        self.fully, self.partially = card.fully, card.partially
        self.not_addressed, self.not_assessed = card.not_addressed, card.not_assessed


class ReleaseQuerySet(models.QuerySet):
    def latest_first(self):
        return self.order_by("-as_of", "-frozen_at", "-pk")

    def snapshot(self, election, as_of):
        """What freezing would keep, computed from the published assessments
        with the scorecards' own code, in seven queries whatever the number
        of priorities: `(network Scorecard, {municipality pk: Scorecard},
        municipalities, priority rows)`."""
        priorities = monitored_priorities(as_of).filter(contract__election=election)
        current = Assessment.objects.status_on(priorities, as_of)
        rows = list(
            priorities.select_related("contract")
            .order_by("contract__municipality__name", "order", "pk")
            .localized_in_every_language("title")
        )
        found = [a.pk for a in current.values() if a is not None]
        sources, documents = {}, {}
        for source in AssessmentSource.objects.filter(assessment_id__in=found).order_by(
            "sort_order", "pk"
        ):
            sources.setdefault(source.assessment_id, []).append(
                {"title": source.title, "url": source.url}
            )
        for item in (
            AssessmentDocument.objects.filter(assessment_id__in=found)
            .select_related("document")
            .order_by("sort_order", "pk")
        ):
            documents.setdefault(item.assessment_id, []).append(
                {"title": item.document.title, "url": item.document.url}
            )
        counts = {}
        for priority in rows:
            assessment = current.get(priority.pk)
            counts.setdefault(priority.contract.municipality_id, Counter())[
                assessment.status if assessment else None
            ] += 1
        per_municipality = {pk: Scorecard.from_counts(split) for pk, split in counts.items()}
        municipalities = list(
            Municipality.objects.filter(pk__in=per_municipality)
            .order_by("name", "pk")
            .localized_in_every_language("name")
        )
        items = []
        for priority in rows:
            assessment = current.get(priority.pk)
            items.append(
                ReleasePriority(
                    priority=priority,
                    municipality_id=priority.contract.municipality_id,
                    order=priority.order,
                    titles={
                        code: getattr(priority, f"localized_title_{code}")
                        for code, _name in settings.LANGUAGES
                    },
                    status=assessment.status if assessment else "",
                    assessment=assessment,
                    assessed_as_of=assessment.as_of if assessment else None,
                    evidence=assessment.evidence if assessment else "",
                    sources=sources.get(assessment.pk, []) if assessment else [],
                    documents=documents.get(assessment.pk, []) if assessment else [],
                )
            )
        network = sum(per_municipality.values(), Scorecard())
        return network, per_municipality, municipalities, items

    def freeze(self, editor, election, as_of, titles, slug=""):
        """Freeze the scorecard of `election`'s contracts as of `as_of`, titled
        `titles` (`{language: title}`), by `editor`: one transaction, logged.
        Raises `ReleaseRefused` for a date to come, a slug already taken or a
        date with nothing monitored."""
        if as_of > timezone.localdate():
            raise ReleaseRefused(gettext("A release describes a date that has come."))
        slug = slug or slugify(f"{election.date.year}-{as_of:%Y-%m-%d}")
        with transaction.atomic():
            if self.filter(slug=slug).exists():
                raise ReleaseRefused(
                    gettext("A release with the address “%(slug)s” exists already.")
                    % {"slug": slug}
                )
            network, per_municipality, municipalities, items = self.snapshot(election, as_of)
            if not items:
                raise ReleaseRefused(
                    gettext("No contract of this election was being monitored on this date.")
                )
            release = Release(
                titles=titles,
                slug=slug,
                election=election,
                as_of=as_of,
                frozen_at=timezone.now(),
                frozen_by=editor,
            )
            release.set_card(network)
            release.save()
            frozen = []
            for municipality in municipalities:
                row = ReleaseMunicipality(
                    release=release,
                    municipality=municipality,
                    slug=municipality.slug,
                    names={
                        code: getattr(municipality, f"localized_name_{code}")
                        for code, _name in settings.LANGUAGES
                    },
                )
                row.set_card(per_municipality[municipality.pk])
                frozen.append(row)
            ReleaseMunicipality.objects.bulk_create(frozen)
            for item in items:
                item.release = release
            ReleasePriority.objects.bulk_create(items)
            log(release, "scorecards.release.freeze", user=editor)
        return release


class Release(FrozenFigures):
    """A scorecard frozen as of a date, at a permanent address: what a
    journalist quotes stays findable whatever is published later."""

    titles = models.JSONField(_("title"), help_text=_("The title in each language of the site."))
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    election = models.ForeignKey(
        Election,
        verbose_name=_("election"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The election whose contracts are monitored (the mandate)."),
    )
    as_of = models.DateField(_("as of"))
    frozen_at = models.DateTimeField(_("frozen at"))
    frozen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("frozen by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ReleaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("release")
        verbose_name_plural = _("releases")
        ordering = ["-as_of", "-frozen_at", "-pk"]

    def __str__(self):
        return self.title

    @property
    def title(self):
        return in_language(self.titles)

    def frozen_priorities(self):
        """The priorities as frozen, by municipality and order."""
        return self.priorities.order_by("municipality__name", "order", "pk")

    def corrections(self, items=None):
        """What has been corrected since: `{"item", "before", "after",
        "assessment"}` (labels of the statuses)
        for each priority whose status as of the release's date differs today
        from the frozen one (`assessment`: the live one, with its publication
        date), in three queries."""
        items = list(self.frozen_priorities()) if items is None else items
        live = Assessment.objects.status_on(
            monitored_priorities().filter(pk__in=[item.priority_id for item in items]),
            self.as_of,
        )
        changes = []
        for item in items:
            now = live.get(item.priority_id)
            status = now.status if now else ""
            if status != item.status:
                label = Status(status).label if status else NOT_YET_ASSESSED_LABEL
                changes.append(
                    {"item": item, "before": item.status_label, "after": label, "assessment": now}
                )
        return changes


class ReleaseMunicipality(FrozenFigures):
    """A municipality's figures in a release, its names as they stood."""

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="municipalities")
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    slug = models.SlugField(_("slug"), max_length=100)
    names = models.JSONField(_("name"))

    class Meta:
        verbose_name = _("municipality in a release")
        verbose_name_plural = _("municipalities in a release")
        ordering = ["release", "pk"]

    def __str__(self):
        return self.name

    @property
    def name(self):
        return in_language(self.names)


class ReleasePriority(models.Model):
    """A priority in a release: its status and the assessment's evidence and
    sources copied as they stood."""

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="priorities")
    priority = models.ForeignKey(
        "consultations.Priority", on_delete=models.PROTECT, related_name="+"
    )
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    order = models.PositiveIntegerField(_("order"), default=0)
    titles = models.JSONField(_("title"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, blank=True)
    assessment = models.ForeignKey(
        Assessment, null=True, on_delete=models.PROTECT, related_name="+"
    )
    assessed_as_of = models.DateField(_("assessed as of"), null=True)
    evidence = models.TextField(_("evidence"), blank=True)
    sources = models.JSONField(_("sources"), default=list)
    documents = models.JSONField(_("documents"), default=list)

    class Meta:
        verbose_name = _("priority in a release")
        verbose_name_plural = _("priorities in a release")
        ordering = ["release", "pk"]

    def __str__(self):
        return self.title

    @property
    def title(self):
        return in_language(self.titles)

    @property
    def status_key(self):
        return self.status or NOT_YET_ASSESSED

    @property
    def status_label(self):
        return Status(self.status).label if self.status else NOT_YET_ASSESSED_LABEL
