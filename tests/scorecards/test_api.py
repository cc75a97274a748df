"""The open-data JSON API: what each resource shows (both languages, published
assessments only, nothing about people), the scorecards as of a date, bad
input, pagination, caching and read-only methods."""

import datetime
import re

import pytest

from django.core.files.base import ContentFile
from django.utils import timezone, translation
from django.utils.translation import gettext

from wagtail.documents import get_document_model

from cms_pages.models import Election, Municipality
from scorecards.models import AssessmentDocument

from ..accounts.factories import UserFactory
from ..cms_pages.factories import ElectionFactory, MunicipalityFactory
from .factories import (
    AssessmentFactory,
    AssessmentSourceFactory,
    FinalisedContractFactory,
    MonitoredPriorityFactory,
)

pytestmark = pytest.mark.django_db

D = datetime.date
API = "/api/v1"


def translate(obj, en, **fields):
    """The English translation of a translatable row, with these texts."""
    translation = obj.copy_for_translation(en)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save()
    return translation


@pytest.fixture
def election():
    return ElectionFactory(name="Zgjedhjet vendore 2019", date=D(2019, 6, 30))


@pytest.fixture
def contract(election, municipality):
    return FinalisedContractFactory(municipality=municipality, election=election)


@pytest.fixture
def people():
    return {
        "author": UserFactory(email="monitor@example.org", display_name="Monitori Besnik"),
        "publisher": UserFactory(email="editor@example.org", display_name="Redaktorja Lule"),
    }


@pytest.fixture
def assessed(contract, people, en):
    """Durrës 2019: four priorities (the first translated), assessed fully,
    partially after not, not, and one only in a draft."""
    first, second, third, fourth = MonitoredPriorityFactory.create_batch(
        4, contract=contract, description="Ujë të pijshëm çdo ditë."
    )
    translate(first, en, title="Drinking water", description="Drinking water every day.")
    translate(contract.municipality, en, name="Durres")
    translate(contract.election, en, name="Local elections 2019")
    who = {"author": people["author"], "published_by": people["publisher"]}
    AssessmentFactory(priority=first, as_of=D(2020, 12, 31), status="fully", **who)
    AssessmentFactory(priority=second, as_of=D(2020, 12, 31), status="not", **who)
    later = AssessmentFactory(
        priority=second,
        as_of=D(2021, 12, 31),
        status="partially",
        evidence='<p>Buxheti <a href="https://example.org/b">2022</a> &amp; punimet.</p>'
        "<ul><li>Faza 1</li></ul>",
        **who,
    )
    AssessmentSourceFactory(assessment=later, title="Buxheti 2022", url="https://example.org/b")
    document = get_document_model().objects.create(
        title="Vendimi i këshillit", file=ContentFile(b"%PDF-1.4", name="vendimi.pdf")
    )
    AssessmentDocument.objects.create(assessment=later, document=document)
    AssessmentFactory(priority=third, as_of=D(2021, 12, 31), status="not", **who)
    AssessmentFactory(
        priority=fourth, as_of=D(2021, 12, 31), status="fully", published_at=None, **who
    )
    return [first, second, third, fourth]


def get(client, path, **params):
    response = client.get(f"{API}{path}", params)
    return response


def test_municipalities_in_both_languages(client, assessed):
    MunicipalityFactory(name="Shkodër", slug="shkoder")
    response = get(client, "/municipalities")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    body = response.json()
    assert body["count"] == 2
    assert body["items"][0] == {
        "id": assessed[0].contract.municipality_id,
        "slug": "durres",
        "name": {"sq": "Durrës", "en": "Durres"},
    }
    # Without a translation, English repeats the Albanian name.
    assert body["items"][1]["name"] == {"sq": "Shkodër", "en": "Shkodër"}


