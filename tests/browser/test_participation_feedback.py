"""Every step answers where the person acted and nothing typed is lost, on a
phone too: the supports cap refused beside the button with the counter
following, a rate-limited comment keeping its text (with and without
JavaScript), a candidate's positions surviving "review and sign", the folded
discussion and its own page, the folding header menu at 360 px, and no page
wider than a phone."""

import datetime

import pytest
from playwright.sync_api import expect

from django.test import override_settings

from wagtail_localize.synctree import create_aliases_for_new_page

from consultations.models import Comment, Vote
from forums.models import Position
from scorecards.models import ScorecardIndexPage

from ..accounts.factories import PASSWORD, UserFactory
from ..cms_pages.factories import ElectionFactory, MunicipalityFactory
from ..consultations.factories import CommentFactory
from ..forums.factories import CandidacyFactory
from ..scorecards.factories import (
    AssessmentFactory,
    FinalisedContractFactory,
    MonitoredPriorityFactory,
)
from .helpers import navigate, visit
from .test_candidates import make_contract
from .test_consultations import make_consultation, priority_box, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 360, "height": 740}


def page_width(page):
    return page.evaluate("() => document.documentElement.scrollWidth")


def test_the_cap_refusal_shows_beside_the_button_and_the_counter_follows(page, live_server):
    consultation, contract, priorities, durres = make_consultation(max_supports=2)
    citizen = UserFactory(email="besa@example.org", municipality=durres, verified=True)
    sign_in(page, live_server, citizen.email, consultation.url)
    summary = page.locator("[data-supports-summary]")
    expect(summary).to_have_text("Po mbështetni 0 nga 2 prioritetet që lejohen.")

    priority_box(page, priorities[0]).get_by_role("button", name="Mbështetni").click()
    expect(summary).to_have_text("Po mbështetni 1 nga 2 prioritetet që lejohen.")
    # Meanwhile, in another tab, she supports a second priority.
    Vote.objects.create(citizen=citizen, priority=priorities[1])

    box = priority_box(page, priorities[2])
    box.get_by_role("button", name="Mbështetni").click()
    feedback = box.locator("[data-support-feedback]")
    expect(feedback).to_be_visible()
    expect(feedback).to_contain_text("Tërhiqni njërën")
    expect(feedback).to_have_attribute("role", "status")
    expect(summary).to_have_text("Po mbështetni 2 nga 2 prioritetet që lejohen.")
    for other in priorities[2:]:
        expect(priority_box(page, other).get_by_role("button", name="Mbështetni")).to_be_disabled()
        note = priority_box(page, other).locator("[data-cap-note]")
        expect(note).to_be_visible()
        expect(note).to_contain_text("tërhiqni njërën")
    assert Vote.objects.filter(citizen=citizen).count() == 2

    priority_box(page, priorities[0]).get_by_role("button", name="Tërhiqni mbështetjen").click()
    expect(summary).to_have_text("Po mbështetni 1 nga 2 prioritetet që lejohen.")
    for other in priorities[2:]:
        expect(priority_box(page, other).get_by_role("button", name="Mbështetni")).to_be_enabled()
        expect(priority_box(page, other).locator("[data-cap-note]")).to_be_hidden()


def _comment_twice(page, consultation, priorities):
    box = priority_box(page, priorities[0])
    box.locator("summary", has_text="Shkruani një koment").click()
    box.get_by_label("Komenti juaj").fill("I pari")
    with navigate(page):
        box.get_by_role("button", name="Komentoni").click()
    box = priority_box(page, priorities[0])
    box.locator("summary", has_text="Shkruani një koment").click()
    typed = "Një koment i gjatë që nuk duhet humbur.\n\nMe dy paragrafë."
    box.get_by_label("Komenti juaj").fill(typed)
    with navigate(page):
        box.get_by_role("button", name="Komentoni").click()
    return typed


