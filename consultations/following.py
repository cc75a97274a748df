"""Following: what can be followed, telling followers (the fan-out and the
digests, run by the django-q2 worker) and the e-mails' one-click
unsubscribe. The rows are in `models.following`; the views in
`following_views`.

- `fan_out(announcement_id)`: a durable job of the outbox
  (`accounts.mail.enqueue_composition`) written by
  `Announcement.objects.announce`; one batch of followers per run, whose
  notifications, e-mails and next batch's job are written in the one
  transaction that marks the job done (`accounts.tasks.compose`), so a
  worker killed at any point leaves the batch to run again, whole.
- `send_digests("daily" | "weekly")`: on a schedule (migration
  0004_following_schedules): one e-mail per person per digest, each
  written to the outbox in the transaction that marks its items e-mailed.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext, ngettext

from accounts.mail import enqueue_composition
from cms_pages.models import Municipality
from cms_pages.models.localization import texts_by_language

from .models import (
    RESIDENT_KINDS,
    Announcement,
    Delivery,
    Follow,
    Notification,
    NotificationKind,
    NotificationPreference,
    Phase,
    Priority,
    SocialContract,
)
from .models.following import FAN_OUT_TASK

#: Followers handled by one run of the fan-out task.
BATCH_SIZE = 500

UNSUBSCRIBE_SALT = "consultations.following.unsubscribe"


# --- what can be followed ----------------------------------------------------


def public_municipality(pk):
    """The municipality (source row) `pk`, or 404."""
    try:
        return Municipality.objects.source().get(pk=pk)
    except (Municipality.DoesNotExist, ValueError, TypeError) as error:
        raise Http404 from error


def public_priority(pk):
    """The priority (source row) `pk` of a contract the public can see, or 404."""
    try:
        return (
            Priority.objects.source()
            .select_related("contract")
            .exclude(contract__opens_at__isnull=True, contract__finalised_at__isnull=True)
            .get(pk=pk)
        )
    except (Priority.DoesNotExist, ValueError, TypeError) as error:
        raise Http404 from error


FOLLOWABLE = {"municipality": public_municipality, "priority": public_priority}


def followable(kind, pk):
    """The public thing to follow, or 404 (unknown kind, gone, not public)."""
    if kind not in FOLLOWABLE:
        raise Http404
    return FOLLOWABLE[kind](pk)


# --- the fan-out ---------------------------------------------------------------


def recipients(announcement):
    """Active people to tell about `announcement`: followers of its
    municipality or of its priority and, for the openings the older
    "news from my municipality" choice asked for, residents who ticked it."""
    follows = Follow.objects.filter(municipality_id=announcement.municipality_id)
    if announcement.priority_id:
        follows = Follow.objects.filter(
            Q(municipality_id=announcement.municipality_id)
            | Q(priority_id=announcement.priority_id)
        )
    who = Q(pk__in=follows.values("person_id"))
    if announcement.kind in RESIDENT_KINDS:
        who |= Q(municipality_id=announcement.municipality_id, notify_municipality=True)
    return get_user_model().objects.filter(who, is_active=True)


def untold(announcement):
    """`recipients(announcement)` who have no notification of it yet."""
    told = Notification.objects.filter(person=OuterRef("pk"), announcement=announcement)
    return recipients(announcement).exclude(Exists(told))


def fan_out(announcement_id, *_cursor):
    """Record `announcement_id` for the next `BATCH_SIZE` recipients not yet
    told of it (by pk) and e-mail those who want it immediately; then, if
    the batch was full, queue the next one as a durable job. All in one
    transaction (the job's, when the worker runs it), so a run is whole or
    not at all, and a run again tells no one twice (each batch picks those
    not yet told, and the "notify_once" constraint holds), so the job
    carries no one's id. `_cursor`: the person id that fan-out tasks queued
    before the outbox carried; unused."""
    with transaction.atomic():
        announcement = Announcement.objects.filter(pk=announcement_id).first()
        if announcement is None:
            return 0
        people = list(untold(announcement).order_by("pk").values_list("pk", flat=True)[:BATCH_SIZE])
        if not people:
            return 0
        Notification.objects.bulk_create(
            [Notification(person_id=pk, announcement=announcement) for pk in people],
            ignore_conflicts=True,
        )
        send_immediately(announcement, people)
        if len(people) == BATCH_SIZE:
            enqueue_composition(FAN_OUT_TASK, announcement.pk)
    return len(people)


def send_immediately(announcement, people):
    """One e-mail per notification of `announcement` to those of `people`
    who want its kind immediately, written to the outbox in the transaction
    that marks the notifications e-mailed (locked, so a second run at the
    same time waits, then finds them e-mailed)."""
    with transaction.atomic():
        notifications = list(
            Notification.objects.filter(announcement=announcement, person_id__in=people)
            .to_email(Delivery.IMMEDIATELY)
            .select_related("person")
            .select_for_update(of=("self",))
            .order_by("person_id")
        )
        sent = 0
        for notification in notifications:
            notification.announcement = announcement
            person = notification.person
            if (
                announcement.kind == NotificationKind.CONSULTATION_OPENED
                and person.notify_municipality
                and person.municipality_id == announcement.municipality_id
            ):
                continue  # e-mailed by tasks.announce_opened_consultations already
            send_notifications(person, [notification], [announcement.kind])
            sent += 1
        Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(
            emailed_at=timezone.now()
        )
    return sent


def send_digest(person, delivery, now=None):
    """`person`'s `delivery` digest: one e-mail listing every notification
    waiting for it, written to the outbox in the transaction that marks
    them e-mailed, so that a worker killed before the commit leaves both
    for the next digest and one killed after leaves neither. The rows are
    locked: a second run at the same time waits, then finds nothing.
    True if an e-mail was written."""
    with transaction.atomic():
        notifications = list(
            Notification.objects.of(person)
            .to_email(delivery)
            .select_related("announcement")
            .select_for_update(of=("self",))
            .order_by("announcement__created_at", "pk")
        )
        if not notifications:
            return False
        kinds = [
            kind
            for kind, chosen in NotificationPreference.objects.choices_of(person).items()
            if chosen == delivery
        ]
        send_notifications(person, notifications, kinds, digest=delivery)
        Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(
            emailed_at=now or timezone.now()
        )
    return True


def send_digests(delivery):
    """One e-mail to each person with notifications waiting for their
    `delivery` ("daily" or "weekly") digest, listing all of them; each
    person's e-mail and marks committed together (`send_digest`)."""
    waiting = Notification.objects.to_email(delivery).values("person_id")
    people = get_user_model().objects.filter(pk__in=waiting).order_by("pk")
    now = timezone.now()
    return sum(send_digest(person, delivery, now) for person in people)


def send_daily_digests():
    return send_digests(Delivery.DAILY)


def send_weekly_digests():
    return send_digests(Delivery.WEEKLY)


# --- e-mails -------------------------------------------------------------------


def unsubscribe_token(person, kinds):
    return signing.dumps({"user": person.pk, "kinds": sorted(kinds)}, salt=UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token):
    """`(person, kinds)` from a token, or None when it is not valid."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
        kinds = [NotificationKind(kind) for kind in data["kinds"]]
        person = get_user_model().objects.get(pk=data["user"], is_active=True)
    except (signing.BadSignature, KeyError, TypeError, ValueError, get_user_model().DoesNotExist):
        return None
    return person, kinds


def absolute(path):
    return f"{settings.WAGTAILADMIN_BASE_URL}{path}"


def unsubscribe_url(person, kinds, language):
    with translation.override(language):
        path = reverse(
            "consultations:following_unsubscribe", args=[unsubscribe_token(person, kinds)]
        )
    return absolute(path)


def send_notifications(person, notifications, kinds, digest=None):
    """The e-mail telling `person` of `notifications`, in their e-mail
    language, with a one-click unsubscribe from `kinds` (RFC 8058)."""
    language = person.email_language or settings.LANGUAGE_CODE
    with translation.override(language):
        unsubscribe = unsubscribe_url(person, kinds, language)
        context = {
            "person": person,
            "items": [
                {
                    "title": n.announcement.localized("title", language),
                    "summary": n.announcement.localized("summary", language),
                    "detail": n.announcement.localized("detail", language),
                    "link": n.announcement.link(language),
                    "kind": n.announcement.get_kind_display(),
                }
                for n in notifications
            ],
            "digest": digest,
            "unsubscribe_url": unsubscribe,
            "notifications_url": absolute(reverse("consultations:notifications")),
        }
        subject = render_to_string("consultations/email/following_subject.txt", context)
        body = render_to_string("consultations/email/following.txt", context)
    message = EmailMultiAlternatives(
        " ".join(subject.split()),
        body,
        None,
        [person.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.send()


# --- what consultations announce --------------------------------------------

ANNOUNCE_CONTRACT_TASK = "consultations.following.announce_contract"


def in_every_language(make):
    """`{language: str(make())}` with each site language active in turn."""
    texts = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            texts[code] = str(make())
    return texts


def contract_links(contract):
    """The contract's consultation page in each language ("" when none)."""
    links = {}
    for page in contract.pages.live().select_related("locale"):
        links[page.locale.language_code] = page.get_full_url()
    return links


def contract_summary(kind, contract, priorities):
    if kind == NotificationKind.CONSULTATION_OPENED:
        return gettext(
            "The consultation is open until %(date)s. Say which priorities matter to you."
        ) % {"date": formats.date_format(timezone.localtime(contract.closes_at), "DATETIME_FORMAT")}
    if kind == NotificationKind.CONSULTATION_CLOSED:
        return gettext("The consultation has closed: see its results.")
    return ngettext(
        "The Social Contract is finalised with %(count)d priority.",
        "The Social Contract is finalised with %(count)d priorities.",
        priorities,
    ) % {"count": priorities}


def announce_contract(kind, contract_id):
    """Tell the followers of a contract's municipality that its
    consultation opened or closed, or that it was finalised; once per
    contract and kind. Run by the worker."""
    contract = (
        SocialContract.objects.filter(pk=contract_id)
        .select_related("municipality")
        .localized_in_every_language("municipality__name", "election__name")
        .first()
    )
    if (
        contract is None
        or Announcement.objects.filter(kind=kind, params__contract=contract_id).exists()
    ):
        return 0
    priorities = Priority.objects.source().filter(contract=contract, in_contract=True).count()
    names = texts_by_language(contract, "municipality__name")
    elections = texts_by_language(contract, "election__name")
    Announcement.objects.announce(
        kind,
        municipality=contract.municipality,
        params={
            "contract": contract.pk,
            "title": in_every_language(
                lambda: (
                    gettext("Social Contract of %(municipality)s, %(election)s")
                    % {
                        "municipality": names[translation.get_language()],
                        "election": elections[translation.get_language()],
                    }
                )
            ),
            "summary": in_every_language(lambda: contract_summary(kind, contract, priorities)),
        },
        links=contract_links(contract),
    )
    return 1


def announce_contract_later(kind, contract):
    """Have the worker announce `kind` for `contract` once committed: a
    durable job written in the caller's transaction."""
    enqueue_composition(ANNOUNCE_CONTRACT_TASK, str(kind), contract.pk)


def announce_closed_consultations(now=None):
    """Scheduled: announce each consultation that has closed (in the last
    week: older ones were over before following existed) once."""
    now = now or timezone.now()
    closed = SocialContract.objects.in_phase(Phase.CLOSED, now).filter(
        closes_at__gt=now - timedelta(days=7)
    )
    return sum(
        announce_contract(NotificationKind.CONSULTATION_CLOSED, pk)
        for pk in closed.values_list("pk", flat=True)
    )
