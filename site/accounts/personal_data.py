"""Export and deletion of a person's data, across every app (see signals)."""

import json
import pickle  # noqa: S403 - only to re-read django-q2's own payloads
from importlib import import_module

from allauth.account.models import EmailAddress
from django_q.core_signing import BadSignature
from django_q.models import OrmQ, Task
from django_q.signing import SignedPackage

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.db.models import CharField, F, Q, Value
from django.db.models.functions import Cast, Concat

from wagtail.contrib.forms.models import FormSubmission
from wagtail.models import ModelLogEntry, PageLogEntry

from .models import OutboxMessage
from .signals import account_deleting, personal_data_requested

#: The keys under which a log entry's data names an account by its id
#: (`forums.candidacy.unlink` keeps the unlinked account as "account").
ACCOUNT_KEYS = ("account", "user", "user_id", "user_pk")


def account_emails(user):
    """Every address the account holds, lower-cased."""
    emails = {user.email} | set(
        EmailAddress.objects.filter(user=user).values_list("email", flat=True)
    )
    return {email.lower() for email in emails if email}


def contact_submissions(user):
    """Contact-form submissions that carry one of the account's addresses."""
    emails = account_emails(user)
    return [
        submission
        for submission in FormSubmission.objects.select_related("page").order_by("submit_time")
        if any(
            isinstance(value, str) and value.strip().lower() in emails
            for value in (submission.form_data or {}).values()
        )
    ]


def export_personal_data(user):
    """Everything the platform holds about `user`, as JSON-ready data."""
    data = {
        "account": {
            "email": user.email,
            "display_name": user.display_name,
            "municipality": user.municipality.name if user.municipality else None,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
            "terms_accepted_at": user.terms_accepted_at,
            "email_language": user.email_language,
            "notifications": {
                "replies": user.notify_replies,
                "municipality": user.notify_municipality,
                "staff_digest": user.desk_digest,
            },
        },
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user).order_by("email")
        ],
        "contact_form_submissions": [
            {
                "page": submission.page.title,
                "form_data": submission.form_data,
                "submitted_at": submission.submit_time.isoformat(),
            }
            for submission in contact_submissions(user)
        ],
        "email_to_you": [
            {
                "subject": outgoing.message.get("subject", ""),
                "state": outgoing.state,
                "queued_at": outgoing.created_at.isoformat(),
                "finished_at": outgoing.finished_at.isoformat() if outgoing.finished_at else None,
            }
            for outgoing in OutboxMessage.objects.addressed_to(account_emails(user))
        ],
    }
    for _receiver, sections in personal_data_requested.send(sender=type(user), user=user):
        data.update(sections or {})
    return data


def forget_log_entries(objects):
    """Wagtail's log entries about `objects` keep the act and lose what named
    or quoted its author: the label becomes the record's id, the data goes.

    Search-index rows are left alone: those of records that stay public hold
    only their public text, and those of deleted records go with them."""
    for instance in objects:
        content_types = {
            ContentType.objects.get_for_model(instance, for_concrete_model=False),
            ContentType.objects.get_for_model(instance),
        }
        ModelLogEntry.objects.filter(
            content_type__in=content_types, object_id=str(instance.pk)
        ).update(label=f"#{instance.pk}", data={})


def forget_log_entries_naming(user, emails):
    """Every log entry she made, and every one, whoever wrote it and about
    whatever record, whose label or data holds one of `emails` or whose data
    holds `user`'s id under an account key (`ACCOUNT_KEYS`): an editor's
    invitation to her address, her unlinked candidacy, her role as a
    municipality's respondent. Each keeps the act, its time, its record and
    who acted unless it was her; the label becomes the record's id, the data
    goes."""
    naming = Q(user_id=user.pk)
    for email in emails:
        # A JSON text may hold an address with its non-ASCII letters escaped.
        for written in {email, json.dumps(email)[1:-1]}:
            naming |= Q(label__icontains=written) | Q(data__icontains=written)
    for key in ACCOUNT_KEYS:
        naming |= Q(**{f"data__{key}": user.pk})
    for entries, record_id in (
        (ModelLogEntry.objects, F("object_id")),
        (PageLogEntry.objects, Cast("page_id", CharField())),
    ):
        entries.filter(naming).update(label=Concat(Value("#"), record_id), data={})
        entries.filter(user_id=user.pk).update(user=None)


def delete_account(user):
    """Remove the account and its personal data. Call inside a transaction.

    Each app's foreign keys to the user say what deletion means for its
    records (public contributions stay, shown as by a deleted account); the
    `account_deleting` signal lets apps act first where a key cannot decide.
    What no app owns goes here: contact-form submissions, the log entries
    she made, about her account or naming her (wherever they were written:
    `forget_log_entries_naming`), sessions, the e-mail to her
    waiting or sent in the outbox with django-q2's tasks delivering it, and
    django-q2's finished and queued tasks that carry her address or her account.
    """
    emails = account_emails(user)
    account_deleting.send(sender=type(user), user=user)
    FormSubmission.objects.filter(pk__in=[s.pk for s in contact_submissions(user)]).delete()
    forget_log_entries([user])
    forget_log_entries_naming(user, emails)
    _delete_sessions(user)
    OutboxMessage.objects.forget(emails)
    _delete_tasks(user, emails)
    user.delete()


def _delete_sessions(user):
    """Her sessions, through the configured engine so that cached copies go
    too (cached_db); Django's session rows are the list of them."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    for session in Session.objects.iterator():
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            store(session_key=session.session_key).delete()


def _mentions(payload, user, emails):
    if isinstance(payload, type(user)) and payload.pk == user.pk:
        return True
    try:
        dumped = pickle.dumps(payload).lower()
    except Exception:  # noqa: BLE001 - an unpicklable payload cannot be read
        dumped = repr(payload).lower().encode()
    return any(email.encode() in dumped for email in emails) or (
        isinstance(payload, dict)
        and any(key in payload and payload[key] == user.pk for key in ("user_id", "user_pk"))
    )


def _delete_tasks(user, emails):
    """django-q2's finished tasks and queued messages are pickled; decode
    them and remove those whose arguments or result name her."""
    for task in Task.objects.iterator():
        if any(_mentions(part, user, emails) for part in (task.args, task.kwargs, task.result)):
            task.delete()
    for queued in OrmQ.objects.iterator():
        try:
            package = SignedPackage.loads(queued.payload)
        except (BadSignature, pickle.UnpicklingError, ValueError):
            continue
        parts = (package.get("args"), package.get("kwargs"), package.get("result"))
        if any(_mentions(part, user, emails) for part in parts):
            queued.delete()
