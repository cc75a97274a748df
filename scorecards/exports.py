"""The scorecard tables written as files: CSV (UTF-8, safe against formula
injection) and XLSX (texts kept as texts, numbers and dates typed), with the
figures' columns and the texts in the reader's language. The downloads that
serve them are in `scorecards.views`."""

import csv
import datetime
import io

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from cms_pages.models import texts_by_language
from cms_pages.spreadsheets import neutralised

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def language():
    return get_language() or settings.LANGUAGE_CODE


def text(obj, path):
    """The text at `path` of a row read with `localized_in_every_language`,
    in the reader's language (the source text for a language the site does
    not have)."""
    texts = texts_by_language(obj, path)
    return texts.get(language(), texts[settings.LANGUAGE_CODE])


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


def reply_headers():
    return [_("Reply of the municipality"), _("Reply posted on")]


def reply_cells(reply):
    """The municipality's reply to an assessment, as two cells: its text (or
    why the editors hid it) and the date it was posted."""
    if reply is None:
        return ["", None]
    if reply.is_hidden:
        text = _("Hidden by the editors: %(reason)s") % {"reason": reply.hidden_reason}
    else:
        text = reply.text
    return [text, timezone.localdate(reply.posted_at)]


def respond(fmt, name, title, headers, rows):
    """The file, as an attachment named `name`."""
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
    return str(neutralised(value))


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
    # openpyxl costs a web worker ~18 MiB: loaded by the first download only.
    from openpyxl import Workbook  # noqa: PLC0415
    from openpyxl.styles import Font  # noqa: PLC0415

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