@override_settings(CONSULTATIONS_COMMENTS_PER_MINUTE=1)
def test_a_rate_limited_comment_keeps_its_text_with_javascript(page, live_server):
    consultation, contract, priorities, durres = make_consultation()
    citizen = UserFactory(email="besa@example.org", municipality=durres, verified=True)
    sign_in(page, live_server, citizen.email, consultation.url)
    typed = _comment_twice(page, consultation, priorities)
    form = page.locator(f"#comment-form-{priorities[0].pk}")
    expect(form.get_by_label("Komenti juaj")).to_have_value(typed)
    expect(form.get_by_label("Komenti juaj")).to_be_in_viewport()
    expect(form.get_by_role("alert")).to_contain_text("prisni një minutë")
    expect(form.get_by_role("alert")).to_be_in_viewport()
    assert list(Comment.objects.values_list("body", flat=True)) == ["I pari"]


@override_settings(CONSULTATIONS_COMMENTS_PER_MINUTE=1)
def test_a_rate_limited_comment_keeps_its_text_without_javascript(browser, live_server):
    consultation, contract, priorities, durres = make_consultation()
    citizen = UserFactory(email="besa@example.org", municipality=durres, verified=True)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/sq/accounts/login/?next={consultation.url}")
        page.locator('input[name="login"]').fill(citizen.email)
        page.locator('input[name="password"]').fill(PASSWORD)
        with page.expect_navigation():
            page.locator('form[action*="/accounts/login/"] [type="submit"]').click()
        box = priority_box(page, priorities[0])
        box.locator("summary", has_text="Shkruani një koment").click()
        box.get_by_label("Komenti juaj").fill("I pari")
        with page.expect_navigation():
            box.get_by_role("button", name="Komentoni").click()
        box = priority_box(page, priorities[0])
        box.locator("summary", has_text="Shkruani një koment").click()
        box.get_by_label("Komenti juaj").fill("Nuk humbet")
        with page.expect_navigation():
            box.get_by_role("button", name="Komentoni").click()
        assert page.url.endswith(f"#comment-form-{priorities[0].pk}")
        form = page.locator(f"#comment-form-{priorities[0].pk}")
        expect(form.get_by_label("Komenti juaj")).to_have_value("Nuk humbet")
        expect(form.locator(".field__error")).to_contain_text("prisni një minutë")
        expect(form.locator(".field__error")).to_be_in_viewport()
    finally:
        context.close()
    assert Comment.objects.count() == 1


def test_a_candidates_positions_survive_review_and_sign(page, live_server):
    consultation, contract, priorities = make_contract()
    user = UserFactory(email="teuta@example.org", verified=True)
    candidacy = CandidacyFactory(contract=contract, full_name="Teuta Kodra", user=user)
    sign_in(page, live_server, user.email, f"/en/candidates/{candidacy.pk}/")
    visit(page, f"{live_server.url}/en/candidates/{candidacy.pk}/")
    for priority in priorities:
        page.locator(f"#id_p{priority.pk}-stance").select_option("commit")
        page.locator(f"#id_p{priority.pk}-statement").fill(f"Po: {priority.title}.")
    with navigate(page):
        page.get_by_role("button", name="Save and review the contract to sign it").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign the Social Contract")
    for priority in priorities:
        expect(page.get_by_text(f"Po: {priority.title}.")).to_be_visible()
    assert Position.objects.filter(candidacy=candidacy, stance="commit").count() == 3

    # Leaving the form with unsaved changes asks first.
    visit(page, f"{live_server.url}/en/candidates/{candidacy.pk}/")
    page.locator(f"#id_p{priorities[0].pk}-statement").fill("Ndryshim i paruajtur")
    dialogs = []

    def dismiss(dialog):
        dialogs.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", dismiss)
    page.locator(f"#id_p{priorities[0].pk}-statement").click()  # a user gesture
    page.evaluate("() => { window.location.href = '/en/'; }")
    page.wait_for_timeout(500)
    assert dialogs == ["beforeunload"]
    assert page.url.endswith(f"/en/candidates/{candidacy.pk}/")


