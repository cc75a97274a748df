"""Staff meet Wagtail's admin in Albanian, JavaScript-rendered parts
included (the sidebar, the page explorer, the StreamField block chooser, the
rich-text toolbar), even from a browser that asks for English; whoever chose
English in their account page gets English."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from django.contrib.auth.models import Group

from ..accounts.factories import PASSWORD, UserFactory
from ..cms_pages.factories import NewsIndexPageFactory
from .conftest import AXE_OPTIONS, FAILING_IMPACTS, describe
from .helpers import navigate, visit

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# What the same screens show in English: none of it may be seen in Albanian.
ENGLISH = [
    "Pages",
    "Dashboard",
    "Save draft",
    "Publish",
    "Add child page",
    "Search",
    "Help",
    "Settings",
    "Reports",
    "Edit",
    "More actions",
    "Collapse all",
    "Insert a block",
    "Paragraph",
    "Heading",
    "Call to action",
    "Bold",
    "Italic",
    "Numbered list",
    "Bulleted list",
    "Pin toolbar",
    "Add a comment",
    "View child pages",
]
# Admin widgets we do not write, with known upstream accessibility faults
# (Wagtail's tag field: a jQuery UI input without a label).
UPSTREAM_ADMIN_WIDGETS = [".ui-autocomplete-input"]


@pytest.fixture
def page(page):
    """The checked page, with the upstream admin widgets left out of axe-core's scans."""
    scanner = page.accessibility_scanner

    def scan():
        page.wait_for_load_state()
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


def english_seen(text):
    return [words for words in ENGLISH if re.search(rf"\b{re.escape(words)}\b", text)]


def labels(locator):
    """What a screen reader announces for each button: their accessible names."""
    return [button.get_attribute("aria-label") or button.inner_text() for button in locator.all()]


def sign_in(page, live_server, email):
    visit(page, f"{live_server.url}/sq/accounts/login/?next=/admin/")
    page.locator('input[name="login"]').fill(email)
    page.locator('input[name="password"]').fill(PASSWORD)
    with navigate(page):
        page.locator('form[action*="/accounts/login/"] [type="submit"]').click()
    assert page.url == f"{live_server.url}/admin/"


def staff(email):
    user = UserFactory(email=email, verified=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def browser_context_args(browser_context_args):
    """A browser set to English: the admin's language must not follow it."""
    return {**browser_context_args, "locale": "en-US"}


def test_staff_meet_the_admin_in_albanian_and_may_choose_english(page, live_server, home):
    staff("redaktorja@example.org")
    news_index = NewsIndexPageFactory(parent=home)

    # The dashboard and its sidebar (rendered by Wagtail's JavaScript).
    sign_in(page, live_server, "redaktorja@example.org")
    sidebar = page.locator("#wagtail-sidebar")
    expect(sidebar.get_by_role("button", name="Faqet")).to_be_visible()
    expect(sidebar).to_contain_text("Cilësimet")
    expect(sidebar).to_contain_text("Ndihmë")
    expect(page.locator("main")).to_contain_text("Përmbledhje e faqes")
    assert page.locator("html").get_attribute("lang") == "sq"
    assert english_seen(page.locator("body").inner_text()) == []

    # The page explorer, drawn by JavaScript from the JS catalogue.
    sidebar.get_by_role("button", name="Faqet").click()
    explorer = sidebar.get_by_role("link", name="Shiko faqet bijë të 'Rrjeti POP'").first
    expect(explorer).to_be_visible()
    assert english_seen(sidebar.inner_text()) == []
    assert english_seen(" ".join(labels(sidebar.locator("a, button")))) == []

    # The explorer's listing of the home page's children.
    visit(page, f"{live_server.url}/admin/pages/{home.pk}/")
    expect(page.locator("main")).to_contain_text("Po shfletohet")
    expect(page.locator("main")).to_contain_text("Filtro sipas")
    assert english_seen(page.locator("body").inner_text()) == []

    # A page's edit form: the StreamField block chooser and the rich-text toolbar.
    visit(page, f"{live_server.url}/admin/pages/add/cms_pages/newspage/{news_index.pk}/")
    expect(page.get_by_role("button", name="Ruaj draftin")).to_be_visible()
    page.get_by_role("button", name="Fut një bllok").click()
    chooser = page.locator(".w-combobox__menu")
    expect(chooser.get_by_role("option", name="Titull")).to_be_visible()
    expect(chooser.get_by_role("option", name="Thirrje për veprim")).to_be_visible()
    assert english_seen(chooser.inner_text()) == []
    chooser.get_by_role("option", name="Paragraf").click()
    editor = page.locator(".public-DraftEditor-content").first
    editor.click()
    editor.type("Qytetarët vendosin.")
    page.keyboard.press("Control+a")
    toolbar = page.locator("[role=toolbar]").first
    expect(toolbar.get_by_role("button", name=re.compile("^I trashë"))).to_be_visible()
    toolbar_names = labels(toolbar.locator("button"))
    assert any(name.startswith("I pjerrët") for name in toolbar_names)
    assert english_seen(" ".join(toolbar_names)) == []
    assert english_seen(page.locator("body").inner_text()) == []

    # Another member of staff chooses English in their account page.
    staff("editor@example.org")
    page.context.clear_cookies()
    sign_in(page, live_server, "editor@example.org")
    visit(page, f"{live_server.url}/admin/account/")
    page.locator("#id_name_email-first_name").fill("Arta")
    page.locator("#id_name_email-last_name").fill("Hoxha")
    page.get_by_label("Gjuha e preferuar").select_option("en")
    with navigate(page):
        page.locator("main form [type=submit]").last.click()
    visit(page, f"{live_server.url}/admin/")
    assert page.locator("html").get_attribute("lang") == "en"
    expect(page.locator("#wagtail-sidebar").get_by_role("button", name="Pages")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Site summary")
