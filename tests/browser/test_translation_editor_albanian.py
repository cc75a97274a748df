"""wagtail-localize's translation editor (a React application fed by its own
JavaScript catalogue view) speaks Albanian to a translator whose admin is in
Albanian: our catalogue in locale/upstream/wagtail-localize reaches it."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from django.contrib.auth.models import Group

from wagtail.users.models import UserProfile
from wagtail_localize.operations import TranslationCreator

from cms_pages.models import NewsPage

from ..accounts.factories import PASSWORD, UserFactory
from ..cms_pages.conftest import translate_page
from ..cms_pages.factories import NewsIndexPageFactory, NewsPageFactory
from .conftest import AXE_OPTIONS, FAILING_IMPACTS, describe
from .helpers import navigate, visit

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# wagtail-localize's React editor has known upstream accessibility faults
# (see test_cms_editor.py): axe-core leaves it out; the rest is checked.
UPSTREAM_ADMIN_WIDGETS = [".js-translation-editor"]

# What the same editor shows in English; none of it may be left in Albanian.
# Most comes from wagtail-localize's catalogues; the heading "<source> to
# <target> translation" and the screen-reader text "More actions" are written
# in English in its JavaScript bundle and replaced by our admin script
# (cms_pages/static/cms_pages/localize_editor.js). The page header's "Live"
# and "Promote" come from Wagtail's own admin catalogue.
ENGLISH = [
    "Translate",
    "Publish in",
    "Download PO file",
    "Upload PO file",
    "Preview",
    "translation",
    "More actions",
]


@pytest.fixture
def page(page):
    """The checked page, with wagtail-localize's editor left out of axe-core's scans."""
    scanner = page.accessibility_scanner

    def scan():
        page.wait_for_load_state()
        context = None
        if "/admin/" in page.url:
            page.wait_for_timeout(600)  # the admin's messages fade in
            context = {"exclude": [[selector] for selector in UPSTREAM_ADMIN_WIDGETS]}
        results = Axe().run(page, context=context, options=AXE_OPTIONS)
        violations = [
            violation
            for violation in results.response["violations"]
            if violation.get("impact") in FAILING_IMPACTS
        ]
        scanner.scans += 1
        if violations:
            scanner.failures.append(describe(page.url, violations))

    scanner.scan = scan
    return page


@pytest.fixture
def translation(home, en):
    """An English translation of an Albanian news page, made with wagtail-localize."""
    translator = UserFactory(email="perkthyesja@example.org", verified=True)
    translator.groups.add(Group.objects.get(name="Editors"))
    news_index = NewsIndexPageFactory(parent=home)
    translate_page(news_index, en, title="News", slug="news")
    news = NewsPageFactory(
        parent=news_index,
        title="Forumi publik në Durrës",
        lead="Kandidatët nënshkruan Kontratën Sociale.",
    )
    TranslationCreator(translator, [en]).create_translations(news)
    return translator, NewsPage.objects.get(translation_key=news.translation_key, locale=en)


def sign_in(page, live_server, email):
    visit(page, f"{live_server.url}/sq/accounts/login/?next=/admin/")
    page.locator('input[name="login"]').fill(email)
    page.locator('input[name="password"]').fill(PASSWORD)
    with navigate(page):
        page.locator('form[action*="/accounts/login/"] [type="submit"]').click()


def editor_text(page):
    editor = page.locator(".js-translation-editor")
    expect(editor.get_by_role("button").first).to_be_visible()
    return page.locator("main").inner_text()


def test_the_translation_editor_speaks_albanian(page, live_server, settings, translation):
    settings.WAGTAILADMIN_PERMITTED_LANGUAGES = [("sq", "Shqip"), ("en", "English")]
    # The live server shares one SQLite connection between its threads: no
    # editing-session ping may run alongside the publishing request.
    settings.WAGTAIL_EDITING_SESSION_PING_INTERVAL = 10 * 60 * 1000
    translator, news_en = translation
    profile = UserProfile.get_for_user(translator)
    profile.preferred_language = "sq"
    profile.save()

    sign_in(page, live_server, translator.email)
    visit(page, f"{live_server.url}/admin/pages/{news_en.pk}/edit/")

    text = editor_text(page)
    assert "Shkarko skedarin PO" in text
    heading = page.locator(".js-translation-editor h3").first
    expect(heading).to_have_text("Përkthimi Shqip → Anglisht")
    expect(
        page.locator(".js-translation-editor .w-sr-only", has_text="veprime").first
    ).to_have_text("Më shumë veprime")
    # Every text in the page, the screen-reader ones included.
    text = f"{text}\n{page.locator('main').text_content()}"
    # (Strings that are wagtail-localize's alone: "Save" or "Preview" may come
    # from Wagtail's admin catalogue, which LOCALE_PATHS lists first.)
    for albanian in ("Shkarko skedarin PO", "Ngarko skedarin PO", "Përkthe", "Publiko në"):
        assert albanian in text, albanian
    for english in ENGLISH:
        assert english not in text, english

    # The translator translates a segment and publishes, all in Albanian.
    segment = page.locator("li", has_text="Forumi publik në Durrës").last
    segment.get_by_role("button", name="Përkthe", exact=True).click()
    segment.locator("textarea").fill("Public forum in Durrës")
    # The editor shows the text at once and saves it in the background: the
    # test waits for the save to be answered before it publishes.
    with page.expect_response(lambda response: response.request.method == "PUT") as saved:
        segment.get_by_role("button", name=re.compile(r"^Ruaj")).click()
    assert saved.value.ok
    expect(segment).to_contain_text("Public forum in Durrës")
    publish = page.get_by_role("button", name="Publiko në Anglisht")
    with navigate(page):
        publish.click()
    news_en.refresh_from_db()
    assert news_en.title == "Public forum in Durrës"
    assert news_en.live


def test_a_translator_who_prefers_english_gets_the_editor_in_english(
    page, live_server, settings, translation
):
    settings.WAGTAILADMIN_PERMITTED_LANGUAGES = [("sq", "Shqip"), ("en", "English")]
    # The live server shares one SQLite connection between its threads: no
    # editing-session ping may run alongside the publishing request.
    settings.WAGTAIL_EDITING_SESSION_PING_INTERVAL = 10 * 60 * 1000
    translator, news_en = translation
    profile = UserProfile.get_for_user(translator)
    profile.preferred_language = "en"
    profile.save()

    sign_in(page, live_server, translator.email)
    visit(page, f"{live_server.url}/admin/pages/{news_en.pk}/edit/")

    text = editor_text(page)
    assert "Download PO file" in text
    assert "Shkarko skedarin PO" not in text
    expect(page.locator(".js-translation-editor h3").first).to_have_text(
        "Albanian to English translation"
    )
