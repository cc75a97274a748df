"""The Social Contract, its sectors and its priorities (the content editors manage)."""

import datetime

from django.conf import settings
from django.db import models, transaction
from django.db.models import Count, F, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.log_actions import log
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from cms_pages.models import LocalizedQuerySet, TranslatableQuerySet

from ..decisions import Decision, Refused
from ..states import CommentState, Phase
from .participation import Comment, Vote

# How the consultation page can order priorities: the network's order, or
# the most supported first.
NETWORK_ORDER = "network"
MOST_SUPPORTED = "support"
PRIORITY_SORTS = (NETWORK_ORDER, MOST_SUPPORTED)
# The counts a priority keeps (see `Priority.save`).
COUNTS = ("support_count", "comment_count")


class Sector(TranslatableMixin, index.Indexed, models.Model):
    """A managed list of policy areas (water, waste, education…) so that
    priorities can be filtered and compared across municipalities."""

    name = models.CharField(_("name"), max_length=80, help_text=_("For example: Water supply."))
    slug = models.SlugField(
        _("slug"), max_length=80, help_text=_("Used in filters; the same in every language.")
    )

    objects = TranslatableQuerySet.as_manager()

    panels = [FieldPanel("name"), FieldPanel("slug")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    translatable_fields = [TranslatableField("name"), SynchronizedField("slug")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_sector_slug_per_locale")
        ]

    def __str__(self):
        return self.name


class LocalizedName:
    """The name of a related translatable row (the contract's municipality or
    election) in the active language: the value that
    `SocialContract.objects.localized("municipality__name")` set on the row
    in the same query, otherwise read through Wagtail's `.localized`."""

    def __init__(self, relation):
        self.relation = relation

    def __get__(self, contract, owner=None):
        if contract is None:
            return self
        related = getattr(contract, self.relation)
        return getattr(related.localized, "name", related.name)


class SocialContractQuerySet(LocalizedQuerySet):
    """`localized("municipality__name", "election__name")` sets the names
    the contract's pages show, in the same query."""

    def open(self, now=None):
        now = now or timezone.now()
        return self.filter(finalised_at__isnull=True, opens_at__lte=now, closes_at__gt=now)

    def upcoming(self, now=None):
        now = now or timezone.now()
        return self.filter(finalised_at__isnull=True, opens_at__gt=now)

    def past(self, now=None):
        """Closed or finalised: the consultation is over."""
        now = now or timezone.now()
        return self.filter(Q(finalised_at__isnull=False) | Q(closes_at__lte=now))

    def in_phase(self, phase, now=None):
        now = now or timezone.now()
        if phase == Phase.DRAFT:
            return self.filter(finalised_at__isnull=True, opens_at__isnull=True)
        if phase == Phase.UPCOMING:
            return self.upcoming(now)
        if phase == Phase.OPEN:
            return self.open(now)
        if phase == Phase.CLOSED:
            return self.filter(finalised_at__isnull=True, closes_at__lte=now)
        if phase == Phase.FINALISED:
            return self.filter(finalised_at__isnull=False)
        return self.none()

    def opened_unannounced(self, now=None):
        """Open consultations whose opening residents have not yet been told of."""
        return self.open(now).filter(opening_announced_at__isnull=True)


class SocialContract(index.Indexed, models.Model):
    """One municipality's contract for one local election: the consultation
    window and its rules, then the priorities chosen for candidates to sign."""

    municipality = models.ForeignKey(
        "cms_pages.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="social_contracts",
        limit_choices_to={"locale__language_code": settings.LANGUAGE_CODE},
        help_text=_("The municipality whose citizens are consulted."),
    )
    election = models.ForeignKey(
        "cms_pages.Election",
        verbose_name=_("election"),
        on_delete=models.PROTECT,
        related_name="social_contracts",
        limit_choices_to={"locale__language_code": settings.LANGUAGE_CODE},
        help_text=_("The local election the contract is for."),
    )
    opens_at = models.DateTimeField(
        _("consultation opens"),
        null=True,
        blank=True,
        help_text=_("Europe/Tirane time. Leave blank while the priorities are a draft."),
    )
    closes_at = models.DateTimeField(
        _("consultation closes"),
        null=True,
        blank=True,
        help_text=_("Europe/Tirane time. Citizens can support and comment until then."),
    )
    max_supports = models.PositiveSmallIntegerField(
        _("maximum supports per citizen"),
        null=True,
        blank=True,
        help_text=_("Blank for unlimited."),
    )
    residents_only = models.BooleanField(
        _("residents only"),
        default=True,
        help_text=_("Only citizens who declared this municipality may support and comment."),
    )
    premoderate_comments = models.BooleanField(
        _("pre-moderate comments"),
        default=False,
        help_text=_("New comments wait for a moderator before anyone else sees them."),
    )
    finalised_at = models.DateTimeField(
        _("finalised at"),
        null=True,
        blank=True,
        help_text=_("Set when editors finalise the contract from the results."),
    )
    endorsement_deadline = models.DateField(
        _("endorsement deadline"),
        null=True,
        blank=True,
        help_text=_("Last day candidates can sign the contract."),
    )
    opening_announced_at = models.DateTimeField(
        _("opening announced at"), null=True, blank=True, editable=False
    )

    objects = SocialContractQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("municipality"), FieldPanel("election")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
                FieldPanel("max_supports"),
                FieldPanel("residents_only"),
                FieldPanel("premoderate_comments"),
            ],
            heading=_("Consultation"),
        ),
        FieldPanel("endorsement_deadline"),
    ]
    search_fields = [
        index.FilterField("municipality"),
        index.FilterField("election"),
        index.RelatedFields("municipality", [index.SearchField("name")]),
    ]

    class Meta:
        verbose_name = _("social contract")
        verbose_name_plural = _("social contracts")
        ordering = ["-election__date", "municipality__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "election"], name="one_contract_per_municipality_election"
            ),
            models.CheckConstraint(
                condition=Q(opens_at__isnull=True)
                | Q(closes_at__isnull=False, closes_at__gt=models.F("opens_at")),
                name="contract_closes_after_it_opens",
            ),
        ]
        permissions = [("finalise_socialcontract", "Can finalise social contracts")]

    def __str__(self):
        return f"{self.municipality} – {self.election}"

    def phase_at(self, now=None):
        now = now or timezone.now()
        if self.finalised_at:
            return Phase.FINALISED
        if self.opens_at is None:
            return Phase.DRAFT
        if now < self.opens_at:
            return Phase.UPCOMING
        if now < self.closes_at:
            return Phase.OPEN
        return Phase.CLOSED

    @property
    def phase(self):
        return self.phase_at()

    def get_phase_display(self):
        return Phase(self.phase).label

    localized_municipality_name = LocalizedName("municipality")
    localized_election_name = LocalizedName("election")

    def cap_refusal(self, supports_used):
        """Why a citizen who uses `supports_used` supports may not support one
        more priority, or None: the cap on supports per citizen."""
        if self.max_supports is not None and supports_used >= self.max_supports:
            return Decision(
                False,
                "cap_reached",
                gettext(
                    "You have used all %(max)s of your supports. "
                    "Withdraw one to support another priority."
                )
                % {"max": self.max_supports},
            )
        return None

    def finalise(self, editor, chosen, now=None):
        """The priorities whose (source-language) pks are `chosen` enter the
        contract, the others leave it (translations follow their source
        row); the contract is finalised, and the act logged."""
        with transaction.atomic():
            for pk, key in (
                Priority.objects.source().filter(contract=self).values_list("pk", "translation_key")
            ):
                Priority.objects.filter(translation_key=key).update(in_contract=pk in chosen)
            self.finalised_at = now or timezone.now()
            self.save(update_fields=["finalised_at"])
            log(
                self,
                "consultations.contract.finalise",
                user=editor,
                data={"priorities": sorted(chosen)},
            )

    def close_early(self, editor, reason, now=None):
        """Close the open consultation now, before its closing time, for
        `reason`; logged with the closing time it replaces. Raises `Refused`
        when the consultation is not open (checked on the locked row)."""
        now = now or timezone.now()
        with transaction.atomic():
            locked = SocialContract.objects.select_for_update().get(pk=self.pk)
            if locked.phase_at(now) != Phase.OPEN:
                raise Refused(
                    Decision(
                        False,
                        "not_open",
                        gettext("Only an open consultation can be closed early."),
                    )
                )
            planned = locked.closes_at
            # The closing time stays after the opening time (a database rule).
            self.closes_at = max(now, locked.opens_at + datetime.timedelta(microseconds=1))
            self.save(update_fields=["closes_at"])
            log(
                self,
                "consultations.contract.close_early",
                user=editor,
                data={"reason": reason, "planned_closing": planned.isoformat()},
            )

    def has_participation(self):
        return Priority.objects.filter(contract=self).with_participation().exists()

    def admin_results_link(self):
        """For the admin listing: a link to the results and finalising view."""
        return format_html(
            '<a href="{}">{}</a>',
            reverse("consultations_finalise", args=[self.pk]),
            _("Results and finalising"),
        )


