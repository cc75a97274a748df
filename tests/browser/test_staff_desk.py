"""An editor's day from the desk, in a browser: the dashboard shows what
waits; from it the editor hides a reported comment, closes a consultation
early and finalises it, previews a monitor's round and publishes it; then
adds a news page through the explorer, publishes it, translates it into
English with wagtail-localize's editor and publishes the translation.

Each step is a function taking the labels it expects, so the same day runs
twice in one test: first for an editor who chose English, whose every
admin screen is read; then in Albanian (staff's default), where every
screen, read after every page load and every step, must show none of the
English day's strings (user content and names aside)."""

import datetime
import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from django.contrib.auth.models import Group
from django.utils import timezone
from django.utils.text import slugify

from wagtail.users.models import UserProfile

from cms_pages.models import NewsPage
from consultations.models import CommentState, Phase, Priority, Report
from scorecards.models import Assessment, Status

from ..accounts.factories import UserFactory
from ..cms_pages.conftest import translate_page
from ..cms_pages.factories import ElectionFactory, MunicipalityFactory, NewsIndexPageFactory
from ..consultations.factories import CommentFactory, PriorityFactory, SocialContractFactory
from ..scorecards.factories import (
    AssessmentFactory,
    FinalisedContractFactory,
    MonitoredPriorityFactory,
)
from .helpers import navigate, visit
from .test_cms_editor import page  # noqa: F401 - waits for the admin's messages to fade in
from .test_consultations import sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DAY = datetime.timedelta(days=1)

ENGLISH = {
    "comments_panel": "Comments to moderate",
    "consultations_panel": "Consultations to act on",
    "drafts_panel": "Draft assessments to publish",
    "reported": "Reported comments",
    "hide_reason": "Reason for hiding",
    "hide": "Hide",
    "hidden": "Comment hidden.",
    "close_reason": "Reason for closing early",
    "close_confirm": "I understand that citizens can no longer support or comment from now on.",
    "close": "Close the consultation now",
    "closed": "The consultation is closed. You can finalise the contract now.",
    "finalise": "Finalise the contract",
    "finalised": "The contract is finalised.",
    "publish_drafts": "Publish the 2 drafts",
    "preview_note": "Nothing is published until you confirm.",
    "confirm_publish": "Confirm: publish 2 assessments",
    "published": "2 assessments published.",
    "fully": "Fully addressed",
    "not_yet": "Not yet assessed",
    "paragraph": "Paragraph",
    "english": "English",
    "translate": "Translate",
    "save": "Save",
    "publish_in_english": "Publish in English",
}

ALBANIAN = {
    "comments_panel": "Komente për moderim",
    "consultations_panel": "Konsultime që kërkojnë veprim",
    "drafts_panel": "Vlerësime draft për t'u publikuar",
    "reported": "Komente të raportuara",
    "hide_reason": "Arsyeja e fshehjes",
    "hide": "Fshiheni",
    "hidden": "Komenti u fsheh.",
    "close_reason": "Arsyeja e mbylljes së parakohshme",
    "close_confirm": "E kuptoj që qytetarët nuk mund të mbështesin apo të komentojnë më që tani.",
    "close": "Mbyllni konsultimin tani",
    "closed": "Konsultimi u mbyll. Tani mund ta finalizoni kontratën.",
    "finalise": "Finalizoni kontratën",
    "finalised": "Kontrata u finalizua.",
    "publish_drafts": "Publikoni 2 drafte",
    "preview_note": "Asgjë nuk publikohet derisa ta konfirmoni.",
    "confirm_publish": "Konfirmoni: publikoni 2 vlerësime",
    "published": "2 vlerësime u publikuan.",
    "fully": "Plotësisht i adresuar",
    "not_yet": "Ende i pavlerësuar",
    "paragraph": "Paragraf",
    "english": "Anglisht",
    "translate": "Përkthe",
    "save": "Ruaj",
    "publish_in_english": "Publiko në Anglisht",
}
NEWS = {
    "en": {
        "title": "Takimi me qytetarët e Beratit",
        "lead": "Qytetarët e Beratit diskutuan prioritetet.",
        "body": "Takimi u mbajt në sallën e bashkisë.",
        "translations": [
            ("Takimi me qytetarët e Beratit", "Meeting the citizens of Berat"),
            (
                "Qytetarët e Beratit diskutuan prioritetet.",
                "Berat's citizens discussed priorities.",
            ),
            ("Takimi u mbajt në sallën e bashkisë.", "The meeting was held at the town hall."),
        ],
    },
    "sq": {
        "title": "Forumi publik në Durrës",
        "lead": "Kandidatët nënshkruan Kontratën Sociale.",
        "body": "Forumi u mbajt në Pallatin e Kulturës.",
        "translations": [
            ("Forumi publik në Durrës", "Public forum in Durrës"),
            ("Kandidatët nënshkruan Kontratën Sociale.", "Candidates signed the Social Contract."),
            (
                "Forumi u mbajt në Pallatin e Kulturës.",
                "The forum was held at the Palace of Culture.",
            ),
        ],
    },
}

