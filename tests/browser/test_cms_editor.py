"""An editor publishes a news item in Albanian in the admin, translates it
into English with wagtail-localize, and each home page shows its version."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from django.contrib.auth.models import Group

from wagtail.users.models import UserProfile

from cms_pages.models import NewsPage

from ..accounts.factories import PASSWORD, UserFactory
from ..cms_pages.conftest import translate_page
from ..cms_pages.factories import NewsIndexPageFactory
from .conftest import AXE_OPTIONS, FAILING_IMPACTS, describe
from .helpers import navigate, visit

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# Admin widgets we do not write, with known upstream accessibility faults:
# Wagtail's tag field (a jQuery UI input without a label) and wagtail-localize's
# React translation editor (low-contrast segment headings, an unlabelled upload
# input). axe-core skips them on admin pages only; everything else is checked.
UPSTREAM_ADMIN_WIDGETS = [".ui-autocomplete-input", ".js-translation-editor"]


@pytest.fixture
def page(page):
    """The checked page, with the upstream admin widgets left out of axe-core's scans."""
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


def test_editor_publishes_and_translates_a_news_page(page, live_server, home, en):
    editor = UserFactory(email="redaktorja@example.org", display_name="Redaktorja", verified=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    # This journey is about publishing and translating; it runs for an editor
    # who chose English in the admin (the Albanian admin has its own test,
    # test_admin_in_albanian.py).
    UserProfile.objects.create(user=editor, preferred_language="en")
    news_index = NewsIndexPageFactory(parent=home)
    translate_page(news_index, en, title="News", slug="news")

    # Signing in to the admin goes through the site's sign-in.
    visit(page, f"{live_server.url}/sq/accounts/login/?next=/admin/")
    page.locator('input[name="login"]').fill("redaktorja@example.org")
    page.locator('input[name="password"]').fill(PASSWORD)
    with navigate(page):
        page.locator('form[action*="/accounts/login/"] [type="submit"]').click()
    assert page.url == f"{live_server.url}/admin/"

    # A news page, published in Albanian.
    visit(page, f"{live_server.url}/admin/pages/add/cms_pages/newspage/{news_index.pk}/")
    page.locator("#id_title").fill("Forumi publik në Durrës")
    page.locator("#id_lead").fill("Kandidatët nënshkruan Kontratën Sociale.")
    # Wagtail's script fills the slug from the title after a short delay;
    # publishing before that is refused (400).
    expect(page.locator("#id_slug")).to_have_value(re.compile(r"\S"))
    page.locator(
        "footer .w-dropdown__toggle, footer [data-w-dropdown-target='toggle']"
    ).first.click()
    with navigate(page):
        page.locator('button[name="action-publish"]').click()

    visit(page, f"{live_server.url}/sq/")
    expect(page.get_by_role("main")).to_contain_text("Forumi publik në Durrës")

    # Translated into English with wagtail-localize, then published.
    source = NewsPage.objects.get(title="Forumi publik në Durrës", locale=news_index.locale)
    visit(page, f"{live_server.url}/admin/localize/submit/page/{source.pk}/")
    page.get_by_label("English").check()
    with navigate(page):
        page.locator('main form [type="submit"]').click()
    translate_segment(page, "Forumi publik në Durrës", "Public forum in Durrës")
    translate_segment(
        page, "Kandidatët nënshkruan Kontratën Sociale.", "Candidates signed the Social Contract."
    )
    with navigate(page):
        page.get_by_role("button", name="Publish in English").click()

    visit(page, f"{live_server.url}/en/")
    expect(page.get_by_role("main")).to_contain_text("Public forum in Durrës")
    expect(page.get_by_role("main")).not_to_contain_text("Forumi publik në Durrës")
    visit(page, f"{live_server.url}/sq/")
    expect(page.get_by_role("main")).to_contain_text("Forumi publik në Durrës")


def translate_segment(page, source_text, translation):
    """In wagtail-localize's editor: open the segment showing `source_text`,
    type its translation and save it."""
    segment = page.locator("li", has_text=source_text).last
    segment.get_by_role("button", name="Translate").click()
    segment.locator("textarea").fill(translation)
    segment.get_by_role("button", name="Save").click()
    expect(segment).to_contain_text(translation)
