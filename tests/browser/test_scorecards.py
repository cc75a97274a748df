"""Monitoring journeys in a browser: a monitor records an assessment round
for their municipality in the admin, an editor reviews and publishes it, and
the municipality's scorecard and the network page show the new figures."""

import datetime

import pytest
from playwright.sync_api import expect

from wagtail_localize.synctree import create_aliases_for_new_page

from scorecards.models import Assessment, MunicipalityScorecardPage, ScorecardIndexPage

from ..accounts.factories import UserFactory
from ..cms_pages.factories import ElectionFactory, MunicipalityFactory
from ..scorecards.factories import FinalisedContractFactory, MonitoredPriorityFactory
from .helpers import navigate, visit
from .test_cms_editor import page  # noqa: F401 - waits for the admin's messages to fade in
from .test_consultations import sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def make_scorecards():
    from cms_pages.models import HomePage

    home = HomePage.objects.get(locale__language_code="sq", depth=2)
    durres = MunicipalityFactory(name="Durrës", slug="durres")
    election = ElectionFactory(name="Zgjedhjet vendore 2019", date=datetime.date(2019, 6, 30))
    contract = FinalisedContractFactory(municipality=durres, election=election)
    priorities = [
        MonitoredPriorityFactory(contract=contract, title=title, order=n)
        for n, title in enumerate(["Ujë çdo ditë", "Kopshte", "Ndriçim"])
    ]
    index = ScorecardIndexPage(title="Kartat e vlerësimit", slug="kartat")
    home.add_child(instance=index)
    create_aliases_for_new_page(index)
    scorecard = MunicipalityScorecardPage(title="Durrësi", slug="durres", municipality=durres)
    index.add_child(instance=scorecard)
    create_aliases_for_new_page(scorecard)
    return contract, priorities, durres


def test_monitor_records_a_round_and_an_editor_publishes_it(page, live_server):  # noqa: F811
    contract, priorities, durres = make_scorecards()
    UserFactory(
        email="monitori@example.org", verified=True, groups=["Monitors"], staff_municipality=durres
    )
    UserFactory(email="redaktori@example.org", verified=True, groups=["Editors"])
    # Wagtail's admin messages fade in; axe must not judge their contrast mid-fade.
    page.emulate_media(reduced_motion="reduce")

    sign_in(page, live_server, "monitori@example.org", "/sq/")
    visit(page, f"{live_server.url}/admin/scorecards/round/")
    page.get_by_label("Kontrata sociale").select_option(str(contract.pk))
    page.get_by_label("Deri më").fill("2021-12-31")
    with navigate(page):
        page.get_by_role("button", name="Shfaqni prioritetet").click()
    first, second, third = priorities
    page.get_by_label("Statusi: Ujë çdo ditë").select_option("fully")
    page.get_by_label("Dëshmitë: Ujë çdo ditë").fill("Furnizimi 24 orë në qendër.")
    page.get_by_label("Adresa e burimit: Ujë çdo ditë").fill("https://example.org/uje")
    page.get_by_label("Statusi: Kopshte").select_option("partially")
    # A row with a status but no evidence is refused, and what was typed stays.
    with navigate(page):
        page.get_by_role("button", name="Ruajini si drafte").click()
    expect(page.locator(f"#round-{second.pk}")).to_contain_text(
        "Shpjegoni shkurtimisht mbi çfarë bazohet statusi"
    )
    expect(page.get_by_label("Dëshmitë: Ujë çdo ditë")).to_have_value("Furnizimi 24 orë në qendër.")
    assert not Assessment.objects.exists()
    page.get_by_label("Dëshmitë: Kopshte").fill("Dy kopshte të reja, një në ndërtim.")
    with navigate(page):
        page.get_by_role("button", name="Ruajini si drafte").click()
    expect(page.get_by_text("2 vlerësime draft u regjistruan")).to_be_visible()
    assert Assessment.objects.drafts().count() == 2
    expect(page.get_by_role("button", name="Publikoni 2 drafte")).to_have_count(0)
    round_url = page.url

    page.context.clear_cookies()
    sign_in(page, live_server, "redaktori@example.org", "/sq/")
    visit(page, round_url)
    with navigate(page):
        page.get_by_role("button", name="Publikoni 2 drafte").click()
    assert not Assessment.objects.published().exists()  # the preview publishes nothing
    with navigate(page):
        page.get_by_role("button", name="Konfirmoni: publikoni 2 vlerësime").click()
    expect(page.get_by_text("2 vlerësime u publikuan.")).to_be_visible()
    assert Assessment.objects.published().count() == 2

    visit(page, f"{live_server.url}/en/kartat/durres/?as_of=2021-12-31")
    expect(page.locator(".scorecard-headline")).to_contain_text(
        "66.7 % of priorities addressed (2 of 3)."
    )
    expect(page.locator(f"#priority-{first.pk}")).to_contain_text("Furnizimi 24 orë në qendër.")
    expect(page.locator(f"#priority-{third.pk}")).to_contain_text("Not yet assessed")
    visit(page, f"{live_server.url}/en/kartat/?as_of=2021-12-31")
    row = page.locator("#compare-title ~ .table-scroll tbody tr", has_text="Durrës")
    expect(row).to_contain_text("1 (33.3 %)")
    expect(row).to_contain_text("66.7 %")
