"""Dates and times as Albanian writes them: "23 dhjetor 2026, ora 17:00",
"23.12.2026", a 24-hour clock, weeks starting on Monday. Month names come
in lower case from our catalogue (see `config.formats`).

The *_FORMAT strings use Django's date format syntax; the *_INPUT_FORMATS
Python's strftime syntax, ISO first (forms render dates with the first one,
and `<input type="date">` reads only ISO)."""

DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = r"j F Y, \o\r\a H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
FIRST_DAY_OF_WEEK = 1  # Monday

DATE_INPUT_FORMATS = [
    "%Y-%m-%d",  # '2026-12-23'
    "%d.%m.%Y",  # '23.12.2026'
    "%d.%m.%y",  # '23.12.26'
    "%d/%m/%Y",  # '23/12/2026'
]
TIME_INPUT_FORMATS = [
    "%H:%M:%S",  # '17:00:59'
    "%H:%M:%S.%f",  # '17:00:59.000200'
    "%H:%M",  # '17:00'
]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M:%S",  # '2026-12-23 17:00:59'
    "%Y-%m-%d %H:%M:%S.%f",  # '2026-12-23 17:00:59.000200'
    "%Y-%m-%d %H:%M",  # '2026-12-23 17:00'
    "%d.%m.%Y %H:%M:%S",  # '23.12.2026 17:00:59'
    "%d.%m.%Y %H:%M",  # '23.12.2026 17:00'
    "%d.%m.%y %H:%M",  # '23.12.26 17:00'
]

DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
