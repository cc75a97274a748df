"""Citable releases: a scorecard frozen as of a date keeps its figures and
each priority's status and evidence whatever is published later (a
back-dated correction changes the live figures, not the release, and the
release lists it); its page, downloads and API; freezing in the admin."""

import datetime
import io

import pytest
from openpyxl import load_workbook

from django.urls import reverse
from django.utils import timezone

from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile

from scorecards import rules
from scorecards.models import Assessment, Release, ReleaseRefused

from ..accounts.factories import UserFactory
from ..cms_pages.factories import MunicipalityFactory
from .factories import (
    AssessmentFactory,
    AssessmentSourceFactory,
    FinalisedContractFactory,
    MonitoredPriorityFactory,
)

pytestmark = pytest.mark.django_db

D = datetime.date
YEAR_1 = D(2020, 12, 31)
TITLES = {"sq": "Viti 1 i mandatit", "en": "Year 1 of the mandate"}


@pytest.fixture
def editor():
    return UserFactory(verified=True, groups=["Editors"])


def monitored(contract, statuses):
    """A priority per status (None: never assessed), assessed as of year 1."""
    priorities = []
    for status in statuses:
        priority = MonitoredPriorityFactory(contract=contract)
        if status:
            assessment = AssessmentFactory(priority=priority, as_of=YEAR_1, status=status)
            AssessmentSourceFactory(assessment=assessment, title="Vendimi", url="https://e.org/v")
        priorities.append(priority)
    return priorities


@pytest.fixture
def network(election, municipality):
    first = FinalisedContractFactory(municipality=municipality, election=election)
    second = FinalisedContractFactory(
        municipality=MunicipalityFactory(name="Shkodër", slug="shkoder"), election=election
    )
    return {
        "first": monitored(first, ["fully", "partially", "not", None]),
        "second": monitored(second, ["partially", "partially"]),
    }


@pytest.fixture
def release(editor, election, network):
    return Release.objects.freeze(editor, election, YEAR_1, TITLES, slug="viti-1")


def release_url(scorecard_index, release, suffix="/"):
    return f"{scorecard_index.url}releases/{release.slug}{suffix}"


def test_freezing_keeps_the_figures_and_each_priority_as_it_stood(release, network, editor):
    assert (release.fully, release.partially, release.not_addressed, release.not_assessed) == (
        1,
        3,
        1,
        1,
    )
    by_slug = {row.slug: row.card for row in release.municipalities.all()}
    assert by_slug["durres"].addressed_percent == 50.0
    assert by_slug["shkoder"].partially_percent == 100.0
    first = release.priorities.get(priority=network["first"][0])
    assert (first.status, first.assessed_as_of) == ("fully", YEAR_1)
    assert first.sources == [{"title": "Vendimi", "url": "https://e.org/v"}]
    assert "Vendimi i këshillit" in first.evidence
    assert release.priorities.get(priority=network["first"][3]).status == ""
    assert ModelLogEntry.objects.filter(
        action="scorecards.release.freeze", user=editor, object_id=str(release.pk)
    ).exists()


def test_freezing_costs_a_fixed_number_of_queries(
    editor, election, network, django_assert_num_queries
):
    with django_assert_num_queries(15):
        Release.objects.freeze(editor, election, YEAR_1, TITLES, slug="a")
    monitored(network["first"][0].contract, ["not", "fully", None, "partially"])
    with django_assert_num_queries(15):
        Release.objects.freeze(editor, election, YEAR_1, TITLES, slug="b")


def test_freezing_refuses_a_taken_address_a_date_to_come_and_nothing_monitored(
    release, editor, election
):
    with pytest.raises(ReleaseRefused):
        Release.objects.freeze(editor, election, YEAR_1, TITLES, slug="viti-1")
    with pytest.raises(ReleaseRefused):
        Release.objects.freeze(
            editor, election, timezone.localdate() + datetime.timedelta(1), TITLES
        )
    with pytest.raises(ReleaseRefused):
        Release.objects.freeze(editor, election, D(2019, 1, 1), TITLES)
    assert Release.objects.count() == 1


def test_a_back_dated_correction_changes_the_live_figures_not_the_release(
    client, release, network, election, en_index
):
    wrong = network["first"][2]
    before, _rows = Assessment.objects.network_scorecard(election, YEAR_1)
    assert before.not_addressed == 1
    correction = AssessmentFactory(priority=wrong, as_of=YEAR_1, status="fully")

    live, _rows = Assessment.objects.network_scorecard(election, YEAR_1)
    assert (live.fully, live.not_addressed) == (2, 0)
    release.refresh_from_db()
    assert (release.fully, release.not_addressed) == (1, 1)
    assert release.priorities.get(priority=wrong).status == "not"

    [change] = release.corrections()
    assert change["item"].priority_id == wrong.pk
    assert change["assessment"] == correction
    assert (change["item"].status, change["assessment"].status) == ("not", "fully")

    response = client.get(release_url(en_index, release))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Corrected since this release" in page
    assert "Not addressed</td>" in page and "Fully addressed</td>" in page
    assert "66.7 % of priorities addressed (4 of 6)" in page


@pytest.fixture
def en_index(scorecard_index, en):
    return scorecard_index.get_translation(en)


