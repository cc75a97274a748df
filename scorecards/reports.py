"""The annual report of a programme year, as its reader sees it: the frozen
figures of a `ProgrammeReport` (`scorecards.indicators`) laid out with
their labels in the reader's language and the API query behind each one,
for the printable page, the PDF (same template, written by the worker in
`scorecards.report_tasks`) and the XLSX."""

import datetime

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms_pages.spreadsheets import neutralised

from .exports import xlsx_bytes
from .indicators import LABELS

SECTION_TITLES = {
    "forums": gettext_lazy("Forums, signatures and questions"),
    "contracts": gettext_lazy("Social Contracts"),
    "consultations": gettext_lazy("Consultations"),
    "monitoring": gettext_lazy("Monitoring"),
    "citizens": gettext_lazy("Citizens on the platform"),
    "more": gettext_lazy("More"),
}


def absolute(path):
    """`path` on the site's public address (printed documents need it)."""
    return f"{settings.WAGTAILADMIN_BASE_URL}{path}" if path else None


def _day(text):
    return datetime.date.fromisoformat(text) if text else None


def rows_of(section):
    """A section's figures with their labels (in the active language),
    their election's date and the API's address."""
    return [
        {
            "key": item["key"],
            "label": str(LABELS.get(item["key"], item["key"])),
            "value": item["value"],
            "detail": bool(item.get("parent")),
            "election_date": _day((item.get("election") or {}).get("date")),
            "api": absolute(item.get("api")),
        }
        for item in section["indicators"]
    ]


def report_context(report, programme):
    """What the page and the PDF show of `report`, in the active language;
    `programme` is the programme page in that language."""
    figures = report.figures or {}
    sections = [
        {
            "key": section["key"],
            "title": str(SECTION_TITLES.get(section["key"], section["key"])),
            "rows": rows_of(section),
        }
        for section in figures.get("sections", [])
        if section["indicators"]
    ]
    mandates = [
        {
            **mandate,
            "election_date": _day(mandate["election"]["date"]),
            "api_start": absolute(mandate["api_start"]),
            "api_end": absolute(mandate["api_end"]),
        }
        for mandate in figures.get("mandates", [])
    ]
    return {
        "report": report,
        "programme": programme,
        "period_start": report.period_start,
        "period_end": report.period_end,
        "sections": sections,
        "mandates": mandates,
        "api_docs": absolute("/api/v1/docs"),
    }


def report_xlsx(context):
    """The report as a spreadsheet in the active language: a row per
    figure, then the priorities addressed per election; texts never read
    as formulas."""
    headers = [_("Section"), _("Figure"), _("Election"), _("Value"), _("API query")]
    rows = []
    for section in context["sections"]:
        for row in section["rows"]:
            rows.append(
                [
                    neutralised(section["title"]),
                    neutralised(row["label"]),
                    row["election_date"],
                    row["value"],
                    row["api"] or _("Not in the open data"),
                ]
            )
    for mandate in context["mandates"]:
        for moment, day, api in (
            ("start", context["period_start"], mandate["api_start"]),
            ("end", context["period_end"], mandate["api_end"]),
        ):
            for key, label in (
                ("addressed_percent", _("Priorities addressed (%)")),
                ("fully", _("Fully addressed")),
                ("partially", _("Partially addressed")),
                ("not_addressed", _("Not addressed")),
                ("not_assessed", _("Not yet assessed")),
                ("total", _("Priorities")),
            ):
                rows.append(
                    [
                        _("Priorities addressed on %(date)s") % {"date": day.isoformat()},
                        label,
                        mandate["election_date"],
                        mandate[moment][key],
                        api,
                    ]
                )
    return xlsx_bytes(context["programme"].title, headers, rows)
