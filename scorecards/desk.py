"""What waits for editors and monitors in scorecards, for the staff desk
(`cms_pages.desk`): each function reads at most one query."""

import calendar
import datetime
from urllib.parse import urlencode

from django.db.models import Count, Max, Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from cms_pages.desk import DeskPanel, DeskRow
from consultations.models import SocialContract

from . import rules
from .models import Assessment


def round_url(contract_id, as_of):
    """The round screen of one contract on one date."""
    query = urlencode({"contract": contract_id, "as_of": as_of.isoformat()})
    return f"{reverse('scorecards_round')}?{query}"


def six_months_before(day):
    """The same day six months earlier (the month's last day if it is shorter)."""
    month = day.month - 6
    year, month = (day.year - 1, month + 12) if month <= 0 else (day.year, month)
    last_day = calendar.monthrange(year, month)[1]
    return datetime.date(year, month, min(day.day, last_day))


def drafts_panel(user, now):
    """Editors: draft assessments waiting to be published, per round (one
    municipality's contract on one date), each linking to its round."""
    if not rules.is_publisher(user):
        return None
    rounds = (
        Assessment.objects.drafts()
        .values(
            "priority__contract_id",
            "priority__contract__municipality__name",
            "priority__contract__election__name",
            "as_of",
        )
        .annotate(count=Count("pk"))
        .order_by("priority__contract__municipality__name", "priority__contract_id", "as_of")
    )
    rows = [
        DeskRow(
            f"{row['priority__contract__municipality__name']} – "
            f"{row['priority__contract__election__name']}",
            row["count"],
            round_url(row["priority__contract_id"], row["as_of"]),
            _("As of %(date)s") % {"date": formats.date_format(row["as_of"], "DATE_FORMAT")},
        )
        for row in rounds
    ]
    return DeskPanel(
        "assessment-drafts",
        _("Draft assessments to publish"),
        rows,
        empty=_("No draft assessment waits for publication."),
    )


def monitoring_panel(user, now):
    """Monitors: their municipality's finalised contracts, each with the date
    of its last published assessment; those with none in the last six months
    are marked."""
    if not rules.is_monitor(user):
        return None
    today = timezone.localdate(now)
    since = six_months_before(today)
    contracts = (
        SocialContract.objects.filter(
            finalised_at__isnull=False, municipality_id=user.staff_municipality_id
        )
        .select_related("municipality", "election")
        .annotate(
            last_published=Max(
                "priorities__assessments__as_of",
                filter=Q(priorities__assessments__published_at__isnull=False),
            )
        )
        .order_by("-election__date", "pk")
    )
    rows = []
    for contract in contracts:
        last = contract.last_published
        if last is None:
            note = _("No published assessment yet.")
        else:
            note = _("Last published assessment: %(date)s.") % {
                "date": formats.date_format(last, "DATE_FORMAT")
            }
        if last is None or last < since:
            overdue = _("No assessment in the last six months.")
            note = f"{note} {overdue}"
        rows.append(DeskRow(str(contract), url=round_url(contract.pk, today), note=note))
    return DeskPanel(
        "monitoring",
        _("Your municipality's contracts"),
        rows,
        empty=_("Your municipality has no finalised contract to monitor."),
    )
