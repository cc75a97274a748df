"""With the Content-Security-Policy enforced, Chromium reports no violation
(no `securitypolicyviolation` event, nothing in the console, no script error)
on any page type of the demo site, signed out and signed in, nor on the
admin's main screens."""

from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation

from wagtail.models import Page, get_page_models

from cms_pages.models import NewsPage
from consultations.models import ConsultationPage, SocialContract
from forums.models import Candidacy

from ..accounts.factories import PASSWORD
from ..cms_pages.factories import NewsPageFactory
from .conftest import AXE_OPTIONS, FAILING_IMPACTS, describe
from .helpers import navigate, visit

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# Runs in every document and frame before the page's own scripts, outside
# the page's policy (Playwright injects it), and hands every violation over.
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
    window.reportPolicyViolation({
        page: document.location.href,
        directive: event.effectiveDirective,
        blocked: event.blockedURI,
        source: `${event.sourceFile}:${event.lineNumber}`,
        sample: event.sample,
    });
});
"""
# Admin widgets we do not write, with known upstream accessibility faults
# (see test_cms_editor.py; Draftail's editable area has no accessible name):
# axe-core leaves them out on admin pages only.
UPSTREAM_ADMIN_WIDGETS = [".ui-autocomplete-input", ".js-translation-editor", ".Draftail-Editor"]


class PolicyWatch:
    """What the browser reported while the test ran: policy violations,
    console errors and warnings, uncaught script errors."""

    def __init__(self, page):
        self.problems = []
        self.missing = set()  # addresses a test opens to see the 404 page
        page.expose_function("reportPolicyViolation", self._violation)
        page.add_init_script(REPORT_VIOLATIONS)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"script error: {error}"))

    def _violation(self, report):
        self.problems.append(
            "violation of {directive} on {page}: blocked {blocked!r} at {source} {sample!r}".format(
                **report
            )
        )

    def _console(self, message):
        # The 404 page itself, and the icon Chromium asks for on a page that
        # links none (the consultation's print view): no policy at stake.
        origin = "{0.scheme}://{0.netloc}".format(urlsplit(message.page.url))
        missing = self.missing | {f"{origin}/favicon.ico"}
        if message.location.get("url") in missing and message.text.startswith(
            "Failed to load resource: the server responded with a status of 404"
        ):
            return
        if message.type in {"error", "warning"}:
            self.problems.append(f"console {message.type} on {message.page.url}: {message.text}")


@pytest.fixture
def page(page):
    """The checked page, with the upstream admin widgets left out of axe-core's
    scans, and every policy report of the browser kept in `page.policy_watch`."""
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
    page.policy_watch = PolicyWatch(page)
    return page


def sign_in(page, live_server, email, next_url):
    user = get_user_model().objects.get(email=email)
    user.set_password(PASSWORD)  # demo passwords are random outside development
    user.save()
    visit(page, f"{live_server.url}/sq/accounts/login/?next={next_url}")
    page.locator('input[name="login"]').fill(email)
    page.locator('input[name="password"]').fill(PASSWORD)
    with navigate(page):
        page.locator('form[action*="/accounts/login/"] [type="submit"]').click()


def visit_all(page, live_server, paths, missing=()):
    """Open each of `paths` (those in `missing` must answer 404) and fail on
    anything the browser reported."""
    page.policy_watch.missing.update(f"{live_server.url}{address}" for address in missing)
    for address in [*paths, *missing]:
        response = visit(page, f"{live_server.url}{address}")
        assert response.status == (404 if address in missing else 200), address
        page.wait_for_timeout(100)  # late reports (styles applied by scripts)
    problems = page.policy_watch.problems
    assert not problems, "\n".join(problems)


def one_page_of_each_type():
    """One live page per page type and language, as the sitemap lists them."""
    seen = {}
    for page in Page.objects.live().filter(depth__gt=1).specific().order_by("path"):
        key = (type(page).__name__, page.locale.language_code)
        if key not in seen and page.url:
            seen[key] = urlsplit(page.url).path
    return seen


def test_the_watch_reports_inline_code_under_the_public_policy(page, live_server):
    """The check can fail: an inline script, style element and style
    attribute served with the site's own header are each reported."""
    policy = visit(page, f"{live_server.url}/sq/").headers["content-security-policy"]
    probe = f"{live_server.url}/sq/probe/"
    page.route(
        probe,
        lambda route: route.fulfill(
            status=200,
            content_type="text/html",
            headers={"Content-Security-Policy": policy},
            body=(
                '<!DOCTYPE html><html lang="en"><head><title>Probe</title>'
                "<style>p { color: red; }</style></head><body><main>"
                '<p style="color: red">Probe</p><script>document.title = "run";</script>'
                "</main></body></html>"
            ),
        ),
    )

    visit(page, probe)
    page.wait_for_timeout(200)

    reports = page.policy_watch.problems
    assert page.title() == "Probe", "the inline script was blocked"
    assert any("violation of script-src-elem" in report for report in reports), reports
    assert any("violation of style-src-elem" in report for report in reports), reports
    assert any("violation of style-src-attr" in report for report in reports), reports
    assert any(report.startswith("console error") for report in reports), reports