def test_elections_latest_first(client, election, en):
    ElectionFactory(name="Zgjedhjet vendore 2023", date=D(2023, 5, 14))
    translate(election, en, name="Local elections 2019")
    items = get(client, "/elections").json()["items"]
    assert [item["date"] for item in items] == ["2023-05-14", "2019-06-30"]
    assert items[1]["name"] == {"sq": "Zgjedhjet vendore 2019", "en": "Local elections 2019"}
    assert items[1]["id"] == election.pk


def test_contracts_are_the_finalised_ones(client, assessed, election):
    FinalisedContractFactory(finalised_at=None)  # still a consultation
    body = get(client, "/contracts").json()
    assert body["count"] == 1
    item = body["items"][0]
    assert item["municipality"] == "durres"
    assert item["election_id"] == election.pk
    assert item["election_name"] == {"sq": "Zgjedhjet vendore 2019", "en": "Local elections 2019"}
    assert item["priority_count"] == 4
    assert get(client, "/contracts", municipality="shkoder").json()["count"] == 0
    assert get(client, "/contracts", election=election.pk + 1000).json()["count"] == 0


def test_priorities_in_both_languages(client, assessed, election):
    MonitoredPriorityFactory(in_contract=False, contract=assessed[0].contract)  # not chosen
    body = get(client, "/priorities", municipality="durres", election=election.pk).json()
    assert body["count"] == 4
    first = body["items"][0]
    assert first["id"] == assessed[0].pk
    assert first["title"] == {"sq": assessed[0].title, "en": "Drinking water"}
    assert first["description"] == {
        "sq": "Ujë të pijshëm çdo ditë.",
        "en": "Drinking water every day.",
    }
    assert first["sector"]["slug"] == assessed[0].sector.slug
    assert body["items"][1]["title"] == {"sq": assessed[1].title, "en": assessed[1].title}
    # English rows are never listed as priorities of their own.
    assert {item["id"] for item in body["items"]} == {p.pk for p in assessed}


def test_assessments_published_only_without_personal_data(client, assessed, people):
    response = get(client, "/assessments", municipality="durres")
    body = response.json()
    assert body["count"] == 4  # the draft is not shown
    assert assessed[3].pk not in {item["priority_id"] for item in body["items"]}
    raw = response.content.decode()
    for user in people.values():
        assert user.email not in raw
        assert user.display_name not in raw
    assert "author" not in raw
    assert "published_by" not in raw
    latest = next(item for item in body["items"] if item["status"] == "partially")
    assert latest["as_of"] == "2021-12-31"
    assert latest["evidence_html"].startswith('<p>Buxheti <a href="https://example.org/b">')
    assert latest["evidence_text"] == "Buxheti 2022 & punimet.\nFaza 1"
    assert latest["sources"] == [{"title": "Buxheti 2022", "url": "https://example.org/b"}]
    [document] = latest["documents"]
    assert document["title"] == "Vendimi i këshillit"
    assert document["url"].startswith("http://testserver/documents/")
    assert re.search(r"/vendimi[\w]*\.pdf$", document["url"])


def test_assessments_filtered_by_date_and_priority(client, assessed):
    body = get(client, "/assessments", as_of="2020-12-31").json()
    assert {item["status"] for item in body["items"]} == {"fully", "not"}
    body = get(client, "/assessments", priority=assessed[1].pk).json()
    assert [item["as_of"] for item in body["items"]] == ["2021-12-31", "2020-12-31"]


def test_network_scorecard_as_of_a_date(client, assessed, election):
    body = get(client, "/scorecards/network", election=election.pk, as_of="2020-12-31").json()
    assert body["as_of"] == "2020-12-31"
    assert body["election"]["id"] == election.pk
    network = body["network"]
    assert (network["fully"], network["not_addressed"], network["not_assessed"]) == (1, 1, 2)
    assert (network["fully_percent"], network["not_addressed_percent"]) == (25.0, 25.0)
    assert network["score"] == 50.0
    [row] = body["municipalities"]
    assert row["municipality"]["slug"] == "durres"
    assert row["figures"] == network
    later = get(client, "/scorecards/network", as_of="2021-12-31").json()
    assert later["election"]["id"] == election.pk  # the default: the assessed election
    assert later["network"]["addressed"] == 2
    assert later["network"]["addressed_percent"] == 50.0