# Shown alike by both runs and rightly so: names, the site's name, codes.
SAME_IN_BOTH = {"Rrjeti POP", "API", "PO", "Redaktori", "redaktori@example.org"}


def shows(text, string):
    return re.search(rf"(?<!\w){re.escape(string)}(?!\w)", text) is not None


class Screens:
    """The visible text of every admin screen of a journey, read after every page
    load (visit() and navigate() end in the page's axe-core scan, which reads
    it too) and after each step within a page. Once given the English run's
    strings, every screen read fails the journey if it shows one of them
    outside the user content (an English title the editor typed may hold
    "Candidates")."""

    def __init__(self, tab):
        self.tab = tab
        self.texts = []
        self.refused = ()
        self.user_content = ()
        scanner = tab.accessibility_scanner
        scan = scanner.scan

        def scan_and_read():
            scan()
            self.read()

        scanner.scan = scan_and_read

    def read(self):
        if not urlsplit(self.tab.url).path.startswith("/admin/"):
            return  # the site's own sign-in page, in the site's language
        text = self.tab.locator("body").inner_text()
        self.texts.append((self.tab.url, text))
        for content in self.user_content:
            text = text.replace(content, " ")
        found = sorted(string for string in self.refused if shows(text, string))
        assert not found, f"English on {self.tab.url}: {found}"

    def strings(self):
        """Each line and table cell the journey showed."""
        return {
            segment.strip()
            for _url, text in self.texts
            for segment in re.split(r"[\n\t]", text)
            if re.search(r"[A-Za-z]{2}", segment)
        }


def english_only(english, user_content):
    """What the English run showed that an Albanian screen must not: every
    string but user content and names alike in both languages (the two
    labels wagtail-localize's editor hard-codes in English are put in the
    admin language by cms_pages' localize_editor.js, so they count too)."""
    return {
        string
        for string in english
        if string not in SAME_IN_BOTH and not any(content in string for content in user_content)
    }


DESKS = {
    "sq": {"finalised": "Durrës", "open": "Fier", "elections": (2019, 2027), "monitor": "monitori"},
    "en": {
        "finalised": "Berat",
        "open": "Korçë",
        "elections": (2015, 2031),
        "monitor": "vezhguesi",
    },
}


def make_desk(places=DESKS["sq"]):
    """A finalised contract (Durrës) with a monitor's two drafts of the
    2021-12-31 round; an open consultation (Fier) closing in three days,
    with a reported comment."""
    finalised_year, open_year = places["elections"]
    durres = MunicipalityFactory(name=places["finalised"], slug=slugify(places["finalised"]))
    election = ElectionFactory(
        name=f"Zgjedhjet vendore {finalised_year}", date=datetime.date(finalised_year, 6, 30)
    )
    finalised = FinalisedContractFactory(municipality=durres, election=election)
    monitored = [
        MonitoredPriorityFactory(contract=finalised, title=title, order=n)
        for n, title in enumerate(["Ujë çdo ditë", "Kopshte", "Ndriçim"])
    ]
    monitor = UserFactory(
        email=f"{places['monitor']}@example.org",
        verified=True,
        groups=["Monitors"],
        staff_municipality=durres,
    )
    for priority, status in zip(monitored[:2], [Status.FULLY, Status.PARTIALLY], strict=True):
        AssessmentFactory(
            priority=priority,
            as_of=datetime.date(2021, 12, 31),
            status=status,
            published_at=None,
            author=monitor,
        )
    now = timezone.now()
    fier = MunicipalityFactory(name=places["open"], slug=slugify(places["open"]))
    consultation = SocialContractFactory(
        municipality=fier,
        election=ElectionFactory(
            name=f"Zgjedhjet vendore {open_year}", date=datetime.date(open_year, 5, 9)
        ),
        opens_at=now - 20 * DAY,
        closes_at=now + 3 * DAY,
    )
    open_priorities = [
        PriorityFactory(contract=consultation, title=title, order=n)
        for n, title in enumerate(["Park për fëmijët", "Rrugë e re"])
    ]
    comment = CommentFactory(priority=open_priorities[0], body="Një koment fyes.")
    Report.objects.create(comment=comment, reporter=UserFactory(), reason="Fyerje")
    return {
        "finalised": finalised,
        "monitored": monitored,
        "consultation": consultation,
        "open_priorities": open_priorities,
        "comment": comment,
    }


