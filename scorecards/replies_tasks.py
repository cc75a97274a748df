"""E-mails of the right of reply, composed by the django-q2 worker (never
inside a request): a respondent's invitation with its signed link, and the
news, to each respondent of a municipality, that assessments of it were
published (one e-mail per respondent per publication, listing them all)."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from wagtail.models import Locale

from .models import Assessment, MunicipalityScorecardPage, Respondent, reply_deadline


def _absolute(path):
    return f"{settings.WAGTAILADMIN_BASE_URL}{path}"


def send_respondent_invitation(respondent_id):
    respondent = (
        Respondent.objects.select_related("municipality")
        .filter(pk=respondent_id, claimed_at__isnull=True, revoked_at__isnull=True)
        .first()
    )
    if respondent is None:  # revoked or claimed before the worker got to it
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "respondent": respondent,
            "url": _absolute(respondent.get_claim_path()),
            "expires_at": respondent.expires_at,
        }
        send_mail(
            " ".join(
                render_to_string("scorecards/replies/invitation_subject.txt", context).split()
            ),
            render_to_string("scorecards/replies/invitation.txt", context),
            None,
            [respondent.email],
        )
    return 1


def notify_respondents(*assessment_ids):
    """Tell each active respondent of the municipalities of the assessments
    just published, once, which ones they may reply to and until when."""
    assessments = list(
        Assessment.objects.published()
        .filter(pk__in=assessment_ids)
        .select_related("priority__contract__municipality")
        .order_by("priority__order", "pk")
    )
    by_municipality = {}
    for assessment in assessments:
        by_municipality.setdefault(assessment.priority.contract.municipality_id, []).append(
            assessment
        )
    sent = 0
    respondents = Respondent.objects.active().filter(municipality_id__in=by_municipality)
    pages = {
        page.municipality_id: page
        for page in MunicipalityScorecardPage.objects.live().filter(
            municipality_id__in=by_municipality,
            locale=Locale.objects.get(language_code=settings.LANGUAGE_CODE),
        )
    }
    with translation.override(settings.LANGUAGE_CODE):
        for respondent in respondents.select_related("municipality"):
            published = by_municipality[respondent.municipality_id]
            page = pages.get(respondent.municipality_id)
            rows = [
                {
                    "assessment": assessment,
                    "deadline": reply_deadline(assessment),
                    "url": page.get_full_url() + page.reverse_subpage("reply", args=[assessment.pk])
                    if page
                    else "",
                }
                for assessment in published
            ]
            context = {"respondent": respondent, "rows": rows, "count": len(rows)}
            send_mail(
                " ".join(
                    render_to_string("scorecards/replies/published_subject.txt", context).split()
                ),
                render_to_string("scorecards/replies/published.txt", context),
                None,
                [respondent.email],
            )
            sent += 1
    return sent
