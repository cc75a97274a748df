"""A council session in a browser: a monitor of Durrës records a session and
its three decisions against two priorities, an editor publishes it, and the
municipality's public pages show them. The staff read the admin in English
(their profile's choice) so the journey needs no catalogue merge."""

import datetime

import pytest
from playwright.sync_api import expect

from wagtail.users.models import UserProfile

from scorecards.models import CouncilDecision, CouncilSession

from ..accounts.factories import UserFactory
from .helpers import navigate, visit
from .test_cms_editor import page  # noqa: F401 - waits for the admin's messages to fade in
from .test_consultations import sign_in
from .test_scorecards import make_scorecards

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def staff(email, **fields):
    user = UserFactory(email=email, verified=True, **fields)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


def test_monitor_enters_a_session_an_editor_publishes_the_public_sees_it(page, live_server):  # noqa: F811
    _contract, priorities, durres = make_scorecards()
    water, kindergartens, _light = priorities
    staff("monitori@example.org", groups=["Monitors"], staff_municipality=durres)
    staff("redaktori@example.org", groups=["Editors"])
    day = datetime.date.today() - datetime.timedelta(days=20)

    sign_in(page, live_server, "monitori@example.org", "/sq/")
    visit(page, f"{live_server.url}/admin/snippets/scorecards/councilsession/add/")
    page.locator("#id_municipality").select_option(str(durres.pk))
    page.locator("#id_date").fill(day.isoformat())
    page.locator("#id_session_type").select_option("extraordinary")
    page.locator("#id_agenda").fill("1. Uji i pijshëm.\n2. Kopshtet.")
    with navigate(page):
        page.get_by_role("button", name="Save").first.click()
    expect(page.get_by_role("heading", name="Decisions of the session")).to_be_visible()
    rows = [
        ("101", "Rrjeti i ujit në lagjen e re", "approved", "2500000", [water]),
        ("102", "Dy kopshte të reja", "approved", "", [kindergartens, water]),
        ("103", "Kopshti i tretë", "postponed", "", [kindergartens]),
    ]
    for n, (number, title, outcome, amount, concerned) in enumerate(rows):
        page.locator(f"#id_decisions-{n}-number").fill(number)
        page.locator(f"#id_decisions-{n}-title").fill(title)
        page.locator(f"#id_decisions-{n}-outcome").select_option(outcome)
        page.locator(f"#id_decisions-{n}-amount").fill(amount)
        for priority in concerned:
            page.locator(f"#decision-row-{n + 1}").get_by_label(
                f"#{priority.pk} {priority.title}"
            ).check()
    with navigate(page):
        page.get_by_role("button", name="Save the decisions").click()
    expect(page.get_by_text("3 decisions saved.")).to_be_visible()
    session = CouncilSession.objects.get()
    assert not session.is_published
    assert CouncilDecision.objects.filter(priorities=kindergartens).count() == 2

    page.context.clear_cookies()
    sign_in(page, live_server, "redaktori@example.org", "/sq/")
    visit(page, f"{live_server.url}/admin/scorecards/council/{session.pk}/decisions/")
    with navigate(page):
        page.get_by_role("link", name="Publish the session").click()
    with navigate(page):
        page.get_by_role("button", name="Yes, publish").click()
    session.refresh_from_db()
    assert session.is_published

    visit(page, f"{live_server.url}/en/kartat/durres/council/")
    expect(page.get_by_role("heading", name="Council sessions", level=1)).to_be_visible()
    with navigate(page):
        page.locator(".council-sessions a").first.click()
    expect(page.locator(".council-decision")).to_have_count(3)
    expect(page.get_by_text("Dy kopshte të reja")).to_be_visible()
    visit(page, f"{live_server.url}/en/kartat/durres/")
    expect(
        page.locator(f"#priority-{kindergartens.pk} .council-priority-decisions li")
    ).to_have_count(2)
    expect(page.locator(f"#priority-{water.pk} .council-priority-decisions li")).to_have_count(2)