def desk_panel(tab, heading):
    return tab.locator("section.desk-panel", has=tab.get_by_role("heading", name=heading))


def sees_the_desk(tab, live_server, labels, desk):
    visit(tab, f"{live_server.url}/admin/")
    comments = desk_panel(tab, labels["comments_panel"])
    expect(comments.locator("tr", has_text=labels["reported"])).to_contain_text("1")
    consultations = desk_panel(tab, labels["consultations_panel"])
    expect(consultations).to_contain_text(str(desk["consultation"]))
    drafts = desk_panel(tab, labels["drafts_panel"])
    expect(drafts.locator("tr", has_text=str(desk["finalised"]))).to_contain_text("2")


def hides_the_reported_comment(tab, labels, desk):
    with navigate(tab):
        desk_panel(tab, labels["comments_panel"]).get_by_role(
            "link", name=labels["reported"]
        ).click()
    tab.get_by_label(labels["hide_reason"]).fill("Fyerje personale.")
    with navigate(tab):
        tab.get_by_role("button", name=labels["hide"], exact=True).click()
    expect(tab.get_by_text(labels["hidden"])).to_be_visible()
    desk["comment"].refresh_from_db()
    assert desk["comment"].state == CommentState.HIDDEN


def closes_and_finalises_the_consultation(tab, live_server, labels, desk):
    visit(tab, f"{live_server.url}/admin/")
    with navigate(tab):
        desk_panel(tab, labels["consultations_panel"]).get_by_role(
            "link", name=str(desk["consultation"])
        ).click()
    # Without the confirmation nothing closes, and the reason typed stays.
    tab.get_by_label(labels["close_reason"]).fill("Bashkia kërkoi rezultatet.")
    with navigate(tab):
        tab.get_by_role("button", name=labels["close"]).click()
    expect(tab.get_by_label(labels["close_reason"])).to_have_value("Bashkia kërkoi rezultatet.")
    desk["consultation"].refresh_from_db()
    assert desk["consultation"].phase == Phase.OPEN
    tab.get_by_label(labels["close_confirm"]).check()
    with navigate(tab):
        tab.get_by_role("button", name=labels["close"]).click()
    expect(tab.get_by_text(labels["closed"])).to_be_visible()
    tab.get_by_label(desk["open_priorities"][0].title).check()
    with navigate(tab):
        tab.get_by_role("button", name=labels["finalise"]).click()
    expect(tab.get_by_text(labels["finalised"])).to_be_visible()
    desk["consultation"].refresh_from_db()
    assert desk["consultation"].phase == Phase.FINALISED


def previews_and_publishes_the_round(tab, live_server, labels, desk):
    visit(tab, f"{live_server.url}/admin/")
    with navigate(tab):
        desk_panel(tab, labels["drafts_panel"]).get_by_role(
            "link", name=str(desk["finalised"])
        ).click()
    with navigate(tab):
        tab.get_by_role("button", name=labels["publish_drafts"]).click()
    expect(tab.get_by_text(labels["preview_note"])).to_be_visible()
    first = tab.locator("tr", has_text=desk["monitored"][0].title)
    expect(first).to_contain_text(labels["not_yet"])
    expect(first).to_contain_text(labels["fully"])
    round_ = Assessment.objects.filter(priority__contract=desk["finalised"])
    assert not round_.published().exists()
    with navigate(tab):
        tab.get_by_role("button", name=labels["confirm_publish"]).click()
    expect(tab.get_by_text(labels["published"])).to_be_visible()
    assert round_.published().count() == 2


