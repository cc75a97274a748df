"""Spreadsheet cells that a spreadsheet never runs as a formula.

Every CSV and XLSX the site writes (the scorecard downloads, a consultation's
results, the open data, Wagtail's admin reports and exports) holds texts that citizens, visitors
or editors wrote. A spreadsheet reads a cell starting with `=`, `+`, `-` or
`@` (or a tab or carriage return before one) as a formula, which can fetch
links or run commands (`=HYPERLINK(…)`, `-1+cmd|…`). In CSV, such a text is
written after an apostrophe, which spreadsheets show as text; in XLSX, texts
are written as text cells, never as formula cells. Numbers stay numbers.
"""

import re

#: What a spreadsheet would read as the start of a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: A text that is only a number ("-3", "2.5") is no formula: it is left as is.
PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?")


def neutralised(value):
    """`value` for a CSV cell: a text a spreadsheet would run as a formula
    after an apostrophe; anything else (numbers, dates, None, a text that is
    only a number) unchanged."""
    if (
        isinstance(value, str)
        and value.startswith(FORMULA_STARTS)
        and not PLAIN_NUMBER.fullmatch(value)
    ):
        return "'" + value
    return value


def neutralise_exports(mixin):
    """Make every CSV that Wagtail's admin writes through `mixin` (Wagtail's
    `SpreadsheetExportMixin`) hold no formula: its reports (site history,
    aging and locked pages, workflows), the redirects, the form pages'
    submissions and any listing a viewset exports all write their cells
    through `preprocess_field_value` and their headings through
    `get_heading`, so both neutralise what they return. XLSX cells are
    already text cells (Wagtail turns a formula cell back into text), but
    headings are written without that check: they are neutralised in both
    formats (an editor names a form field). Done once, at start-up."""
    if getattr(mixin, "neutralises_formulas", False):
        return
    preprocess_field_value, get_heading = mixin.preprocess_field_value, mixin.get_heading

    def neutralised_field_value(self, field, value, export_format):
        value = preprocess_field_value(self, field, value, export_format)
        return neutralised(value) if export_format == mixin.FORMAT_CSV else value

    def neutralised_heading(self, queryset, field):
        return neutralised(get_heading(self, queryset, field))

    mixin.preprocess_field_value = neutralised_field_value
    mixin.get_heading = neutralised_heading
    mixin.neutralises_formulas = True
