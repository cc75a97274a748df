"""Following a municipality or one priority, and being told when it moves.

A `Follow` is a person's interest; an `Announcement` is one change worth
telling (an assessment published, a consultation opening, …), recorded once
with what is needed to tell it in either language; a `Notification` is that
change for one follower (read on the site, e-mailed at once or in a digest,
as the person's `NotificationPreference` for its kind says). Announcing
never writes per follower inside the request: `Announcement.objects.announce`
writes the fan-out (`consultations.following.fan_out`) as a durable job of
the outbox in the same transaction, for the worker to run once committed."""

from typing import NamedTuple

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, models, router, transaction
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from accounts.mail import enqueue_composition
from config.statements import Statement

FAN_OUT_TASK = "consultations.following.fan_out"


class NotFollowable(Exception):
    """The thing asked for cannot be followed (gone, or not public)."""


class ReaderState(NamedTuple):
    """What every page shows of the signed-in reader themselves: the header's
    unread count, whether their address is verified (asked by the rules) and
    what they follow (`{("municipality", pk), ("priority", pk), …}`)."""

    unread: int
    verified: bool
    followed: frozenset


def _reader_state_rows(person_id):
    """`(unread, verified, followed municipality, followed priority)` rows of
    the person `person_id`, one per follow (one without any)."""
    user_model = get_user_model()
    unread = (
        Notification.objects.filter(person=OuterRef("pk"), read_at__isnull=True)
        .order_by()
        .values("person")
        .annotate(count=Count("pk"))
        .values("count")
    )
    verified = user_model.verified_email_addresses(
        user=OuterRef("pk"), email__iexact=OuterRef("email")
    )
    return (
        user_model._default_manager.filter(pk=person_id)
        .annotate(unread=Coalesce(Subquery(unread), 0), verified=Exists(verified))
        .values_list("unread", "verified", "follows__municipality_id", "follows__priority_id")
    )


# The reader's state is read on every signed-in page: compiled once (the
# placeholder stands for the person's id).
READER_STATE = Statement(_reader_state_rows, person_id=-7_357_000_002)


class FollowQuerySet(models.QuerySet):
    def of(self, person):
        return self.filter(person=person)

    def reader_state(self, person):
        """`person`'s `ReaderState`, in one query (the person's row, with
        their follows joined, the unread count and the address check as
        subqueries; compiled once, see `READER_STATE`): read once per
        request, never kept beyond it."""
        using = router.db_for_read(get_user_model())
        rows = READER_STATE.rows(using, person_id=person.pk)
        if not rows:
            return ReaderState(0, False, frozenset())
        followed = frozenset(
            ("municipality", municipality_id) if municipality_id else ("priority", priority_id)
            for _unread, _verified, municipality_id, priority_id in rows
            if municipality_id or priority_id
        )
        return ReaderState(rows[0][0] or 0, bool(rows[0][1]), followed)

    def of_target(self, target):
        return self.filter(**Follow.target_filter(target))

    def targets_of(self, person):
        """`{("municipality", pk), ("priority", pk), …}`: what `person` follows,
        in one query (for the follow buttons of a page)."""
        return {
            ("municipality", municipality_id) if municipality_id else ("priority", priority_id)
            for municipality_id, priority_id in self.of(person).values_list(
                "municipality_id", "priority_id"
            )
        }

    def follow(self, person, target):
        """`person` follows `target` (a Municipality or a source Priority);
        following twice leaves one row (the unique constraint decides, so
        two requests at once cannot make two). True if a row was made."""
        try:
            with transaction.atomic():
                self.create(person=person, **Follow.target_filter(target))
        except IntegrityError:
            return False
        return True

    def unfollow(self, person, target):
        deleted, _by_model = self.of(person).of_target(target).delete()
        return bool(deleted)


