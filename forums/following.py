"""What forums tell the followers of a municipality: a candidate signs or
withdraws their signature of its Social Contract, a forum is announced, a
forum's questions are answered (one announcement per forum and day, however
many questions are marked answered).
The requests only write a durable job (an outbox row, in their own
transaction); the worker writes the announcement (consultations.following
does the rest)."""

from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import formats, timezone
from django.utils.translation import get_language, gettext, ngettext

from wagtail.signals import page_published

from accounts.mail import enqueue_composition
from consultations.following import contract_links, in_every_language
from consultations.models import Announcement, NotificationKind

from .models import Endorsement, ForumPage, Question


def _later(task, *args):
    """Have the worker run `task(*args)` once the caller's change commits:
    a job written in the same transaction, swept if a worker loses it."""
    enqueue_composition(task, *args)


@receiver(post_save, sender=Endorsement, dispatch_uid="forums_endorsement_followers")
def endorsement_saved(sender, instance, created, raw=False, update_fields=None, **kwargs):
    if raw:
        return
    if created:
        _later("forums.following.announce_endorsement", instance.pk, "signed")
    elif instance.withdrawn_at and update_fields and "withdrawn_at" in update_fields:
        _later("forums.following.announce_endorsement", instance.pk, "withdrawn")


def announce_endorsement(endorsement_id, act):
    endorsement = (
        Endorsement.objects.filter(pk=endorsement_id)
        .select_related("candidacy", "contract__municipality")
        .first()
    )
    if endorsement is None:
        return 0
    name = endorsement.candidacy.full_name
    contract = endorsement.contract

    def summary():
        if act == "withdrawn":
            return gettext("%(name)s withdrew their signature of the Social Contract.") % {
                "name": name
            }
        return gettext("%(name)s signed the Social Contract.") % {"name": name}

    Announcement.objects.announce(
        NotificationKind.ENDORSEMENT,
        municipality=contract.municipality,
        params={
            "endorsement": endorsement.pk,
            "title": in_every_language(lambda: name),
            "summary": in_every_language(summary),
        },
        links=contract_links(contract),
    )
    return 1


@receiver(page_published, sender=ForumPage, dispatch_uid="forums_forum_followers")
def forum_published(sender, instance, **kwargs):
    """The first publication of a forum's page (in the site's language)
    announces the forum."""
    if instance.locale.language_code == settings.LANGUAGE_CODE:
        _later("forums.following.announce_forum", instance.pk)


def announce_forum(page_id):
    page = ForumPage.objects.live().filter(pk=page_id).select_related("municipality").first()
    if (
        page is None
        or Announcement.objects.filter(kind=NotificationKind.FORUM, params__forum=page_id).exists()
    ):
        return 0
    pages = {page.locale.language_code: page}
    for translation_page in page.get_translations().live().select_related("locale"):
        pages[translation_page.locale.language_code] = translation_page.specific
    when = timezone.localtime(page.starts_at)

    def title():
        return pages.get(get_language(), page).title

    Announcement.objects.announce(
        NotificationKind.FORUM,
        municipality=page.municipality,
        params={
            "forum": page_id,
            "title": in_every_language(title),
            "summary": in_every_language(
                lambda: (
                    gettext("A public forum is announced for %(date)s.")
                    % {"date": formats.date_format(when, "DATETIME_FORMAT")}
                )
            ),
        },
        links={code: p.get_full_url() for code, p in pages.items()},
    )
    return 1


@receiver(post_save, sender=Question, dispatch_uid="forums_answers_followers")
def question_saved(sender, instance, created, raw=False, update_fields=None, **kwargs):
    """A question marked answered (`Question.mark_answered`) announces its
    forum's answers."""
    if raw or created or instance.answered_at is None:
        return
    if update_fields is not None and "answered_at" not in update_fields:
        return
    _later("forums.following.announce_answers", instance.forum_id)


def announce_answers(forum_id):
    """The forum's answered questions, once a day: later answers that day
    are in the same announcement's page."""
    page = ForumPage.objects.live().filter(pk=forum_id).select_related("municipality").first()
    today = timezone.localdate()
    if (
        page is None
        or Announcement.objects.filter(
            kind=NotificationKind.ANSWERS,
            params__forum=forum_id,
            created_at__gte=timezone.make_aware(
                timezone.datetime.combine(today, timezone.datetime.min.time())
            ),
        ).exists()
    ):
        return 0
    answered = Question.objects.filter(forum_id=forum_id, answered_at__isnull=False).count()
    pages = {page.locale.language_code: page}
    for translation_page in page.get_translations().live().select_related("locale"):
        pages[translation_page.locale.language_code] = translation_page.specific

    def title():
        return pages.get(get_language(), page).title

    def summary():
        return ngettext(
            "%(count)s question of the forum has been answered.",
            "%(count)s questions of the forum have been answered.",
            answered,
        ) % {"count": answered}

    Announcement.objects.announce(
        NotificationKind.ANSWERS,
        municipality=page.municipality,
        params={
            "forum": forum_id,
            "title": in_every_language(title),
            "summary": in_every_language(summary),
        },
        links={code: f"{p.get_full_url()}#questions" for code, p in pages.items()},
    )
    return 1