def creates_and_translates_a_news_page(tab, live_server, labels, news_index, news):
    """Through the explorer: a news page added under News, published in
    Albanian, translated into English with wagtail-localize's editor and
    published in English."""
    visit(tab, f"{live_server.url}/admin/pages/{news_index.pk}/")
    with navigate(tab):
        tab.locator(f'a[href$="/admin/pages/{news_index.pk}/add_subpage/"]').first.click()
    tab.locator("#id_title").fill(news["title"])
    tab.locator("#id_lead").fill(news["lead"])
    # The body: a paragraph block, typed into its rich-text editor.
    tab.locator("[data-contentpath='body'] button.c-sf-add-button").first.click()
    tab.get_by_role("option", name=labels["paragraph"]).click()
    editor = tab.locator("[data-contentpath='body'] .public-DraftEditor-content").first
    editor.click()
    editor.type(news["body"])
    # The editor writes what was typed into the form's field a moment later.
    expect(tab.locator("input[name='body-0-value']")).to_have_value(
        re.compile(re.escape(news["body"]))
    )
    # Wagtail's script fills the slug from the title after a short delay;
    # publishing before that is refused (400).
    expect(tab.locator("#id_slug")).to_have_value(re.compile(r"\S"))
    tab.screens.read()
    tab.locator(
        "footer .w-dropdown__toggle, footer [data-w-dropdown-target='toggle']"
    ).first.click()
    with navigate(tab):
        tab.locator('button[name="action-publish"]').click()
    source = NewsPage.objects.get(title=news["title"], locale__language_code="sq")
    assert source.live
    assert news["body"] in str(source.body)

    # From the explorer's row: Translate, into English.
    row = tab.locator("tr", has_text=news["title"])
    row.locator("[data-w-dropdown-target='toggle']").first.click()
    with navigate(tab):
        row.locator(f'a[href*="/localize/submit/page/{source.pk}/"]').click()
    tab.get_by_label(labels["english"], exact=True).check()
    with navigate(tab):
        tab.locator('main form [type="submit"]').click()
    expect(tab.locator(".js-translation-editor").get_by_role("button").first).to_be_visible()
    tab.screens.read()
    for source_text, translated in news["translations"]:
        segment = tab.locator("li", has_text=source_text).last
        segment.get_by_role("button", name=labels["translate"], exact=True).click()
        segment.locator("textarea").fill(translated)
        segment.get_by_role("button", name=re.compile(f"^{labels['save']}")).click()
        expect(segment).to_contain_text(translated)
        tab.screens.read()
    with navigate(tab):
        tab.get_by_role("button", name=labels["publish_in_english"]).click()
    english = NewsPage.objects.get(
        translation_key=source.translation_key, locale__language_code="en"
    )
    assert english.live
    assert english.title == news["translations"][0][1]
    assert news["translations"][2][1] in str(english.body)


def an_editors_day(tab, live_server, labels, desk, news_index, news):
    sees_the_desk(tab, live_server, labels, desk)
    hides_the_reported_comment(tab, labels, desk)
    closes_and_finalises_the_consultation(tab, live_server, labels, desk)
    previews_and_publishes_the_round(tab, live_server, labels, desk)
    creates_and_translates_a_news_page(tab, live_server, labels, news_index, news)


def test_an_editors_day_in_albanian_shows_nothing_the_english_day_shows(
    page,  # noqa: F811
    live_server,
    home,
    en,
    settings,
):
    """The same day twice in one run: first for the editor who chose
    English, reading every screen; then in Albanian (staff's default), where
    no screen may show any string of the English day but user content."""
    # Wagtail 8 saves a page being written every half second; on the test
    # database (SQLite in memory, shared by the live server's threads) those
    # requests racing the editor's own lock its tables.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    editor = UserFactory(email="redaktori@example.org", display_name="Redaktori", verified=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    profile = UserProfile.get_for_user(editor)
    news_index = NewsIndexPageFactory(parent=home)
    translate_page(news_index, en, title="News", slug="news")
    page.emulate_media(reduced_motion="reduce")
    page.screens = Screens(page)

    profile.preferred_language = "en"
    profile.save()
    sign_in(page, live_server, "redaktori@example.org", "/admin/")
    an_editors_day(page, live_server, ENGLISH, make_desk(DESKS["en"]), news_index, NEWS["en"])
    english = page.screens.strings()
    assert {"Comments to moderate", "Publish in English"} <= english

    profile.preferred_language = "sq"
    profile.save()
    user_content = [
        *(desk[place] for desk in DESKS.values() for place in ("finalised", "open")),
        *(text for news in NEWS.values() for pair in news["translations"] for text in pair),
        # What the factories write (in Albanian, as staff and citizens do).
        *(priority.title for priority in Priority.objects.all()),
        "Zgjedhjet vendore",
        "Një koment fyes.",
        "Fyerje",
        "Qytetari",
        "Vendimi i këshillit bashkiak.",
        "Lajme",
        "News",
        # The site's name and its network's, as the editor wrote them.
        "Rrjeti POP",
        "Rrjetit POP",
        "Përballja e Ofertave Politike",
    ]
    page.screens.refused = english_only(english, user_content) | set(ENGLISH.values())
    page.screens.user_content = user_content
    an_editors_day(page, live_server, ALBANIAN, make_desk(DESKS["sq"]), news_index, NEWS["sq"])
