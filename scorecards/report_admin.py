"""The programmes' annual reports in the Wagtail admin: editors ask for one
from a programme page ("Generate report" → confirmation → queued for the
worker) and follow its progress on the reports' list, which refreshes
itself (a static script; without JavaScript, a refresh link)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.defaults import permission_denied

from wagtail.models import Locale

from cms_pages.models import ProgrammePage

from . import rules
from .models import ProgrammeReport, ReportRefused


def _refusal(request, decision):
    return permission_denied(request, PermissionDenied(decision.message))


def report_list(request):
    """Every report, latest first, with its state and progress."""
    if not (decision := rules.can_generate_report(request.user)):
        return _refusal(request, decision)
    reports = list(ProgrammeReport.objects.select_related("programme").latest_first()[:50])
    return TemplateResponse(
        request,
        "scorecards/reports/admin_list.html",
        {"reports": reports, "pending": any(r.is_pending for r in reports)},
    )


def generate(request, page_id):
    """GET: what will be computed, and a button to confirm; POST: queued."""
    if not (decision := rules.can_generate_report(request.user)):
        return _refusal(request, decision)
    programme = get_object_or_404(ProgrammePage, pk=page_id)
    source = programme.get_translation_or_none(Locale.get_default()) or programme
    if request.method == "POST":
        try:
            ProgrammeReport.objects.request(source, request.user)
        except ReportRefused as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(
                request,
                _("The report of “%(title)s” is queued: it is generated in the background.")
                % {"title": source.title},
            )
        return redirect("scorecards_reports")
    return TemplateResponse(
        request, "scorecards/reports/admin_generate.html", {"programme": source}
    )