class Follow(models.Model):
    """A person's wish to be told when a municipality or one of its
    priorities moves. Exactly one of `municipality` and `priority`."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="follows",
    )
    municipality = models.ForeignKey(
        "cms_pages.Municipality",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="follows",
    )
    priority = models.ForeignKey(
        "consultations.Priority",
        verbose_name=_("priority"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="follows",
    )
    created_at = models.DateTimeField(_("followed since"), default=timezone.now)

    objects = FollowQuerySet.as_manager()

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        ordering = ["-created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(municipality__isnull=False, priority__isnull=True)
                | Q(municipality__isnull=True, priority__isnull=False),
                name="follow_one_target",
            ),
            models.UniqueConstraint(
                fields=["person", "municipality"],
                condition=Q(municipality__isnull=False),
                name="follow_municipality_once",
            ),
            models.UniqueConstraint(
                fields=["person", "priority"],
                condition=Q(priority__isnull=False),
                name="follow_priority_once",
            ),
        ]

    def __str__(self):
        return f"{self.person} → {self.target}"

    @property
    def target(self):
        return self.municipality if self.municipality_id else self.priority

    @staticmethod
    def target_kind(target):
        return "municipality" if target._meta.model_name == "municipality" else "priority"

    @classmethod
    def target_filter(cls, target):
        return {cls.target_kind(target): target}


class NotificationKind(models.TextChoices):
    ASSESSMENT = "assessment", _("An assessment is published")
    CONSULTATION_OPENED = "consultation_opened", _("A consultation opens")
    CONSULTATION_CLOSED = "consultation_closed", _("A consultation closes with its results")
    CONTRACT_FINALISED = "contract_finalised", _("A Social Contract is finalised")
    ENDORSEMENT = "endorsement", _("A candidate signs or withdraws")
    FORUM = "forum", _("A forum is announced")
    ANSWERS = "answers", _("A forum's questions are answered")


#: Kinds the older "news from my municipality" choice (User.notify_municipality)
#: asked for: residents who ticked it follow these for their municipality
#: (see `following.recipients`).
RESIDENT_KINDS = {NotificationKind.CONSULTATION_OPENED, NotificationKind.FORUM}


class Delivery(models.TextChoices):
    IMMEDIATELY = "immediately", _("Immediately")
    DAILY = "daily", _("In a daily digest")
    WEEKLY = "weekly", _("In a weekly digest")
    NEVER = "never", _("Never by e-mail")


DIGESTS = (Delivery.DAILY, Delivery.WEEKLY)


class PreferenceQuerySet(models.QuerySet):
    def choices_of(self, person):
        """`{kind: delivery}` for every kind (immediately unless chosen)."""
        chosen = dict(self.filter(person=person).values_list("kind", "delivery"))
        return {kind: chosen.get(kind, Delivery.IMMEDIATELY) for kind in NotificationKind.values}

    def choose(self, person, choices):
        """Store `{kind: delivery}` for `person`."""
        with transaction.atomic():
            for kind, delivery in choices.items():
                self.update_or_create(person=person, kind=kind, defaults={"delivery": delivery})

    def delivery_is(self, delivery, kind=None):
        """An `Exists` for Notification rows whose person chose `delivery`
        for the notification's kind (no row: immediately)."""
        chosen = self.filter(person=OuterRef("person"), kind=OuterRef("announcement__kind"))
        if delivery == Delivery.IMMEDIATELY:
            return ~Exists(chosen.exclude(delivery=Delivery.IMMEDIATELY))
        return Exists(chosen.filter(delivery=delivery))


