"""The site's own date and number formats, per language (`FORMAT_MODULE_PATH`).

Django's Albanian locale has no date-time format and a 12-hour clock
("Dhj. 23, 2026, 5 p.m."); `sq/formats.py` writes dates as Albanian does
("23 dhjetor 2026, ora 17:00"). English keeps Django's own formats.

Django's Albanian catalogue also capitalises the month names ("Dhjetor"),
which Albanian writes in lower case. The `F` and `E` format characters read
them from the catalogues, so our own catalogue (which wins over Django's)
gives them in lower case; they are marked here so that `makemessages` keeps
them: the first twelve are `django.utils.dates.MONTHS`, the others
`MONTHS_ALT` (context "alt. month").
"""

from django.utils.translation import gettext_noop, pgettext_lazy

MONTHS = (
    gettext_noop("January"),
    gettext_noop("February"),
    gettext_noop("March"),
    gettext_noop("April"),
    gettext_noop("May"),
    gettext_noop("June"),
    gettext_noop("July"),
    gettext_noop("August"),
    gettext_noop("September"),
    gettext_noop("October"),
    gettext_noop("November"),
    gettext_noop("December"),
)

MONTHS_ALT = (
    pgettext_lazy("alt. month", "January"),
    pgettext_lazy("alt. month", "February"),
    pgettext_lazy("alt. month", "March"),
    pgettext_lazy("alt. month", "April"),
    pgettext_lazy("alt. month", "May"),
    pgettext_lazy("alt. month", "June"),
    pgettext_lazy("alt. month", "July"),
    pgettext_lazy("alt. month", "August"),
    pgettext_lazy("alt. month", "September"),
    pgettext_lazy("alt. month", "October"),
    pgettext_lazy("alt. month", "November"),
    pgettext_lazy("alt. month", "December"),
)
