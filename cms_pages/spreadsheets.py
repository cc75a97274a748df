"""Spreadsheet cells that a spreadsheet never runs as a formula.

Every CSV and XLSX the site writes (the scorecard downloads, a consultation's
results, the contact form's submissions) holds texts that citizens, visitors
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