def test_every_public_page_type_runs_under_the_policy(page, live_server, demo_site):
    pages = one_page_of_each_type()
    every_type = {model.__name__ for model in get_page_models() if model is not Page}
    assert every_type - {kind for kind, _ in pages} == set(), "page types the demo lacks"
    consultation = ConsultationPage.objects.live().filter(locale__language_code="sq").first()
    candidacy = Candidacy.objects.confirmed().select_related("municipality", "election").first()
    contract = (
        SocialContract.objects.filter(finalised_at__isnull=False)
        .select_related("municipality", "election")
        .first()
    )
    with translation.override("sq"):
        extra = [
            reverse("forums:candidate", args=[candidacy.pk]),
            reverse(
                "forums:side_by_side",
                kwargs={
                    "municipality": contract.municipality.slug,
                    "year": contract.election.date.year,
                },
            ),
            reverse("search") + "?q=kontrat",
            reverse("account_login"),
            reverse("account_signup"),
            reverse("account_reset_password"),
            urlsplit(consultation.url).path + "print/",
        ]
    visit_all(
        page,
        live_server,
        [*pages.values(), *extra, "/en/search/?q=forum"],
        missing=["/sq/no-such-page/"],
    )

    # The open-data API's docs: ninja's bundled Swagger UI, from our static
    # files. Not our markup, so axe-core does not judge it (a page of its own).
    docs = page.context.new_page()
    watch = PolicyWatch(docs)
    assert docs.goto(f"{live_server.url}/api/v1/docs").status == 200
    docs.locator(".opblock").first.wait_for()
    docs.wait_for_timeout(300)
    assert not watch.problems, "\n".join(watch.problems)


def test_signed_in_citizen_pages_run_under_the_policy(page, live_server, demo_site):
    consultation = next(
        consultation
        for consultation in ConsultationPage.objects.live().filter(locale__language_code="sq")
        if consultation.contract.phase == "open"
    )
    sign_in(page, live_server, "besnik@pop.example", urlsplit(consultation.url).path)
    visit_all(
        page,
        live_server,
        [
            urlsplit(consultation.url).path,
            "/sq/accounts/profile/",
            "/sq/accounts/email/",
            "/sq/accounts/password/change/",
            "/sq/accounts/profile/delete/",
        ],
    )


def test_candidate_pages_run_under_the_policy(page, live_server, demo_site):
    sign_in(page, live_server, "kandidat@pop.example", "/sq/candidates/")
    visit_all(page, live_server, ["/sq/candidates/", "/sq/candidates/request/"])


def test_admin_main_screens_run_under_the_admin_policy(page, live_server, demo_site):
    news = NewsPage.objects.live().filter(locale__language_code="sq").first()
    contract = SocialContract.objects.first()
    candidacy = Candidacy.objects.first()
    sign_in(page, live_server, "admin@pop.example", "/admin/")
    # The page editor's live preview, in its frame (served under /admin/).
    visit(page, f"{live_server.url}/admin/pages/{news.pk}/edit/")
    page.locator(".Draftail-Editor [contenteditable='true']").first.wait_for()
    page.locator("[data-side-panel-toggle='preview']").first.click()
    page.frame_locator("#w-preview-iframe").locator("main").wait_for(state="attached")
    assert any("/preview/" in frame.url for frame in page.frames), [f.url for f in page.frames]
    page.locator("[data-side-panel-toggle='checks']").first.click()  # axe-core in the preview
    page.wait_for_timeout(1000)
    visit_all(
        page,
        live_server,
        [
            "/admin/",
            "/admin/pages/",
            f"/admin/pages/{news.get_parent().pk}/",
            f"/admin/pages/{news.pk}/edit/",
            "/admin/snippets/",
            "/admin/snippets/cms_pages/municipality/",
            "/admin/images/",
            "/admin/documents/",
            "/admin/users/",
            reverse("consultations_moderation"),
            reverse("consultations_finalise", args=[contract.pk]),
            reverse("forums_candidacy_manage", args=[candidacy.pk]),
            reverse("scorecards_round"),
        ],
    )
    # wagtail-localize's translation editor, for a news item not yet in English.
    fresh = NewsPageFactory(parent=news.get_parent(), title="Forumi i ri", slug="forumi-i-ri")
    visit(page, f"{live_server.url}/admin/localize/submit/page/{fresh.pk}/")
    page.get_by_label("Anglisht").check()  # the admin is in Albanian
    with navigate(page):
        page.locator('main form [type="submit"]').click()
    page.locator(".js-translation-editor li").first.wait_for()
    problems = page.policy_watch.problems
    assert not problems, "\n".join(problems)
