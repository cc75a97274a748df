"""The open-data page (in Albanian and English, in the menu) from the texts
in `content/opendata.toml`, and a first build of the bulk archive it offers.
Running it again changes nothing but the archive's build."""

from wagtail.models import Locale

from cms_pages.models import HomePage
from scorecards.models import OpenDataPage

from .cms import ensure_page, ensure_translation, rich_paragraphs
from .content import read, text


def load(log, home=None):
    texts = read("opendata")
    home = home or HomePage.objects.get(locale__language_code="sq", depth=2)
    english = Locale.objects.get(language_code="en")
    page, _created = ensure_page(
        home,
        OpenDataPage,
        texts["slug"],
        title=text(texts["sq"]["title"]),
        show_in_menus=True,
        body=rich_paragraphs(texts["sq"]["intro"]),
    )
    ensure_translation(
        page,
        english,
        title=text(texts["en"]["title"]),
        slug=texts["en"]["slug"],
        body=rich_paragraphs(texts["en"]["intro"]),
    )
    log("The open-data page, in Albanian and English")
    return page
