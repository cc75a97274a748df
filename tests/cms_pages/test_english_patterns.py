"""The patterns that find English or Django-Albanian dates and times on
Albanian pages (tests/english_patterns.py) find each form the site must not
write, and none of what it does write."""

import datetime
import zoneinfo

import pytest

from django.utils import formats, translation

from ..english_patterns import wrong_dates

WRONG = [
    # 12-hour clocks, as Django writes them in English and as people type them.
    ("5 p.m. – 7.00.PM", ["5 p.m.", "7.00.PM"]),
    ("ora 5 p.m.", ["5 p.m."]),
    ("3:49 p.m.", ["3:49 p.m."]),
    ("10 a.m.", ["10 a.m."]),
    ("7.00.PM", ["7.00.PM"]),
    ("5:30 PM", ["5:30 PM"]),
    ("5pm", ["5pm"]),
    ("nga ora 5 deri PM", ["PM"]),
    ("AM", ["AM"]),
    ("a.m.", ["a.m."]),
    ("noon", ["noon"]),
    ("Midnight", ["Midnight"]),
    ("në mesditë", ["mesditë"]),
    ("mesnatë", ["mesnatë"]),
    # English months.
    ("Dec. 23, 2026", ["Dec. 2"]),
    ("23 Dec 2026", ["23 Dec"]),
    ("Dec. 2026", ["Dec. 2"]),
    ("Sept. 3", ["Sept. 3"]),
    ("May 9, 2027", ["May 9"]),
    ("9 May", ["9 May"]),
    ("23 December 2026", ["December"]),
    ("June 30, 2022", ["June"]),
    # Django's Albanian month forms.
    ("Dhj. 23, 2026", ["Dhj."]),
    ("Gus. 5", ["Gus."]),
    ("Shta. 30, 2026", ["Shta."]),
    ("Shk. 2", ["Shk."]),
    ("23 dhj 2026", ["23 dhj"]),
    ("23 Dhjetor 2026", ["23 Dhjetor"]),
    ("1 Maj", ["1 Maj"]),
]

RIGHT = [
    "23 dhjetor 2026, ora 17:00",
    "23 dhjetor 2026, ora 17:00–19:00 (ora e Tiranës)",
    "2 dhjetor 2026, ora 15:49",
    "dhjetor 2026",
    "23.12.2026 17:00",
    "2026-12-23",
    "Vlerësuar deri më 31 dhjetor 2021",
    # Ordinary Albanian and names: none of it is a date.
    "Sheshi 28 Nëntori, Durrës",
    "Rruga 1 Majit",
    "Pasditen e 5 marsit, pas mesditës",
    "Rrjeti POP, API, PDF, CSV",
    "Kam 5 pyetje për kandidatin.",
    "Projekti AMA-2026",
    "Jan Kovac, Mara Gjoni, Decani",
    "Në maj dhe qershor",
    "p.sh. uji, rrugët",
    "Përmbledhje e takimit",
]


@pytest.mark.parametrize(("text", "found"), WRONG)
def test_every_wrong_form_is_found(text, found):
    assert wrong_dates(text) == found


@pytest.mark.parametrize("text", RIGHT)
def test_albanian_dates_and_ordinary_text_are_left_alone(text):
    assert wrong_dates(text) == []


def test_what_django_writes_in_english_is_found_and_the_site_s_albanian_is_not():
    moment = datetime.datetime(2026, 9, 23, 12, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Tirane"))
    with translation.override("en"):
        english = formats.date_format(moment, "DATETIME_FORMAT")
    assert english == "Sept. 23, 2026, noon"
    assert wrong_dates(english) == ["noon", "Sept. 2"]
    with translation.override("sq"):
        albanian = formats.date_format(moment, "DATETIME_FORMAT")
        # Django's own Albanian abbreviated month ("N"), which the site avoids.
        django_albanian = formats.date_format(moment, "N j, Y, P")
    assert albanian == "23 shtator 2026, ora 12:00"
    assert wrong_dates(albanian) == []
    assert wrong_dates(django_albanian) != []
