"""CSV and XLSX downloads of the scorecard tables, linked from the scorecard
pages: the network's comparison of municipalities, and one municipality's
status priority by priority. They honour the page's `election` and `as_of`
and are written in the page's language.

The tables are small (one row per municipality or priority) and computed in
a fixed handful of queries, so they are written within the request.
"""

import csv
import datetime
import io

from openpyxl import Workbook
from openpyxl.styles import Font

from django.conf import settings
from django.http import Http404, HttpResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .api import data
from .models import NOT_YET_ASSESSED_LABEL, Status

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: What a spreadsheet would read as the start of a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _as_of(request):
    """The page's `as_of`, or today when absent or not a YYYY-MM-DD date (the
    page then says so; the file's name and column say which date it is)."""
    try:
        return data.effective_date(datetime.date.fromisoformat(request.GET.get("as_of", "")))
    except ValueError:
        return data.today()


def _election_pk(request):
    value = request.GET.get("election", "")
    return int(value) if value.isdigit() and int(value) <= 2**31 - 1 else None


def _language():
    return get_language() or settings.LANGUAGE_CODE


def _name(obj, field="name", prefix="", source=None):
    texts = data.texts(obj, field, prefix=prefix, source=source)
    return texts.get(_language(), texts[settings.LANGUAGE_CODE])


def figure_headers():
    return [
        _("Fully addressed"),
        _("Partially addressed"),
        _("Not addressed"),
        _("Not yet assessed"),
        _("Priorities"),
        _("Fully addressed (%)"),
        _("Partially addressed (%)"),
        _("Not addressed (%)"),
        _("Not yet assessed (%)"),
        _("Addressed (%)"),
        _("Score"),
    ]


def figure_cells(card):
    return [
        card.fully,
        card.partially,
        card.not_addressed,
        card.not_assessed,
        card.total,
        card.fully_percent,
        card.partially_percent,
        card.not_addressed_percent,
        card.not_assessed_percent,
        card.addressed_percent,
        card.score,
    ]


def network_download(request, fmt):
    """Every municipality's figures for one election's contracts, and the
    network's, as of a date."""
    as_of = _as_of(request)
    election = data.find_election(_election_pk(request)) or data.default_election()
    if election is None:
        raise Http404(_("No contract is being monitored yet."))
    network, rows = data.network_table(election, as_of)
    headers = [_("Municipality"), *figure_headers(), _("As of")]
    table = [[_name(m), *figure_cells(card), as_of] for m, card in rows]
    table.sort(key=lambda row: row[0])
    table.append([_("All municipalities"), *figure_cells(network), as_of])
    name = f"pop-scorecard-network-{election.date.year}-{as_of:%Y-%m-%d}-{_language()}"
    return _respond(fmt, name, _("Municipalities compared"), headers, table)


def municipality_download(request, slug, fmt):
    """One municipality's contract: each priority's status as of a date."""
    municipality = data.find_municipality(slug)
    if municipality is None:
        raise Http404(_("There is no municipality with this slug."))
    contract = data.municipality_contract(municipality, _election_pk(request))
    if contract is None:
        contract = data.municipality_contract(municipality)
    if contract is None:
        raise Http404(_("No contract of this municipality is being monitored yet."))
    as_of = _as_of(request)
    _card, rows = data.municipality_table(contract, as_of)
    headers = [
        _("No."),
        _("Priority"),
        _("Sector"),
        _("Status"),
        _("Assessed as of"),
        _("As of"),
    ]
    table = [
        [
            number,
            _name(priority, "title"),
            _name(priority, prefix="sector_", source=priority.sector.name),
            str(Status(current.status).label) if current else str(NOT_YET_ASSESSED_LABEL),
            current.as_of if current else None,
            as_of,
        ]
        for number, (priority, current) in enumerate(rows, start=1)
    ]
    name = (
        f"pop-scorecard-{municipality.slug}-{contract.election.date.year}"
        f"-{as_of:%Y-%m-%d}-{_language()}"
    )
    return _respond(fmt, name, _name(municipality), headers, table)


def _respond(fmt, name, title, headers, rows):
    if fmt == "xlsx":
        content, content_type = xlsx_bytes(title, headers, rows), XLSX_TYPE
    else:
        content, content_type = csv_bytes(headers, rows), CSV_TYPE
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


def csv_cell(value):
    """A cell's text, neutralised if a spreadsheet would run it as a formula."""
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = str(value)
    if isinstance(value, str) and text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def csv_bytes(headers, rows):
    """UTF-8 with a byte-order mark, so that spreadsheets read ë and ç right."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([csv_cell(h) for h in headers])
    for row in rows:
        writer.writerow([csv_cell(value) for value in row])
    return ("\ufeff" + out.getvalue()).encode()


def xlsx_bytes(title, headers, rows):
    """One sheet: a bold, frozen header row, then the rows; numbers and dates
    typed, every text kept as text (never read as a formula)."""
    book = Workbook()
    sheet = book.active
    sheet.title = "".join(c for c in str(title) if c not in "[]:*?/\\")[:31] or "Scorecard"
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"
            elif isinstance(cell.value, datetime.date):
                cell.number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "A2"
    for column in sheet.columns:
        width = max(len(str(cell.value or "")) for cell in column)
        sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 10), 60)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