def test_municipality_scorecard_priority_by_priority(client, assessed, election):
    url = "/scorecards/municipalities/durres"
    body = get(client, url, election=election.pk, as_of="2021-12-31").json()
    assert body["municipality"]["name"] == {"sq": "Durrës", "en": "Durres"}
    assert body["contract_id"] == assessed[0].contract_id
    assert body["figures"]["partially"] == 1
    statuses = {row["id"]: (row["status"], row["assessed_as_of"]) for row in body["priorities"]}
    first, second, third, fourth = assessed
    assert statuses == {
        first.pk: ("fully", "2020-12-31"),
        second.pk: ("partially", "2021-12-31"),
        third.pk: ("not", "2021-12-31"),
        fourth.pk: ("not_yet", None),  # its assessment is a draft
    }
    assert body["priorities"][0]["title"]["en"] == "Drinking water"


def test_today_is_the_default_date(client, assessed):
    body = get(client, "/scorecards/municipalities/durres").json()
    assert body["as_of"] == timezone.localdate().isoformat()
    assert body["figures"]["not_assessed"] == 1


@pytest.mark.parametrize("bad", ["31/12/2020", "2020-02-30", "yesterday"])
def test_an_invalid_date_is_refused_with_a_clear_message(client, assessed, bad):
    for path in ("/scorecards/network", "/scorecards/municipalities/durres", "/assessments"):
        response = get(client, path, as_of=bad)
        assert response.status_code == 422
        [error] = response.json()["detail"]
        assert error["loc"][-1] == "as_of"
        # In the language the request asked for (Albanian by default).
        with translation.override("sq"):
            expected = gettext("Write the date as YYYY-MM-DD, for example 2021-12-31.")
        assert expected != "Write the date as YYYY-MM-DD, for example 2021-12-31."
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", bad):
            # Well formed but impossible: pydantic's own message (English only).
            assert "date" in error["msg"]
        else:
            assert error["msg"].endswith(expected)
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", bad):
        response = client.get(f"{API}/assessments", {"as_of": bad}, HTTP_ACCEPT_LANGUAGE="en")
        [error] = response.json()["detail"]
        assert error["msg"].endswith("Write the date as YYYY-MM-DD, for example 2021-12-31.")


