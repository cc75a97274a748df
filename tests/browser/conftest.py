"""Browser tests: Playwright drives Debian's Chromium against the live server,
and axe-core checks every page a test loads.

Run them as their own invocation: `pytest tests/browser`.
"""

import io
import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from django.core.management import call_command
from django.test import override_settings

from ..databases import Snapshot

# Playwright's sync API keeps an asyncio event loop running in the main
# thread, so Django refuses database access from the test body and from the
# live server's clean-up (SynchronousOnlyOperation). The browser tests run as
# their own pytest invocation, so allowing it here hides nothing elsewhere;
# never set it for the rest of the suite (it would hide real async bugs).
_WE_SET_ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE" not in os.environ
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

BROWSER_TESTS = Path(__file__).resolve().parent


CHROMIUM = next(
    (path for path in ("/usr/lib/chromium/chromium", "/usr/bin/chromium") if Path(path).exists()),
    None,
)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


# axe-core: which results to ask for, and which impacts fail a test.
AXE_OPTIONS = {"resultTypes": ["violations"]}
FAILING_IMPACTS = {"serious", "critical"}
# Waits for the page's finite animations and transitions (infinite ones, such
# as spinners, would never finish).
FINISH_ANIMATIONS = """() => Promise.all(
    document.getAnimations()
        .filter((animation) => animation.effect
            && animation.effect.getComputedTiming().endTime !== Infinity)
        .map((animation) => animation.finished.catch(() => null))
)"""


# The browser tests that take longest (loading the demo included), longest
# first, as measured on CI; the others take seconds.
LONGEST = [
    "test_sweep.py::test_every_page_at_a_phones_width",
    "test_sweep.py::test_every_page_at_a_desktops_width",
    "test_content_security_policy.py::test_admin_main_screens_run_under_the_admin_policy",
    "test_content_security_policy.py::test_every_public_page_type_runs_under_the_policy",
    "test_staff_desk.py::",
    "test_cms_pages.py::test_demo_pages_are_accessible",
    "test_consultations.py::test_editor_finalises_a_contract",
    "test_content_security_policy.py::test_candidate_pages_run_under_the_policy",
    "test_content_security_policy.py::test_signed_in_citizen_pages_run_under_the_policy",
    "test_scorecards.py::",
    "test_council.py::",
    "test_cms_editor.py::",
    "test_admin_in_albanian.py::",
]


def _longest_first(item):
    name = f"{item.path.name}::{item.name}"
    return next((n for n, start in enumerate(LONGEST) if name.startswith(start)), len(LONGEST))


def pytest_collection_modifyitems(config, items):
    """Browser tests only run in their own invocation (`pytest tests/browser`):
    in a session with other tests, Playwright's event loop would break their
    database access, and the variable above would hide real async bugs in
    them. There, the browser tests are skipped and the variable withdrawn."""
    browser = [item for item in items if BROWSER_TESTS in item.path.parents]
    if browser and len(browser) == len(items):
        # `make test` runs them on two workers (pytest-xdist, `--dist
        # loadgroup`), which take the tests in order as they free up: the
        # longest go first (the two sweeps, one to each worker), so that no
        # long test starts near the end while the other worker idles.
        items.sort(key=_longest_first)
    if browser and len(browser) < len(items):
        if os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE") == "true" and _WE_SET_ASYNC_UNSAFE:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        skip = pytest.mark.skip(reason="browser tests run on their own: pytest tests/browser")
        for item in browser:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def _demo_snapshot(django_db_setup, django_db_blocker):
    snapshot = Snapshot()
    yield snapshot
    with django_db_blocker.unblock():
        snapshot.drop()


@pytest.fixture
def demo_site(transactional_db, _demo_snapshot):
    """The demo content (its accounts with the known demo password), for one
    test: loaded by the worker's first test that asks for it, then copied
    back for each of the others (tests/databases.py, Snapshot); the test's
    own flush removes it after, as any transactional test's rows."""
    if _demo_snapshot.copy is None:
        with override_settings(POP_SHOW_DEMO_PASSWORDS=True):
            call_command("load_demo_data", stdout=io.StringIO())
        _demo_snapshot.take()
    else:
        _demo_snapshot.restore()


@pytest.fixture(scope="session", autouse=True)
def _restorable(restorable_locale_synchronisation):
    """Live-server tests are transactional and reload the migrations' rows
    with `serialized_rollback`: see tests/conftest.py."""


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium instead of a Playwright download (there is none
    offline); pytest-playwright's other options (--headed, --slowmo) still apply."""
    if CHROMIUM is None:
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    args = {key: value for key, value in browser_type_launch_args.items() if key != "channel"}
    args.setdefault("headless", True)
    return {**args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


def accessibility_problems(page, options=None):
    """Serious and critical axe-core violations on the page as it is now,
    once its finite CSS animations have ended (a message fading in has no
    final colours yet, and axe-core would measure its contrast half-way)."""
    page.evaluate(FINISH_ANIMATIONS)
    results = Axe().run(page, options={**AXE_OPTIONS, **(options or {})})
    return [
        violation
        for violation in results.response["violations"]
        if violation.get("impact") in FAILING_IMPACTS
    ]


def describe(url, violations):
    lines = [f"Accessibility violations on {url}:"]
    for violation in violations:
        lines.append(f"- [{violation['impact']}] {violation['id']}: {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {', '.join(map(str, node['target']))}: {node['html'][:200]}")
    return "\n".join(lines)


class AccessibilityScanner:
    """Counts the documents the page loads and the axe-core scans made of them.

    Scanning inside the `load` event handler would race the test (it runs
    while the test already acts on the page), so scans happen at known points:
    `visit()`, `navigate()` and the end of the test. A test that loaded a page
    none of these scanned fails, naming it.
    """

    def __init__(self, page):
        self.page = page
        self.loaded = []  # URL of every document loaded, in order
        self.scans = 0
        self.failures = []
        page.on("load", lambda loaded_page: self.loaded.append(loaded_page.url))

    def scan(self):
        self.page.wait_for_load_state()
        violations = accessibility_problems(self.page)
        self.scans += 1
        if violations:
            self.failures.append(describe(self.page.url, violations))

    def finish(self):
        """The test's verdict on accessibility, as a message (None if it passed)."""
        if self.page.is_closed():
            return "\n\n".join(self.failures) or None
        self.page.wait_for_load_state()
        if len(self.loaded) > self.scans:
            self.scan()  # the page showing at the end
        problems = list(self.failures)
        if len(self.loaded) > self.scans:
            problems.append(
                f"{len(self.loaded) - self.scans} page load(s) were not checked by axe-core "
                f"(pages loaded: {self.loaded}); open pages with visit() and wrap actions "
                "that navigate in `with navigate(page):`."
            )
        return "\n\n".join(problems) or None


@pytest.fixture
def page(page):
    """pytest-playwright's page; every document it loads must pass axe-core."""
    page.accessibility_scanner = AccessibilityScanner(page)
    return page


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """Fail the test itself (not its teardown) on serious or critical
    accessibility violations in any page it loaded."""
    result = yield
    page = item.funcargs.get("page")
    scanner = getattr(page, "accessibility_scanner", None)
    if scanner is not None:
        problems = scanner.finish()
        if problems:
            pytest.fail(problems, pytrace=False)
    return result