def test_release_page_in_both_languages_cites_the_release(
    client, release, scorecard_index, en_index
):
    response = client.get(release_url(scorecard_index, release))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Viti 1 i mandatit" in page
    assert "https://e.org/v" in page
    response = client.get(release_url(en_index, release))
    page = response.content.decode()
    assert "<h1>Year 1 of the mandate</h1>" in page
    assert "Cite as" in page
    assert "POP Network, “Year 1 of the mandate”, scorecard as of" in page
    assert "/releases/viti-1/" in page
    assert "Nothing has been corrected since this release." in page
    listing = client.get(f"{en_index.url}releases/").content.decode()
    assert "Year 1 of the mandate" in listing
    assert client.get(f"{en_index.url}releases/nothing/").status_code == 404


def test_release_page_query_budget_at_two_data_sizes(
    client, editor, election, network, en_index, django_assert_max_num_queries
):
    small = Release.objects.freeze(editor, election, YEAR_1, TITLES, slug="small")
    contract = FinalisedContractFactory(
        municipality=MunicipalityFactory(name="Vlorë", slug="vlore"), election=election
    )
    monitored(contract, ["fully", "not", "partially"] * 5)
    large = Release.objects.freeze(editor, election, YEAR_1, TITLES, slug="large")
    for release in (small, large):
        client.get(release_url(en_index, release))  # warm the per-process caches
        with django_assert_max_num_queries(19):  # 5 for the release, 14 the site's chrome
            assert client.get(release_url(en_index, release)).status_code == 200


def test_release_downloads_are_the_frozen_table_and_formula_safe(
    client, release, network, en_index
):
    priority = network["first"][0]
    priority.title = '=HYPERLINK("http://evil")'
    priority.save()
    frozen = release.priorities.get(priority=priority)
    frozen.titles = {"sq": priority.title, "en": priority.title}
    frozen.save()
    response = client.get(release_url(en_index, release, "/csv/"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    assert "Fully addressed" in text and "2020-12-31" in text
    assert "'=HYPERLINK" in text
    response = client.get(release_url(en_index, release, "/xlsx/"), {"table": "figures"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[-1][0] == "All municipalities"
    assert rows[-1][1:5] == (1, 3, 1, 1)
    assert client.get(f"{en_index.url}releases/nothing/csv/").status_code == 404


def test_release_api(client, release, network):
    listing = client.get("/api/v1/releases")
    assert listing.status_code == 200
    [item] = listing.json()["items"]
    assert item["slug"] == "viti-1"
    assert item["title"] == TITLES
    assert item["network"]["addressed"] == 4
    etag = listing["ETag"]
    assert client.get("/api/v1/releases", HTTP_IF_NONE_MATCH=etag).status_code == 304

    AssessmentFactory(priority=network["first"][2], as_of=YEAR_1, status="fully")
    detail = client.get("/api/v1/releases/viti-1").json()
    assert detail["network"]["not_addressed"] == 1  # as frozen
    assert {m["slug"] for m in detail["municipalities"]} == {"durres", "shkoder"}
    assert len(detail["priorities"]) == 6
    [correction] = detail["corrections"]
    assert correction == {
        "priority_id": network["first"][2].pk,
        "status_in_release": "not",
        "status_today": "fully",
        "published_at": correction["published_at"],
    }
    assert client.get("/api/v1/releases/nothing").status_code == 404
    assert client.get("/api/v1/releases/bad%20slug").status_code == 422
    assert client.get("/api/v1/releases", {"page_size": 1000}).status_code == 422


def test_only_editors_freeze_releases(editor, election):
    monitor = UserFactory(verified=True, groups=["Monitors"])
    assert rules.can_freeze_release(editor)
    for user in (monitor, UserFactory(verified=True)):
        assert rules.can_freeze_release(user).reason == "not_editor"


def test_editor_previews_then_freezes_in_the_admin(client, editor, election, network):
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(editor)
    data = {
        "election": election.pk,
        "as_of": "2020-12-31",
        "slug": "viti-1",
        "title_sq": TITLES["sq"],
        "title_en": TITLES["en"],
    }
    url = reverse("scorecards_release_freeze")
    preview = client.post(url, data)
    assert preview.status_code == 200
    assert preview.context["preview"]["network"].addressed == 4
    assert "Confirm: freeze this release" in preview.content.decode()
    assert not Release.objects.exists()

    response = client.post(url, {**data, "confirm": "yes"})
    assert response.status_code == 302
    release = Release.objects.get()
    assert release.titles == TITLES
    assert release.frozen_by == editor

    again = client.post(url, {**data, "confirm": "yes"})
    assert again.status_code == 200
    assert "exists already" in again.content.decode()
    assert 'value="Year 1 of the mandate"' in again.content.decode()  # nothing typed lost
    listing = client.get(reverse("scorecards_releases"))
    assert "Year 1 of the mandate" in listing.content.decode()


def test_monitors_cannot_freeze(client, municipality):
    monitor = UserFactory(verified=True, groups=["Monitors"], staff_municipality=municipality)
    client.force_login(monitor)
    assert client.get(reverse("scorecards_release_freeze")).status_code == 403
    assert client.post(reverse("scorecards_release_freeze"), {}).status_code == 403
    assert client.get(reverse("scorecards_releases")).status_code == 403
