"""What an Albanian page, e-mail or download must never show: a 12-hour
clock, English month names or abbreviations, and Django's own Albanian
month forms ("Dhj. 23", "Shta. 2026", "23 Dhjetor", "23 dhj") where the site
writes "23 dhjetor 2026, ora 17:00". Shared by the browser sweep
(tests/browser/test_sweep.py) and the date tests
(tests/cms_pages/test_albanian_dates.py); the patterns themselves are tested
in tests/cms_pages/test_english_patterns.py."""

import re

_ABBREVIATED = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)"
_FULL = r"(?:January|February|March|April|June|July|August|September|October|November|December)"

# "5 p.m.", "5:30 PM", "7.00.PM", "5pm", a bare "a.m."/"AM", and the words a
# 12-hour clock writes for 12:00 in either language ("noon", "midnight",
# Django's Albanian "mesditë", "mesnatë").
ENGLISH_TIME = re.compile(
    r"\b\d{1,2}(?:[:.]\d\d)?\.?\s?(?:[ap]\.m\.|[AP]M|[ap]m)(?!\w)"
    r"|(?<![\w.])[ap]\.m\.(?!\w)"
    r"|\b(?:AM|PM)\b"
    r"|\b(?:[Nn]oon|[Mm]idnight|[Mm]esditë|[Mm]esnatë)\b"
)
# An English month: a full name anywhere ("May" only beside a number, as it
# is also a word), an abbreviation beside a number ("Dec. 23", "23 Dec 2026",
# "Dec. 2026").
ENGLISH_MONTH = re.compile(
    rf"\b{_FULL}\b"
    rf"|\b(?:{_ABBREVIATED}|May)\b\.?,?\s?\d"
    rf"|\b\d{{1,2}}\.?\s(?:{_ABBREVIATED}|May)\b"
)
# Django's Albanian month forms, which the site never writes: abbreviations
# with a full stop ("Dhj. 23", "Gus.", "Shta."), three-letter lower-case
# ones beside a day ("23 dhj"), and capitalised full names after a day
# ("23 Dhjetor").
ABBREVIATED_ALBANIAN_MONTH = re.compile(
    r"\b(?:Jan|Shk|Pri|Qer|Kor|Gus|Sht|Shta|Tet|Nën|Dhj)\.(?=\s?\d)"
    r"|\b\d{1,2}\s(?:jan|shk|mar|pri|qer|kor|gus|sht|tet|nën|dhj)\b"
    r"|\b\d{1,2}\s(?:Janar|Shkurt|Mars|Prill|Maj|Qershor|Korrik|Gusht|Shtator|Tetor|Nëntor|Dhjetor)\b"
)

PATTERNS = (ENGLISH_TIME, ENGLISH_MONTH, ABBREVIATED_ALBANIAN_MONTH)


def wrong_dates(text):
    """Every date or time in `text` not written the Albanian way."""
    return [match.group(0) for pattern in PATTERNS for match in pattern.finditer(text)]