def test_the_folded_discussion_opens_and_leads_to_its_page(page, live_server):
    consultation, contract, priorities, durres = make_consultation()
    start = datetime.datetime(2026, 1, 1, 10, tzinfo=datetime.UTC)
    for n in range(5):
        CommentFactory(
            priority=priorities[0],
            body=f"Mendimi {n}",
            created_at=start + datetime.timedelta(minutes=n),
        )
    citizen = UserFactory(email="besa@example.org", municipality=durres, verified=True)
    sign_in(page, live_server, citizen.email, consultation.url)
    box = priority_box(page, priorities[0])
    expect(box.locator(".comment__body")).to_have_count(3)
    expect(box.get_by_text("Mendimi 0")).to_have_count(0)
    form = box.locator(f"#comment-form-{priorities[0].pk}")
    expect(form).to_be_hidden()
    box.locator("summary", has_text="Shkruani një koment").click()
    expect(form).to_be_visible()
    with navigate(page):
        box.get_by_role("link", name="Lexoni gjithë diskutimin (5 komente)").click()
    assert page.url.endswith(f"/priorities/{priorities[0].pk}/discussion/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(priorities[0].title)
    expect(page.locator(".comment__body")).to_have_count(5)
    page.get_by_label("Komenti juaj").fill("Nga faqja e diskutimit")
    with navigate(page):
        page.get_by_role("button", name="Komentoni").click()
    assert "/discussion/?page=1#comment-" in page.url
    expect(page.locator(".comment__body").first).to_have_text("Nga faqja e diskutimit")


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_the_header_menu_folds_on_a_phone(browser, live_server, javascript):
    consultation, contract, priorities, durres = make_consultation()
    context = browser.new_context(viewport=PHONE, java_script_enabled=javascript)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}{consultation.url}")
        header = page.locator(".site-header")
        height = header.evaluate("(element) => element.getBoundingClientRect().height")
        assert height <= 740 / 6, height
        menu = page.get_by_role("navigation", name="Menyja kryesore")
        search = page.get_by_role("searchbox")
        expect(search).to_be_hidden()
        page.locator(".site-menu__toggle").click()
        expect(search).to_be_visible()
        expect(header.get_by_role("link", name="Hyni")).to_be_visible()
        assert page_width(page) <= PHONE["width"]
        if menu.count():
            expect(menu).to_be_visible()
        page.locator(".site-menu__toggle").click()
        expect(search).to_be_hidden()
        # On a desktop screen the menu is open and "Menu" is not offered.
        page.set_viewport_size({"width": 1280, "height": 800})
        expect(search).to_be_visible()
        expect(page.locator(".site-menu__toggle")).to_be_hidden()
    finally:
        context.close()


def test_no_page_is_wider_than_a_phone(page, live_server):
    from cms_pages.models import HomePage

    consultation, contract, priorities, durres = make_consultation()
    for n in range(4):
        CommentFactory(priority=priorities[0], body="fjalë" * 80 + f" {n}")
    home = HomePage.objects.get(locale__language_code="sq", depth=2)
    election = ElectionFactory(name="Zgjedhjet vendore 2019", date=datetime.date(2019, 6, 30))
    for number in range(6):
        place = MunicipalityFactory(name=f"Bashkia me emër të gjatë {number}")
        finalised = FinalisedContractFactory(municipality=place, election=election)
        for status in ("fully", "partially", "not"):
            AssessmentFactory(priority=MonitoredPriorityFactory(contract=finalised), status=status)
    index = ScorecardIndexPage(title="Kartat e vlerësimit", slug="kartat")
    home.add_child(instance=index)
    create_aliases_for_new_page(index)
    citizen = UserFactory(email="besa@example.org", municipality=durres, verified=True)
    page.set_viewport_size(PHONE)
    for url in (
        index.url,
        consultation.url,
        f"{consultation.url}priorities/{priorities[0].pk}/discussion/",
    ):
        visit(page, f"{live_server.url}{url}")
        assert page_width(page) <= PHONE["width"], (url, page_width(page))
    sign_in(page, live_server, citizen.email, consultation.url)
    assert page_width(page) <= PHONE["width"], page_width(page)
