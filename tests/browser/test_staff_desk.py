"""An editor's day from the desk, in a browser: the dashboard shows what
waits; from it the editor hides a reported comment, closes a consultation
early and finalises it, previews a monitor's round and publishes it.

Each step is a function taking the labels it expects, so the same journey
runs with the admin in Albanian (staff's default) and, for a member of
staff who chose English, in English. In Albanian no screen of the journey
shows any of the English labels."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from django.utils import timezone

from consultations.models import CommentState, Phase, Report
from scorecards.models import Assessment, Status

from ..accounts.factories import UserFactory
from ..cms_pages.factories import ElectionFactory, MunicipalityFactory
from ..consultations.factories import CommentFactory, PriorityFactory, SocialContractFactory
from ..scorecards.factories import (
    AssessmentFactory,
    FinalisedContractFactory,
    MonitoredPriorityFactory,
)
from .helpers import navigate, visit
from .test_cms_editor import page  # noqa: F401 - waits for the admin's messages to fade in
from .test_consultations import sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DAY = datetime.timedelta(days=1)

ENGLISH = {
    "comments_panel": "Comments to moderate",
    "consultations_panel": "Consultations to act on",
    "drafts_panel": "Draft assessments to publish",
    "reported": "Reported comments",
    "hide_reason": "Reason for hiding",
    "hide": "Hide",
    "hidden": "Comment hidden.",
    "close_reason": "Reason for closing early",
    "close_confirm": "I understand that citizens can no longer support or comment from now on.",
    "close": "Close the consultation now",
    "closed": "The consultation is closed. You can finalise the contract now.",
    "finalise": "Finalise the contract",
    "finalised": "The contract is finalised.",
    "publish_drafts": "Publish the 2 drafts",
    "preview_note": "Nothing is published until you confirm.",
    "confirm_publish": "Confirm: publish 2 assessments",
    "published": "2 assessments published.",
    "fully": "Fully addressed",
    "not_yet": "Not yet assessed",
}

ALBANIAN = {
    "comments_panel": "Komente për moderim",
    "consultations_panel": "Konsultime që kërkojnë veprim",
    "drafts_panel": "Vlerësime draft për t'u publikuar",
    "reported": "Komente të raportuara",
    "hide_reason": "Arsyeja e fshehjes",
    "hide": "Fshiheni",
    "hidden": "Komenti u fsheh.",
    "close_reason": "Arsyeja e mbylljes së parakohshme",
    "close_confirm": "E kuptoj që qytetarët nuk mund të mbështesin apo të komentojnë më që tani.",
    "close": "Mbyllni konsultimin tani",
    "closed": "Konsultimi u mbyll. Tani mund ta finalizoni kontratën.",
    "finalise": "Finalizoni kontratën",
    "finalised": "Kontrata u finalizua.",
    "publish_drafts": "Publikoni 2 drafte",
    "preview_note": "Asgjë nuk publikohet derisa ta konfirmoni.",
    "confirm_publish": "Konfirmoni: publikoni 2 vlerësime",
    "published": "2 vlerësime u publikuan.",
    "fully": "Plotësisht i adresuar",
    "not_yet": "Ende i pavlerësuar",
}
# What the same screens show in English besides the labels above.
ENGLISH_ONLY = [*ENGLISH.values(), "Dashboard", "Pages", "Search", "Reports", "Settings", "Help"]


class NoEnglish:
    """Fails the journey on a screen that shows any English string."""

    def __init__(self, tab):
        self.tab = tab

    def check(self):
        text = self.tab.locator("body").inner_text()
        found = [s for s in ENGLISH_ONLY if re.search(rf"(?<!\w){re.escape(s)}(?!\w)", text)]
        assert not found, f"English on {self.tab.url}: {found}"


def make_desk():
    """A finalised Durrës contract with a monitor's two drafts of the
    2021-12-31 round; an open Fier consultation closing in three days, with
    a reported comment."""
    durres = MunicipalityFactory(name="Durrës", slug="durres")
    election = ElectionFactory(name="Zgjedhjet vendore 2019", date=datetime.date(2019, 6, 30))
    finalised = FinalisedContractFactory(municipality=durres, election=election)
    monitored = [
        MonitoredPriorityFactory(contract=finalised, title=title, order=n)
        for n, title in enumerate(["Ujë çdo ditë", "Kopshte", "Ndriçim"])
    ]
    monitor = UserFactory(
        email="monitori@example.org", verified=True, groups=["Monitors"], staff_municipality=durres
    )
    for priority, status in zip(monitored[:2], [Status.FULLY, Status.PARTIALLY], strict=True):
        AssessmentFactory(
            priority=priority,
            as_of=datetime.date(2021, 12, 31),
            status=status,
            published_at=None,
            author=monitor,
        )
    now = timezone.now()
    fier = MunicipalityFactory(name="Fier", slug="fier")
    consultation = SocialContractFactory(
        municipality=fier,
        election=ElectionFactory(name="Zgjedhjet vendore 2027", date=datetime.date(2027, 5, 9)),
        opens_at=now - 20 * DAY,
        closes_at=now + 3 * DAY,
    )
    open_priorities = [
        PriorityFactory(contract=consultation, title=title, order=n)
        for n, title in enumerate(["Park për fëmijët", "Rrugë e re"])
    ]
    comment = CommentFactory(priority=open_priorities[0], body="Një koment fyes.")
    Report.objects.create(comment=comment, reporter=UserFactory(), reason="Fyerje")
    UserFactory(email="redaktori@example.org", verified=True, groups=["Editors"])
    return {
        "finalised": finalised,
        "monitored": monitored,
        "consultation": consultation,
        "open_priorities": open_priorities,
        "comment": comment,
    }


def desk_panel(tab, heading):
    return tab.locator("section.desk-panel", has=tab.get_by_role("heading", name=heading))


def sees_the_desk(tab, live_server, labels, desk):
    visit(tab, f"{live_server.url}/admin/")
    comments = desk_panel(tab, labels["comments_panel"])
    expect(comments.locator("tr", has_text=labels["reported"])).to_contain_text("1")
    consultations = desk_panel(tab, labels["consultations_panel"])
    expect(consultations).to_contain_text(str(desk["consultation"]))
    drafts = desk_panel(tab, labels["drafts_panel"])
    expect(drafts.locator("tr", has_text=str(desk["finalised"]))).to_contain_text("2")


def hides_the_reported_comment(tab, labels, desk):
    with navigate(tab):
        desk_panel(tab, labels["comments_panel"]).get_by_role(
            "link", name=labels["reported"]
        ).click()
    tab.get_by_label(labels["hide_reason"]).fill("Fyerje personale.")
    with navigate(tab):
        tab.get_by_role("button", name=labels["hide"], exact=True).click()
    expect(tab.get_by_text(labels["hidden"])).to_be_visible()
    desk["comment"].refresh_from_db()
    assert desk["comment"].state == CommentState.HIDDEN


def closes_and_finalises_the_consultation(tab, live_server, labels, desk):
    visit(tab, f"{live_server.url}/admin/")
    with navigate(tab):
        desk_panel(tab, labels["consultations_panel"]).get_by_role(
            "link", name=str(desk["consultation"])
        ).click()
    # Without the confirmation nothing closes, and the reason typed stays.
    tab.get_by_label(labels["close_reason"]).fill("Bashkia kërkoi rezultatet.")
    with navigate(tab):
        tab.get_by_role("button", name=labels["close"]).click()
    expect(tab.get_by_label(labels["close_reason"])).to_have_value("Bashkia kërkoi rezultatet.")
    desk["consultation"].refresh_from_db()
    assert desk["consultation"].phase == Phase.OPEN
    tab.get_by_label(labels["close_confirm"]).check()
    with navigate(tab):
        tab.get_by_role("button", name=labels["close"]).click()
    expect(tab.get_by_text(labels["closed"])).to_be_visible()
    tab.get_by_label(desk["open_priorities"][0].title).check()
    with navigate(tab):
        tab.get_by_role("button", name=labels["finalise"]).click()
    expect(tab.get_by_text(labels["finalised"])).to_be_visible()
    desk["consultation"].refresh_from_db()
    assert desk["consultation"].phase == Phase.FINALISED


def previews_and_publishes_the_round(tab, live_server, labels, desk):
    visit(tab, f"{live_server.url}/admin/")
    with navigate(tab):
        desk_panel(tab, labels["drafts_panel"]).get_by_role(
            "link", name=str(desk["finalised"])
        ).click()
    with navigate(tab):
        tab.get_by_role("button", name=labels["publish_drafts"]).click()
    expect(tab.get_by_text(labels["preview_note"])).to_be_visible()
    first = tab.locator("tr", has_text=desk["monitored"][0].title)
    expect(first).to_contain_text(labels["not_yet"])
    expect(first).to_contain_text(labels["fully"])
    assert not Assessment.objects.published().exists()
    with navigate(tab):
        tab.get_by_role("button", name=labels["confirm_publish"]).click()
    expect(tab.get_by_text(labels["published"])).to_be_visible()
    assert Assessment.objects.published().count() == 2


def test_an_editors_day_from_the_desk_in_albanian(page, live_server):  # noqa: F811
    desk = make_desk()
    page.emulate_media(reduced_motion="reduce")
    english = NoEnglish(page)
    sign_in(page, live_server, "redaktori@example.org", "/admin/")
    sees_the_desk(page, live_server, ALBANIAN, desk)
    english.check()
    hides_the_reported_comment(page, ALBANIAN, desk)
    english.check()
    closes_and_finalises_the_consultation(page, live_server, ALBANIAN, desk)
    english.check()
    previews_and_publishes_the_round(page, live_server, ALBANIAN, desk)
    english.check()


def test_an_editor_who_chose_english_gets_the_desk_in_english(page, live_server):  # noqa: F811
    from django.contrib.auth import get_user_model

    from wagtail.users.models import UserProfile

    desk = make_desk()
    profile = UserProfile.get_for_user(get_user_model().objects.get(email="redaktori@example.org"))
    profile.preferred_language = "en"
    profile.save()
    page.emulate_media(reduced_motion="reduce")
    sign_in(page, live_server, "redaktori@example.org", "/admin/")
    sees_the_desk(page, live_server, ENGLISH, desk)
    hides_the_reported_comment(page, ENGLISH, desk)
