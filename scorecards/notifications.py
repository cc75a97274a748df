"""E-mails of the monitoring work: a monitor's saved round tells the editors
who publish (one e-mail per round, whatever its number of rows)."""

from html import unescape

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.mail import send_mail
from django.db.models import Q
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import strip_tags

from wagtail.users.models import UserProfile

from accounts.mail import enqueue_composition
from cms_pages.models.localization import texts_by_language
from consultations.following import in_every_language
from consultations.models import Announcement, NotificationKind, Priority

from .desk import round_url
from .models import Assessment, MunicipalityScorecardPage, priority_url
from .scoring import NOT_YET_ASSESSED_LABEL, Status

PUBLISH_PERMISSION = "scorecards.publish_assessment"


def publishers():
    return ModelBackend().with_perm(PUBLISH_PERMISSION, is_active=True, include_superusers=True)


def notify_editors_of_round(monitor, contract, as_of, drafts):
    """One e-mail to each editor, in their admin language, about the drafts
    `monitor` saved for `contract` on `as_of`; none when an editor saved
    them. Returns how many were sent."""
    if not drafts or monitor.has_perm(PUBLISH_PERMISSION):
        return 0
    sent = 0
    for editor in publishers().exclude(pk=monitor.pk).exclude(email=""):
        language = UserProfile.get_for_user(editor).get_preferred_language()
        with translation.override(language):
            context = {
                "monitor": monitor,
                "contract": contract,
                "as_of": as_of,
                "drafts": drafts,
                "count": len(drafts),
                "round_url": settings.WAGTAILADMIN_BASE_URL + round_url(contract.pk, as_of),
            }
            subject = render_to_string("scorecards/email/round_saved_subject.txt", context)
            body = render_to_string("scorecards/email/round_saved.txt", context)
        send_mail(" ".join(subject.split()), body, None, [editor.email])
        sent += 1
    return sent


# --- followers: published assessments ---------------------------------------

ANNOUNCE_TASK = "scorecards.notifications.announce_assessments"


def priority_link(priority, language):
    """Where a follower sees an assessed priority, in `language`: the one
    place that builds that address — the priority's own page (or, while the
    site has no municipality pages, its row on the municipality's scorecard)."""
    url = priority_url(priority, language)
    if url:
        return url if url.startswith("http") else settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url
    page = (
        MunicipalityScorecardPage.objects.live()
        .filter(municipality_id=priority.contract.municipality_id)
        .filter(locale__language_code=language)
        .first()
    )
    if page is None:
        return ""
    return f"{page.get_full_url()}#{priority.anchor}"


def first_line(html):
    """The evidence's first line, as text."""
    text = unescape(strip_tags(html.replace("</p>", "\n").replace("<br>", "\n")))
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def status_label(status):
    return Status(status).label if status else NOT_YET_ASSESSED_LABEL


@receiver(post_save, sender=Assessment, dispatch_uid="scorecards_tell_followers")
def tell_followers(sender, instance, created, raw=False, update_fields=None, **kwargs):
    """A published assessment is announced to its followers by the worker:
    publishing (`Assessment.publish`, which saves `published_at`) writes one
    durable job per assessment, however many follow, in the publishing
    transaction itself (`assessments_published` is sent after the commit,
    too late for that): the job is committed if and only if the
    publication is, and swept if a worker loses it."""
    if raw or created or instance.published_at is None:
        return
    if update_fields is None or "published_at" not in update_fields:
        return
    enqueue_composition(ANNOUNCE_TASK, [instance.pk])


def announce_assessments(assessment_ids):
    """One announcement per published assessment whose status it changes
    (old → new), with the evidence's first line and a link."""
    assessments = (
        Assessment.objects.published()
        .filter(pk__in=assessment_ids)
        .select_related("priority__contract__municipality")
        .order_by("priority__order", "pk")
    )
    announced = 0
    for assessment in assessments:
        priority = assessment.priority
        before = (
            Assessment.objects.published()
            .filter(priority=priority)
            .exclude(pk=assessment.pk)
            .filter(
                Q(as_of__lt=assessment.as_of)
                | Q(as_of=assessment.as_of, published_at__lt=assessment.published_at)
            )
            .latest_first()
            .first()
        )
        old = before.status if before else None
        if old == assessment.status:
            continue
        titles = texts_by_language(
            Priority.objects.filter(pk=priority.pk).localized_in_every_language("title").get(),
            "title",
        )
        Announcement.objects.announce(
            NotificationKind.ASSESSMENT,
            municipality=priority.contract.municipality,
            priority=priority,
            params={
                "title": titles,
                "summary": in_every_language(
                    lambda old=old, new=assessment.status: (
                        f"{status_label(old)} → {status_label(new)}"
                    )
                ),
                "detail": first_line(assessment.evidence),
                "as_of": assessment.as_of.isoformat(),
            },
            links={code: priority_link(priority, code) for code, _name in settings.LANGUAGES},
        )
        announced += 1
    return announced