class PriorityOrigin(models.TextChoices):
    NETWORK = "network", _("Drafted by the network")
    CITIZEN = "citizen", _("Suggested by a citizen")


def counted_from_rows():
    """What the rows say of each priority (an outer `pk`): its supports and
    its visible comments, as subqueries."""
    votes = (
        Vote.objects.filter(priority=models.OuterRef("pk"))
        .order_by()
        .values("priority")
        .annotate(n=Count("pk"))
        .values("n")
    )
    comments = (
        Comment.objects.filter(priority=models.OuterRef("pk"), state=CommentState.VISIBLE)
        .order_by()
        .values("priority")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return {
        "support_count": Coalesce(models.Subquery(votes), 0),
        "comment_count": Coalesce(models.Subquery(comments), 0),
    }


class PriorityQuerySet(TranslatableQuerySet):
    def add_to_counts(self, supports=0, comments=0):
        """Add to the counts these priorities keep (negative to take away),
        in the database: F() expressions, so concurrent changes add up
        exactly. Called by each act that changes them, in its transaction;
        the columns' check (never below zero) refuses a count that would
        go negative."""
        return self.update(
            support_count=F("support_count") + supports,
            comment_count=F("comment_count") + comments,
        )

    def recount(self):
        """Set the counts from the rows, in one UPDATE: for bulk loads (the
        benchmark's COPY) while nothing else writes. Not exact under
        concurrent acts, which is why they use `add_to_counts`."""
        return self.update(**counted_from_rows())

    def miscounted(self):
        """The priorities whose kept counts differ from their rows, each with
        what the rows say (`counted_supports`, `counted_comments`): empty
        while the counters are exact. Tests and the benchmark ask it."""
        counted = counted_from_rows()
        return self.annotate(
            counted_supports=counted["support_count"],
            counted_comments=counted["comment_count"],
        ).exclude(support_count=F("counted_supports"), comment_count=F("counted_comments"))

    def ranked(self):
        return self.order_by("-support_count", "order", "pk")

    def with_participation(self):
        return self.filter(Q(votes__isnull=False) | Q(comments__isnull=False)).distinct()

    def listed(self, sort=NETWORK_ORDER, sector=""):
        """As the consultation page, its print version and the results
        download list them: with their sector, and title,
        description and sector name in the active language
        (`localized_title`, `localized_description`, `localized_sector_name`),
        in one query; of one sector (slug) or all; in the network's order or
        the most supported first."""
        priorities = self.select_related("sector").localized("title", "description", "sector__name")
        if sector:
            priorities = priorities.filter(sector__slug=sector)
        if sort == MOST_SUPPORTED:
            return priorities.order_by("-support_count", "order", "pk")
        return priorities.order_by("order", "pk")


class Priority(TranslatableMixin, index.Indexed, models.Model):
    """A draft priority citizens support and discuss; the ones editors pick
    become the contract candidates sign and monitors follow for four years."""

    contract = models.ForeignKey(
        SocialContract,
        verbose_name=_("social contract"),
        on_delete=models.PROTECT,
        related_name="priorities",
        help_text=_("The contract this priority belongs to."),
    )
    title = models.CharField(_("title"), max_length=200, help_text=_("A short, concrete aim."))
    description = models.TextField(
        _("description"),
        blank=True,
        max_length=2000,
        help_text=_("What should be done, and why it matters to residents."),
    )
    sector = models.ForeignKey(
        Sector,
        verbose_name=_("sector"),
        on_delete=models.PROTECT,
        related_name="priorities",
        limit_choices_to={"locale__language_code": settings.LANGUAGE_CODE},
        help_text=_("The policy area, for filtering and comparison."),
    )
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("The network's order on the consultation page.")
    )
    origin = models.CharField(
        _("origin"), max_length=10, choices=PriorityOrigin.choices, default=PriorityOrigin.NETWORK
    )
    suggested_by_name = models.CharField(
        _("suggested by"),
        max_length=60,
        blank=True,
        help_text=_("For priorities a citizen suggested: their public name, credited."),
    )
    in_contract = models.BooleanField(
        _("in the contract"),
        default=False,
        help_text=_("Chosen when the contract is finalised."),
    )
    # Kept by the acts that change them (supporting, withdrawing, commenting,
    # moderating, removing, deleting an account), in their transactions, so
    # pages read them instead of counting rows on every render.
    support_count = models.PositiveIntegerField(_("number of supports"), default=0, editable=False)
    comment_count = models.PositiveIntegerField(
        _("number of visible comments"), default=0, editable=False
    )

    objects = PriorityQuerySet.as_manager()

    panels = [
        FieldPanel("contract"),
        FieldPanel("title"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("sector"), FieldPanel("order")]),
        FieldRowPanel([FieldPanel("origin"), FieldPanel("suggested_by_name")]),
    ]
    search_fields = [
        index.SearchField("title"),
        index.AutocompleteField("title"),
        index.SearchField("description"),
        index.FilterField("contract"),
        index.FilterField("sector"),
        index.FilterField("locale"),
    ]
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("description"),
        SynchronizedField("contract"),
        SynchronizedField("sector"),
        SynchronizedField("order"),
        SynchronizedField("origin"),
        SynchronizedField("suggested_by_name"),
        SynchronizedField("in_contract"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("priority")
        verbose_name_plural = _("priorities")
        ordering = ["contract", "order", "pk"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        """The counts are written only by the acts that change them: a new
        row starts at zero (a translation copied from its source does not
        carry the source's counts) and an edit of the text leaves them as
        the database holds them, never as they were when the row was read."""
        if self.pk is None:
            self.support_count = self.comment_count = 0
        elif kwargs.get("update_fields") is None:
            kwargs["update_fields"] = [
                field.name
                for field in self._meta.concrete_fields
                if not field.primary_key and field.name not in COUNTS
            ]
        super().save(*args, **kwargs)

    @property
    def anchor(self):
        return f"priority-{self.pk}"

    @property
    def comment_form_anchor(self):
        return f"comment-form-{self.pk}"
