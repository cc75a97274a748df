"""People who use the platform: citizens, candidates and staff alike, and the
outbox that carries every e-mail sent to them."""

import base64
import hashlib
import json
import re
import uuid
from datetime import timedelta
from email.utils import parseaddr

from django_q.models import OrmQ, Task
from django_q.signing import BadSignature, SignedPackage

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, models, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms_pages.text import without_bidi_controls


class UserManager(BaseUserManager):
    """Users are identified by their e-mail address; there is no username."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person with an account. The public sees only `display_name`; the
    e-mail address stays private."""

    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    display_name = models.CharField(
        _("public name"),
        max_length=60,
        help_text=_(
            "Shown with your comments and the priorities you support. "
            "Your e-mail address is never shown."
        ),
    )
    municipality = models.ForeignKey(
        "cms_pages.Municipality",
        verbose_name=_("municipality of residence"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="residents",
        help_text=_("Some consultations are open only to residents."),
    )
    staff_municipality = models.ForeignKey(
        "cms_pages.Municipality",
        verbose_name=_("municipality monitored"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
        help_text=_("For monitors: the only municipality whose priorities they may assess."),
    )
    terms_accepted_at = models.DateTimeField(_("terms accepted at"), null=True, blank=True)
    notify_replies = models.BooleanField(
        _("replies to my comments"),
        default=True,
        help_text=_("E-mail me when someone replies to one of my comments."),
    )
    notify_municipality = models.BooleanField(
        _("news from my municipality"),
        default=False,
        help_text=_("E-mail me when a consultation or forum opens in my municipality."),
    )
    email_language = models.CharField(
        _("language of e-mails"),
        max_length=2,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The language of the e-mails the platform sends you."),
    )
    desk_digest = models.BooleanField(
        _("daily digest of waiting work"),
        default=False,
        help_text=_(
            "Staff: e-mail me once a day what is waiting for me in the admin "
            "(the same as the dashboard shows)."
        ),
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["display_name"]

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["display_name", "email"]

    def __str__(self):
        return self.display_name or self.email

    def save(self, *args, **kwargs):
        # However the name arrives (forms, admin, import), it cannot reorder
        # the text around it.
        self.display_name = without_bidi_controls(self.display_name).strip()
        super().save(*args, **kwargs)

    def get_full_name(self):
        return self.display_name

    def get_short_name(self):
        return self.display_name

    @property
    def has_verified_email(self):
        """Taking part needs a verified address, not just a signed-in session."""
        return self.verified_email_addresses(user=self, email__iexact=self.email).exists()

    @staticmethod
    def verified_email_addresses(**lookups):
        """Verified addresses matching `lookups`: `has_verified_email` asks it
        of one user, a User query as an `Exists` with `OuterRef`s."""
        from allauth.account.models import EmailAddress

        return EmailAddress.objects.filter(verified=True, **lookups)


DELIVER_TASK = "accounts.tasks.deliver_outbox"


class OutboxState(models.TextChoices):
    PENDING = "pending", _("waiting to be sent")
    SENDING = "sending", _("being sent")
    SENT = "sent", _("sent")
    FAILED = "failed", _("could not be sent")


class OutboxKind(models.TextChoices):
    EMAIL = "email", _("e-mail")
    COMPOSITION = "composition", _("e-mail to compose")


def serialize_message(message):
    """An EmailMessage as JSON-ready data (the outbox keeps no pickles)."""
    attachments = []
    for attachment in message.attachments:
        if hasattr(attachment, "get_payload"):  # a MIME part made by the caller
            filename = attachment.get_filename()
            content = attachment.get_payload(decode=True) or b""
            mimetype = attachment.get_content_type()
        else:
            filename, content, mimetype = attachment
        binary = isinstance(content, bytes)
        attachments.append(
            {
                "filename": filename,
                "content": base64.b64encode(content).decode() if binary else content,
                "binary": binary,
                "mimetype": mimetype,
            }
        )
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": {str(k): str(v) for k, v in message.extra_headers.items()},
        "alternatives": [
            [str(content), mimetype] for content, mimetype in getattr(message, "alternatives", [])
        ],
        "attachments": attachments,
        "content_subtype": message.content_subtype,
        "encoding": message.encoding if isinstance(message.encoding, str) else None,
    }


LINE_BREAKS = re.compile(r"\s*[\r\n]+\s*")


def one_line(subject):
    """A subject on one line: a header cannot hold a line break, and a
    title pasted or posted with one (Wagtail's workflow notices put page
    titles in subjects) would have the message refused when it is sent."""
    return LINE_BREAKS.sub(" ", subject).strip()


def deserialize_message(data):
    message = EmailMultiAlternatives(
        subject=one_line(data["subject"]),
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=dict(data["headers"]),
        alternatives=[tuple(alternative) for alternative in data["alternatives"]],
    )
    for attachment in data["attachments"]:
        content = attachment["content"]
        if attachment["binary"]:
            content = base64.b64decode(content)
        message.attach(attachment["filename"], content, attachment["mimetype"])
    message.content_subtype = data["content_subtype"]
    message.encoding = data["encoding"]
    return message


def envelope_recipients(message):
    """The bare, lower-cased addresses a message goes to, in order, once each."""
    addresses = (parseaddr(str(recipient))[1].lower() for recipient in message.recipients())
    return list(dict.fromkeys(address for address in addresses if address))


class OutboxQuerySet(models.QuerySet):
    def due(self, now=None):
        """Waiting and ready for another try, or claimed by a worker whose
        lease ran out (it died, or lost its database connection)."""
        now = now or timezone.now()
        return self.filter(
            Q(state=OutboxState.PENDING, available_at__lte=now)
            | Q(state=OutboxState.SENDING, lease_until__lte=now)
        )

    def addressed_to(self, emails):
        """Messages to any of `emails` (one address per line, fenced by
        line breaks, so that `a@x.org` never matches `ba@x.org`)."""
        query = Q(pk__in=[])
        for email in emails:
            query |= Q(recipients__icontains=f"\n{email.strip().lower()}\n")
        return self.filter(query)

    def finished_before(self, when):
        return self.filter(state__in=[OutboxState.SENT, OutboxState.FAILED], finished_at__lt=when)


class OutboxManager(models.Manager.from_queryset(OutboxQuerySet)):
    def queue(self, message):
        """Write `message` to the outbox in the caller's transaction: it is
        sent if and only if the caller's change is committed. Returns the new
        row, or None when the same message to the same recipients is already
        there (a task retried after its worker died composes it again)."""
        data = serialize_message(message)
        recipients = envelope_recipients(message)
        event = json.dumps({"recipients": recipients, "message": data}, sort_keys=True)
        try:
            with transaction.atomic():
                return self.create(
                    key=hashlib.sha256(event.encode()).hexdigest(),
                    recipients="\n" + "\n".join(recipients) + "\n",
                    message=data,
                )
        except IntegrityError:
            return None

    def queue_composition(self, task, *args):
        """Write a job to the outbox in the caller's transaction: the worker
        runs `task(*args)` (a dotted path to a function that composes e-mail
        from ids and sends it with `send_mail`) once the caller's change is
        committed. The job is claimed, retried and swept like a message; its
        e-mail enters the outbox in the same transaction that marks the job
        done, so the job is composed exactly once (accounts.tasks)."""
        return self.create(
            kind=OutboxKind.COMPOSITION,
            key=uuid.uuid4().hex,
            recipients="",
            message={"task": task, "args": list(args)},
        )

    def claim(self, pk, now=None):
        """Take message `pk` for sending if it is due; None if it is sent,
        failed, or held by a live worker. One conditional UPDATE, so two
        workers can never both win it."""
        now = now or timezone.now()
        claimed = (
            self.due(now)
            .filter(pk=pk)
            .update(
                state=OutboxState.SENDING,
                attempts=F("attempts") + 1,
                lease_until=now + timedelta(seconds=settings.POP_OUTBOX_LEASE_SECONDS),
            )
        )
        return self.get(pk=pk) if claimed else None

    def forget(self, emails):
        """Remove the messages to any of `emails`, and django-q2's queued and
        finished delivery tasks that name them (account deletion)."""
        ids = set(self.addressed_to(emails).values_list("pk", flat=True))
        if not ids:
            return 0
        for task in Task.objects.filter(func=DELIVER_TASK).only("pk", "args"):
            if task.args and task.args[0] in ids:
                task.delete()
        for queued in OrmQ.objects.iterator():
            try:
                package = SignedPackage.loads(queued.payload)
            except (BadSignature, ValueError):
                continue
            if package.get("func") == DELIVER_TASK and (package.get("args") or (None,))[0] in ids:
                queued.delete()
        return self.filter(pk__in=ids).delete()[0]


class OutboxMessage(models.Model):
    """An e-mail the platform has promised to send.

    Written by the e-mail backend in the same transaction as the change that
    causes it, so no committed change loses its message and no rolled-back
    one sends any. A worker claims it (with a lease), sends it and marks it
    sent; a schedule hands back what is pending or whose worker died. Once
    sent (or given up) the message's content is cleared; the row stays a
    day, long enough to recognise the same message composed again, then
    goes. See README, "E-mail delivery".

    A row of kind "composition" is a job instead: a task that composes
    e-mail from ids (a reply notification, an invitation), written with the
    change that calls for it and delivered the same way, so that the task
    survives a worker's death as a message does.
    """

    key = models.CharField(
        _("event key"),
        max_length=64,
        unique=True,
        help_text=_("Hash of the recipients and the content: one message per event."),
    )
    kind = models.CharField(
        _("kind"), max_length=12, choices=OutboxKind.choices, default=OutboxKind.EMAIL
    )
    recipients = models.TextField(_("recipients"))
    message = models.JSONField(_("message"), default=dict, blank=True)
    state = models.CharField(
        _("state"),
        max_length=10,
        choices=OutboxState.choices,
        default=OutboxState.PENDING,
        db_index=True,
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    available_at = models.DateTimeField(_("next try at"), default=timezone.now)
    lease_until = models.DateTimeField(_("claimed until"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    objects = OutboxManager()

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"#{self.pk} ({self.get_state_display()})"

    @property
    def message_id(self):
        """The same Message-ID on every try, so that a copy sent again after
        a worker died between the server's acceptance and our commit is
        recognisably the same message."""
        domain = parseaddr(self.message.get("from_email") or settings.DEFAULT_FROM_EMAIL)[1]
        return f"<pop-outbox-{self.pk}-{self.key[:16]}@{domain.rpartition('@')[2] or 'localhost'}>"

    def email_message(self):
        message = deserialize_message(self.message)
        if not any(name.lower() == "message-id" for name in message.extra_headers):
            message.extra_headers["Message-ID"] = self.message_id
        return message

    def mark_sent(self, now=None):
        """Record the delivery and drop the content (addresses stay until purge)."""
        return self._finish(OutboxState.SENT, now or timezone.now())

    def release(self, error, now=None):
        """The try failed: try again later, or give up after the last try."""
        now = now or timezone.now()
        error_text = f"{type(error).__name__}: {error}"[:300]
        if self.attempts >= settings.POP_OUTBOX_MAX_ATTEMPTS:
            return self._finish(OutboxState.FAILED, now, last_error=error_text)
        backoff = min(60 * 2 ** (self.attempts - 1), 3600)
        return self._claimed().update(
            state=OutboxState.PENDING,
            available_at=now + timedelta(seconds=backoff),
            lease_until=None,
            last_error=error_text,
        )

    def _claimed(self):
        """This row, only while it is still the claim this worker holds."""
        return type(self).objects.filter(
            pk=self.pk, state=OutboxState.SENDING, attempts=self.attempts
        )

    def _finish(self, state, now, last_error=""):
        return self._claimed().update(
            state=state, finished_at=now, message={}, lease_until=None, last_error=last_error
        )
