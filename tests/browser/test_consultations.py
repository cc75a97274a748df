"""Consultation journeys in a browser: a citizen supports, comments, replies,
withdraws and meets the cap, with and without JavaScript; a moderator hides a
reported comment; an editor finalises a contract."""

import pytest
from playwright.sync_api import expect

from wagtail_localize.synctree import create_aliases_for_new_page

from consultations.models import (
    Comment,
    CommentState,
    ConsultationIndexPage,
    ConsultationPage,
    Phase,
    Vote,
)

from ..accounts.factories import PASSWORD, UserFactory
from ..cms_pages.factories import MunicipalityFactory
from ..consultations.factories import CommentFactory, PriorityFactory, SocialContractFactory
from .helpers import navigate, visit

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def sign_in(page, live_server, email, next_url):
    visit(page, f"{live_server.url}/sq/accounts/login/?next={next_url}")
    page.locator('input[name="login"]').fill(email)
    page.locator('input[name="password"]').fill(PASSWORD)
    with navigate(page):
        page.locator('form[action*="/accounts/login/"] [type="submit"]').click()


def make_consultation(phase=Phase.OPEN, **fields):
    from cms_pages.models import HomePage

    home = HomePage.objects.get(locale__language_code="sq", depth=2)
    durres = MunicipalityFactory(name="Durrës", slug="durres")
    contract = SocialContractFactory(municipality=durres, phase=phase, **fields)
    priorities = [
        PriorityFactory(contract=contract, title=title, order=n)
        for n, title in enumerate(["Ujë çdo ditë", "Kopshte", "Ndriçim", "Rrugë"])
    ]
    index = ConsultationIndexPage(title="Konsultimet", slug="konsultimet")
    home.add_child(instance=index)
    create_aliases_for_new_page(index)
    page = ConsultationPage(title="Kontrata e Durrësit", slug="durres", contract=contract)
    index.add_child(instance=page)
    create_aliases_for_new_page(page)
    return page, contract, priorities, durres


def priority_box(page, priority):
    return page.locator(f"#priority-{priority.pk}")


@pytest.mark.parametrize("javascript", [False, True], ids=["without-js", "with-js"])
def test_citizen_supports_withdraws_and_meets_the_cap(page, live_server, javascript):
    consultation, contract, priorities, durres = make_consultation(max_supports=2)
    citizen = UserFactory(email="besa@example.org", municipality=durres, verified=True)
    if not javascript:
        page.route("**/consultations.js", lambda route: route.abort())
    url = f"{live_server.url}{consultation.url}"
    sign_in(page, live_server, citizen.email, consultation.url)
    assert page.url == url

    for priority in priorities[:2]:
        button = priority_box(page, priority).get_by_role("button", name="Mbështetni")
        if javascript:
            button.click()
            expect(priority_box(page, priority).locator("[data-support-count]")).to_have_text("1")
            withdraw = priority_box(page, priority).get_by_role(
                "button", name="Tërhiqni mbështetjen"
            )
            expect(withdraw).to_be_focused()
            expect(
                priority_box(page, priority).locator("[data-support-feedback]")
            ).not_to_be_empty()
        else:
            with navigate(page):
                button.click()
            assert page.url == f"{url}#priority-{priority.pk}"
            expect(priority_box(page, priority).locator("[data-support-count]")).to_have_text("1")
    assert Vote.objects.filter(citizen=citizen).count() == 2

    # The cap: the other buttons cannot be used, and say why.
    third = priority_box(page, priorities[2]).get_by_role("button", name="Mbështetni")
    expect(third).to_be_disabled()
    expect(priority_box(page, priorities[2]).locator("[data-cap-note]")).to_be_visible()
    expect(page.locator("[data-supports-summary]")).to_contain_text("2 nga 2")
    assert Vote.objects.filter(citizen=citizen).count() == 2

    # Withdraw one, then the third can be supported.
    withdraw = priority_box(page, priorities[0]).get_by_role("button", name="Tërhiqni mbështetjen")
    if javascript:
        withdraw.click()
        expect(priority_box(page, priorities[0]).locator("[data-support-count]")).to_have_text("0")
        priority_box(page, priorities[2]).get_by_role("button", name="Mbështetni").click()
        expect(priority_box(page, priorities[2]).locator("[data-support-count]")).to_have_text("1")
    else:
        with navigate(page):
            withdraw.click()
        with navigate(page):
            priority_box(page, priorities[2]).get_by_role("button", name="Mbështetni").click()
    assert set(Vote.objects.filter(citizen=citizen).values_list("priority", flat=True)) == {
        priorities[1].pk,
        priorities[2].pk,
    }