def test_unknown_things_are_not_found(client, assessed, election):
    response = client.get(f"{API}/scorecards/municipalities/tirane", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    assert response.json() == {"detail": "There is no municipality with this slug."}
    response = get(client, "/scorecards/network", election=election.pk + 1000)
    assert response.status_code == 404
    later = ElectionFactory(date=D(2023, 5, 14))
    response = get(client, "/scorecards/municipalities/durres", election=later.pk)
    assert response.status_code == 404
    response = get(client, "/scorecards/municipalities/not a slug")
    assert response.status_code == 422


def test_nothing_monitored_yet(client):
    body = get(client, "/scorecards/network").json()
    assert body["election"] is None
    assert body["network"]["total"] == 0
    assert body["municipalities"] == []


def test_lists_are_paginated_with_a_bounded_page_size(client, assessed):
    body = get(client, "/priorities", page_size=3).json()
    assert (body["count"], len(body["items"])) == (4, 3)
    body = get(client, "/priorities", page_size=3, page=2).json()
    assert len(body["items"]) == 1
    assert get(client, "/priorities", page_size=101).status_code == 422
    assert get(client, "/priorities", page=0).status_code == 422
    assert get(client, "/priorities", page=99).json()["items"] == []


def test_answers_are_cacheable_and_revalidated(client, assessed, election):
    url = f"{API}/scorecards/network?election={election.pk}&as_of=2021-12-31"
    response = client.get(url)
    etag, modified = response["ETag"], response["Last-Modified"]
    assert etag.startswith('"')
    assert "public" in response["Cache-Control"]
    assert "max-age=300" in response["Cache-Control"]
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    # Another question, another tag.
    other = client.get(url.replace("2021-12-31", "2020-12-31"))
    assert other["ETag"] != etag
    # Publishing an assessment changes the answer, and the tag.
    AssessmentFactory(priority=assessed[3], as_of=D(2021, 6, 30), status="fully")
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert changed.json()["network"]["fully"] == 2


def test_errors_are_not_cached(client):
    response = get(client, "/scorecards/municipalities/tirane")
    assert response.status_code == 404
    assert not response.has_header("ETag")


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_read_only(client, assessed, method):
    for path in ("/municipalities", "/assessments", "/scorecards/network"):
        response = getattr(client, method)(f"{API}{path}")
        assert response.status_code == 405
    assert Election.objects.count() == 2  # sq and en rows, untouched


def test_openapi_schema_and_docs_without_internet(client):
    schema = client.get(f"{API}/openapi.json").json()
    assert schema["info"]["version"] == "1"
    assert schema["info"]["title"] == "POP Platform open data"
    assert set(schema["paths"]) == {
        "/api/v1/municipalities",
        "/api/v1/elections",
        "/api/v1/contracts",
        "/api/v1/priorities",
        "/api/v1/assessments",
        "/api/v1/scorecards/network",
        "/api/v1/scorecards/municipalities/{slug}",
        "/api/v1/council/sessions",
        "/api/v1/council/sessions/{session_id}",
        "/api/v1/council/decisions",
        "/api/v1/releases",
        "/api/v1/releases/{slug}",
        "/api/v1/forums",
        "/api/v1/candidacies",
        "/api/v1/positions",
        "/api/v1/endorsements",
        "/api/v1/consultations",
        "/api/v1/consultations/{contract_id}/priorities",
        "/api/v1/questions",
    }
    assert schema["info"]["license"]["name"] == "CC BY 4.0"
    response = client.get(f"{API}/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "http://" not in html
    assert "https://" not in html
    assert '"validatorUrl": null' in html


def test_docs_static_files_are_served_locally():
    from django.contrib.staticfiles import finders

    for name in ("swagger-ui-bundle.js", "swagger-ui-init.js", "swagger-ui.css"):
        assert finders.find(f"ninja/{name}"), name


def build_network(n, election):
    """`n` municipalities, 3 priorities each with a source, three assessment
    rounds each."""
    for _ in range(n):
        contract = FinalisedContractFactory(election=election)
        for priority in MonitoredPriorityFactory.create_batch(3, contract=contract):
            for year, status in ((2020, "not"), (2021, "partially"), (2022, "fully")):
                assessment = AssessmentFactory(
                    priority=priority, as_of=D(year, 12, 31), status=status
                )
                AssessmentSourceFactory(assessment=assessment)


def test_query_budget_is_the_same_at_12_and_61_municipalities(client, election):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def measure():
        slug = Municipality.objects.source().order_by("pk").first().slug
        paths = {
            "municipalities": "/municipalities",
            "elections": "/elections",
            "contracts": "/contracts",
            "priorities": "/priorities?page_size=100",
            "assessments": "/assessments?page_size=100",
            "network": f"/scorecards/network?election={election.pk}&as_of=2021-12-31",
            "municipality": f"/scorecards/municipalities/{slug}?as_of=2021-12-31",
        }
        counts = {}
        for name, path in paths.items():
            with CaptureQueriesContext(connection) as queries:
                response = client.get(f"{API}{path}")
            assert response.status_code == 200, (path, response.content)
            counts[name] = len(queries)
        return counts, response

    build_network(12, election)
    client.get(f"{API}/municipalities")  # warm the site's caches
    small, _response = measure()
    build_network(49, election)
    large, _response = measure()
    network = client.get(f"{API}/scorecards/network?as_of=2021-12-31").json()
    assert len(network["municipalities"]) == 61
    assert network["network"]["partially"] == 61 * 3
    assert small == large
    assert max(large.values()) <= 12, large
