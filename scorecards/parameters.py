"""What a scorecard request asks for: the `election` (an election's id) and
the `as_of` date, read one way by the pages, the downloads and the open-data
API.

The rules are written once, as types: `AsOf` is a date written YYYY-MM-DD
(nothing else, not a number of seconds nor an ISO week), `ElectionId` a
whole number from 1 to `MAX_ID`. The API declares its query parameters with
these types; the pages and the downloads read a query string with `read()`,
which returns what it could read and, for each parameter it could not, the
reason. Each then tells the user in its own way: the page shows a message and
its figures as of today, a download answers 400, the API answers 422. None
ever puts another value in place of a bad one without saying so.
"""

import datetime
import re
from dataclasses import dataclass, field
from typing import Annotated

from pydantic import BeforeValidator, Field, TypeAdapter, ValidationError

from django.utils import timezone
from django.utils.translation import gettext as _

#: The largest id a database integer column holds.
MAX_ID = 2**31 - 1
#: `end_of_day()` adds a day to the date asked for: the last date it can take.
LATEST_DATE = datetime.date.max - datetime.timedelta(days=1)
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def written_as_iso_date(value):
    """Only YYYY-MM-DD, as the schema says (not a number of seconds, say)."""
    if isinstance(value, str) and ISO_DATE.fullmatch(value):
        return value
    raise ValueError(_("Write the date as YYYY-MM-DD, for example 2021-12-31."))


#: A date written YYYY-MM-DD that exists in the calendar.
AsOf = Annotated[datetime.date, BeforeValidator(written_as_iso_date)]
#: An election's id.
ElectionId = Annotated[int, Field(ge=1, le=MAX_ID)]

_READERS = {"as_of": TypeAdapter(AsOf), "election": TypeAdapter(ElectionId)}


def today():
    return timezone.localdate()


def effective_date(as_of):
    """The date the figures are computed for: `as_of`, or today (Europe/Tirane)."""
    if as_of is None:
        return today()
    return min(as_of, LATEST_DATE)


@dataclass(frozen=True)
class Asked:
    """What a query string asked for: `as_of` (a date or None when not
    given), `election` (an id or None), the values as written, and an
    `errors` entry per parameter that could not be read (None in its place)."""

    as_of: datetime.date | None = None
    election: int | None = None
    written: dict = field(default_factory=dict)
    errors: dict = field(default_factory=dict)

    @property
    def day(self):
        """The date the figures are for: the one asked for, or today."""
        return effective_date(self.as_of)


def _message(error):
    """The reason of pydantic's first error, without its "Value error, "."""
    detail = error.errors()[0]
    context = detail.get("ctx") or {}
    if isinstance(context.get("error"), ValueError):
        return str(context["error"])
    return detail["msg"]


def read(params):
    """`Asked` from a query string (`request.GET`): an empty or absent
    parameter is not asked for; any other value is read by the same types
    as the API's, or its error kept."""
    values, written, errors = {}, {}, {}
    for name, reader in _READERS.items():
        value = params.get(name, "")
        if value == "":
            continue
        written[name] = value
        try:
            values[name] = reader.validate_python(value)
        except ValidationError as error:
            errors[name] = _message(error)
    return Asked(written=written, errors=errors, **values)
