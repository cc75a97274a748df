"""Forum question journeys in a browser: a citizen asks a question and
upvotes another on an upcoming forum's page (no JavaScript needed); a
moderator approves a question and marks it answered in the admin, and the
forum page shows it answered. New text is read on the /en/ pages."""

import pytest
from playwright.sync_api import expect

from forums.models import Question, QuestionState, Upvote

from ..accounts.factories import PASSWORD, UserFactory
from ..cms_pages.factories import ElectionFactory, MunicipalityFactory
from ..forums.forum_helpers import QuestionFactory, make_forum, make_index
from .helpers import navigate, visit

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def sign_in(page, live_server, email, next_url):
    visit(page, f"{live_server.url}/en/accounts/login/?next={next_url}")
    page.locator('input[name="login"]').fill(email)
    page.locator('input[name="password"]').fill(PASSWORD)
    with navigate(page):
        page.locator('form[action*="/accounts/login/"] [type="submit"]').click()


def make_upcoming_forum():
    from cms_pages.models import HomePage

    home = HomePage.objects.get(locale__language_code="sq", depth=2)
    durres = MunicipalityFactory(name="Durrës", slug="durres")
    forum = make_forum(make_index(home), durres, ElectionFactory(), title="Forumi i Durrësit")
    return forum, forum.get_translation(forum.locale.__class__.objects.get(language_code="en"))


def test_citizen_asks_and_upvotes_without_javascript(page, live_server):
    forum, forum_en = make_upcoming_forum()
    other = QuestionFactory(forum=forum, text="Kur do të rregullohet ujësjellësi?")
    citizen = UserFactory(email="besa@example.org", verified=True)
    sign_in(page, live_server, citizen.email, forum_en.url)
    assert page.url == f"{live_server.url}{forum_en.url}"

    page.get_by_label("Your question").fill("Si do t'i hapni mbledhjet e këshillit?")
    with navigate(page):
        page.get_by_role("button", name="Send my question").click()
    assert page.url.endswith("#your-questions")
    expect(page.get_by_role("status")).to_contain_text("once a moderator has read it")
    expect(page.locator("#your-questions")).to_contain_text("Si do t'i hapni mbledhjet")
    question = Question.objects.get(author=citizen)
    assert question.state == QuestionState.PENDING

    item = page.locator(f"#question-{other.pk}")
    expect(item).to_contain_text("0 upvotes")
    with navigate(page):
        item.get_by_role("button", name="Upvote").click()
    assert page.url.endswith(f"#question-{other.pk}")
    expect(page.locator(f"#question-{other.pk}")).to_contain_text("1 upvote")
    expect(page.locator(f"#question-{other.pk}")).to_contain_text("You upvoted this question.")
    assert Upvote.objects.filter(question=other, citizen=citizen).exists()


@pytest.fixture
def _admin_messages_settle(page):
    """Wagtail's admin messages fade in: axe must not judge their contrast
    mid-fade, so admin pages are scanned once they have settled."""
    page.emulate_media(reduced_motion="reduce")
    scanner = page.accessibility_scanner
    scan = scanner.scan

    def settled_scan():
        if "/admin/" in page.url:
            page.wait_for_timeout(600)
        scan()

    scanner.scan = settled_scan


def test_moderator_approves_and_marks_answered(page, live_server, _admin_messages_settle):
    forum, forum_en = make_upcoming_forum()
    question = QuestionFactory(
        forum=forum, state=QuestionState.PENDING, text="A do të ndërtoni një park të ri?"
    )
    UserFactory(email="moderatori@example.org", verified=True, groups=["Moderators"])
    sign_in(page, live_server, "moderatori@example.org", forum_en.url)
    visit(page, f"{live_server.url}{forum_en.url}")
    expect(page.get_by_text("A do të ndërtoni një park të ri?")).to_have_count(0)

    visit(page, f"{live_server.url}/admin/snippets/forums/question/?state=pending")
    with navigate(page):
        page.get_by_role("link", name="Moderoni").first.click()
    with navigate(page):
        page.get_by_role("button", name="Miratojeni").click()
    question.refresh_from_db()
    assert question.state == QuestionState.APPROVED

    page.get_by_label("Përmbledhja e përgjigjes (opsionale)").fill("Po, në lagjen Plazh.")
    with navigate(page):
        page.get_by_role("button", name="Shënojeni si të përgjigjur").click()
    question.refresh_from_db()
    assert question.answered_at is not None

    visit(page, f"{live_server.url}{forum_en.url}")
    item = page.locator(f"#question-{question.pk}")
    expect(item).to_contain_text("Answered at the forum")
    expect(item).to_contain_text("Po, në lagjen Plazh.")