def test_citizen_comments_and_replies(page, live_server):
    consultation, contract, priorities, durres = make_consultation()
    other = UserFactory(display_name="Dritan", municipality=durres, verified=True)
    first = CommentFactory(priority=priorities[0], author=other, body="Uji mungon pasditeve.")
    citizen = UserFactory(email="besa@example.org", municipality=durres, verified=True)
    sign_in(page, live_server, citizen.email, consultation.url)

    box = priority_box(page, priorities[0])
    box.locator("summary", has_text="Shkruani një koment").click()
    box.get_by_label("Komenti juaj").fill("Shih https://example.org/uji")
    with navigate(page):
        box.get_by_role("button", name="Komentoni").click()
    expect(page.get_by_role("link", name="https://example.org/uji")).to_have_attribute(
        "rel", "nofollow ugc"
    )

    # Newest first: Dritan's comment is now the second thread. Its reply
    # form is on the discussion page, open.
    with navigate(page):
        page.locator(f"li:has(> #comment-{first.pk}) > .reply-link a").click()
    reply_form = page.locator(f"#reply-form-{first.pk}")
    expect(reply_form).to_be_visible()
    reply_form.get_by_label("Përgjigjja juaj").fill("Edhe te ne.")
    with navigate(page):
        reply_form.get_by_role("button", name="Përgjigjuni").click()
    reply = Comment.objects.get(body="Edhe te ne.")
    assert reply.parent.author == other
    expect(page.locator(f"#comment-{reply.pk}")).to_contain_text("Edhe te ne.")


def test_moderator_hides_a_reported_comment(page, live_server):
    consultation, contract, priorities, durres = make_consultation()
    comment = CommentFactory(priority=priorities[0], body="Fjalë fyese")
    comment.reports.create(reporter=UserFactory(), reason="Fyerje")
    UserFactory(email="moderatori@example.org", verified=True, groups=["Moderators"])
    # Wagtail's admin messages fade in; axe must not judge their contrast mid-fade.
    page.emulate_media(reduced_motion="reduce")
    # Signing in on the public site: its "signed in" message stays there.
    sign_in(page, live_server, "moderatori@example.org", consultation.url)
    visit(page, f"{live_server.url}/admin/consultations/moderation/")
    row = page.locator(f"#moderation-{comment.pk}")
    expect(row).to_contain_text("Fyerje")
    row.get_by_label("Arsyeja e fshehjes").fill("Gjuhë fyese")
    with navigate(page):
        row.get_by_role("button", name="Fshiheni").click()
    comment.refresh_from_db()
    assert comment.state == CommentState.HIDDEN
    visit(page, f"{live_server.url}{consultation.url}")
    expect(page.get_by_text("Fjalë fyese")).to_have_count(0)


def test_editor_finalises_a_contract(page, live_server):
    consultation, contract, priorities, durres = make_consultation(phase=Phase.CLOSED)
    UserFactory(email="redaktori@example.org", verified=True, groups=["Editors"])
    sign_in(page, live_server, "redaktori@example.org", consultation.url)
    visit(page, f"{live_server.url}/admin/consultations/contracts/{contract.pk}/finalise/")
    page.get_by_label("Ujë çdo ditë").check()
    page.get_by_label("Kopshte").check()
    with navigate(page):
        page.get_by_role("button", name="Finalizoni kontratën").click()
    contract.refresh_from_db()
    assert contract.phase == Phase.FINALISED
    visit(page, f"{live_server.url}{consultation.url}")
    contract_box = page.locator(".consultation-contract")
    expect(contract_box).to_contain_text("Ujë çdo ditë")
    expect(contract_box).not_to_contain_text("Ndriçim")


def test_citizen_suggests_a_priority_and_reports_a_comment(page, live_server):
    consultation, contract, priorities, durres = make_consultation()
    comment = CommentFactory(priority=priorities[0], body="Reklamë e bezdisshme")
    citizen = UserFactory(email="besa@example.org", municipality=durres, verified=True)
    sign_in(page, live_server, citizen.email, consultation.url)

    with navigate(page):
        page.get_by_role("link", name="Sugjeroni një prioritet që mungon").click()
    page.get_by_label("Prioriteti", exact=True).fill("Biçikleta publike")
    with navigate(page):
        page.get_by_role("button", name="Dërgoni sugjerimin").click()
    expect(page.locator("#your-suggestions")).to_contain_text("Biçikleta publike")

    with navigate(page):
        page.locator(f"#comment-{comment.pk}").get_by_role("link", name="Raportoni").click()
    page.get_by_label("Pse duhet ta shqyrtojë një moderator këtë koment?").fill("Spam")
    with navigate(page):
        page.get_by_role("button", name="Raportoni").click()
    assert comment.reports.count() == 1
