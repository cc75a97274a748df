"""What waits for moderators and editors in consultations, for the staff
desk (`cms_pages.desk`): each function reads at most one query."""

import datetime

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cms_pages.desk import DeskPanel, DeskRow

from . import rules
from .models import Comment, CommentState, PrioritySuggestion, Report, SocialContract

WEEK = datetime.timedelta(days=7)


def _when(moment):
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def comments_panel(user, now):
    """Moderators: reported comments nobody has acted on, and comments
    waiting for approval."""
    if not rules.can_moderate(user):
        return None
    open_reports = Report.objects.filter(comment=OuterRef("pk"), resolved_at__isnull=True)
    counts = Comment.objects.aggregate(
        reported=Count("pk", filter=Exists(open_reports)),
        pending=Count("pk", filter=Q(state=CommentState.PENDING)),
    )
    queue = reverse("consultations_moderation")
    rows = []
    if counts["reported"]:
        rows.append(DeskRow(_("Reported comments"), counts["reported"], queue))
    if counts["pending"]:
        rows.append(DeskRow(_("Comments waiting for approval"), counts["pending"], queue))
    return DeskPanel(
        "comments", _("Comments to moderate"), rows, empty=_("No comment waits for a moderator.")
    )


def suggestions_panel(user, now):
    """Editors: priorities citizens suggested, per contract."""
    if not rules.can_decide_suggestions(user):
        return None
    per_contract = (
        PrioritySuggestion.objects.pending()
        .values("contract_id", "contract__municipality__name", "contract__election__name")
        .annotate(count=Count("pk"))
        .order_by("contract__municipality__name", "contract_id")
    )
    queue = reverse("consultations_moderation")
    rows = [
        DeskRow(
            f"{row['contract__municipality__name']} – {row['contract__election__name']}",
            row["count"],
            queue,
        )
        for row in per_contract
    ]
    return DeskPanel(
        "suggestions",
        _("Suggested priorities to decide"),
        rows,
        empty=_("No suggested priority waits for a decision."),
    )


def consultations_panel(user, now):
    """Editors: consultations closed and not yet finalised, and those opening
    or closing in the coming seven days."""
    if not (user.is_authenticated and user.has_perm("consultations.finalise_socialcontract")):
        return None
    week = now + WEEK
    contracts = (
        SocialContract.objects.filter(finalised_at__isnull=True)
        .filter(
            Q(closes_at__lte=now)
            | Q(opens_at__gt=now, opens_at__lte=week)
            | Q(opens_at__lte=now, closes_at__gt=now, closes_at__lte=week)
        )
        .select_related("municipality", "election")
        .order_by("closes_at", "pk")
    )
    rows = []
    for contract in contracts:
        finalise = reverse("consultations_finalise", args=[contract.pk])
        if contract.closes_at <= now:
            note = _("Closed on %(date)s: finalise it.") % {"date": _when(contract.closes_at)}
            rows.append(DeskRow(str(contract), url=finalise, note=note))
        elif contract.opens_at > now:
            note = _("Opens on %(date)s") % {"date": _when(contract.opens_at)}
            edit = reverse("wagtailsnippets_consultations_socialcontract:edit", args=[contract.pk])
            rows.append(DeskRow(str(contract), url=edit, note=note))
        else:
            note = _("Closes on %(date)s") % {"date": _when(contract.closes_at)}
            rows.append(DeskRow(str(contract), url=finalise, note=note))
    return DeskPanel(
        "consultations",
        _("Consultations to act on"),
        rows,
        empty=_("No consultation to finalise, and none opens or closes this week."),
        help_text=ngettext(
            "Closed and not finalised, or opening or closing in the next %(days)s day.",
            "Closed and not finalised, or opening or closing in the next %(days)s days.",
            WEEK.days,
        )
        % {"days": WEEK.days},
    )