class NotificationPreference(models.Model):
    """How a person wants to hear about one kind of change by e-mail.
    Without a row: immediately."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    kind = models.CharField(_("kind"), max_length=24, choices=NotificationKind.choices)
    delivery = models.CharField(
        _("e-mail"), max_length=12, choices=Delivery.choices, default=Delivery.IMMEDIATELY
    )

    objects = PreferenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        ordering = ["person", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["person", "kind"], name="one_preference_per_kind")
        ]

    def __str__(self):
        return f"{self.person}: {self.kind} → {self.delivery}"


class AnnouncementQuerySet(models.QuerySet):
    def announce(self, kind, municipality, priority=None, params=None, links=None):
        """Record that `kind` happened about `municipality` (and `priority`,
        a source row) and, once committed, have the worker tell their
        followers. `params`: what the message needs, in JSON, with any text
        given per language (`{"sq": …, "en": …}`); `links`: the page to see,
        per language. Costs the caller two inserts, however many follow:
        the announcement and its fan-out job, an outbox row written in the
        caller's transaction (`enqueue_composition`), so that no committed
        announcement is left untold by a worker or broker that lost it."""
        with transaction.atomic():
            announcement = self.create(
                kind=kind,
                municipality=municipality,
                priority=priority,
                params=params or {},
                links=links or {},
            )
            enqueue_composition(FAN_OUT_TASK, announcement.pk)
        return announcement


class Announcement(models.Model):
    """One change followers are told about, recorded once whatever their
    number, with what it takes to say it in either language."""

    kind = models.CharField(_("kind"), max_length=24, choices=NotificationKind.choices)
    municipality = models.ForeignKey(
        "cms_pages.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="announcements",
    )
    priority = models.ForeignKey(
        "consultations.Priority",
        verbose_name=_("priority"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="announcements",
    )
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    links = models.JSONField(_("links"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    objects = AnnouncementQuerySet.as_manager()

    class Meta:
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.created_at:%Y-%m-%d})"

    def localized(self, key, language):
        value = self.params.get(key, "")
        if isinstance(value, dict):
            return value.get(language) or value.get(settings.LANGUAGE_CODE, "")
        return value

    def link(self, language):
        return self.links.get(language) or self.links.get(settings.LANGUAGE_CODE, "")

    # In the active language, for templates.
    @property
    def title_here(self):
        return self.localized("title", translation.get_language())

    @property
    def summary_here(self):
        return self.localized("summary", translation.get_language())

    @property
    def detail_here(self):
        return self.localized("detail", translation.get_language())

    @property
    def link_here(self):
        return self.link(translation.get_language())


class NotificationQuerySet(models.QuerySet):
    def of(self, person):
        return self.filter(person=person)

    def unread(self):
        return self.filter(read_at__isnull=True)

    def unread_count(self, person):
        return self.of(person).unread().count()

    def mark_read(self, person, pk=None, now=None):
        rows = self.of(person).unread()
        if pk is not None:
            rows = rows.filter(pk=pk)
        return rows.update(read_at=now or timezone.now())

    def listing(self):
        return self.select_related("announcement").order_by("-announcement__created_at", "-pk")

    def to_email(self, delivery):
        """Not yet e-mailed, and their person chose `delivery` for the kind."""
        return self.filter(emailed_at__isnull=True).filter(
            NotificationPreference.objects.delivery_is(delivery)
        )


class Notification(models.Model):
    """One announcement for one follower: shown on their notifications
    page, and e-mailed as they chose."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    announcement = models.ForeignKey(
        Announcement,
        verbose_name=_("announcement"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-announcement__created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["person", "announcement"], name="notify_once")
        ]
        indexes = [models.Index(fields=["person", "read_at"], name="notification_unread")]

    def __str__(self):
        return f"{self.person}: {self.announcement}"


def reader_state(request):
    """The signed-in reader's `ReaderState` (unread count, verified address,
    follows), read in one query the first time this request needs any of it
    (the header, a follow button, a page whose rules check the address):
    after it, `rules.has_verified_email` costs nothing. Kept on the request
    only, so a new notification shows on the next page."""
    if not hasattr(request, "_reader_state"):
        request._reader_state = Follow.objects.reader_state(request.user)
        request.user._consultations_verified = request._reader_state.verified
    return request._reader_state
