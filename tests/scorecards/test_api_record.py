"""The public record in the open-data API: forums, candidacies, positions as
signed, endorsements, consultation results and answered questions — each
one's fields in both languages, filters, pagination, bad input (422), ETags,
and a fixed number of queries at two data sizes."""

import pytest

from ..cms_pages.factories import ElectionFactory
from ..consultations.factories import VoteFactory
from ..forums.forum_helpers import make_index
from .record_data import D, build_record

pytestmark = pytest.mark.django_db

API = "/api/v1"
LISTS = ["forums", "candidacies", "positions", "endorsements", "consultations", "questions"]


@pytest.fixture
def index(home):
    return make_index(home)


@pytest.fixture
def record(index, en, municipality):
    return build_record(index, en, municipality=municipality)


def get(client, path, **params):
    response = client.get(f"{API}/{path}", params)
    assert response.status_code == 200, response.content
    return response.json()


def test_forums_with_place_municipality_contract_and_outcome(client, record, municipality):
    election, [made] = record
    [forum] = get(client, "forums")["items"]
    assert forum["id"] == made["forum"].pk
    assert forum["date"] == "2023-04-28"
    assert forum["venue"] == {"sq": "Pallati i Kulturës", "en": "Pallati i Kulturës"}
    assert forum["municipality"]["slug"] == municipality.slug
    assert forum["election_id"] == election.pk
    assert forum["contract_id"] == made["contract"].pk
    assert forum["outcome"]["sq"] == "Dy kandidatë nënshkruan."
    assert get(client, "forums", since="2023-04-29")["count"] == 0
    assert get(client, "forums", until="2023-04-28")["count"] == 1
    assert get(client, "forums", municipality="askund")["count"] == 0
    assert get(client, "forums", election=election.pk)["count"] == 1


def test_candidacies_public_fields_only(client, record, municipality):
    election, [made] = record
    items = get(client, "candidacies")["items"]
    assert [c["name"] for c in items] == ["Arben Kandidati", "Drita Pavarura"]
    winner, independent = items
    assert set(winner) == {"id", "name", "party", "municipality", "election_id", "confirmed", "won"}
    assert winner["party"]["name"] == {"sq": "Partia e Gjelbër", "en": "Partia e Gjelbër"}
    assert winner["won"] is True and winner["confirmed"] is True
    assert independent["party"] is None
    other = ElectionFactory(date=D(2027, 5, 1))
    assert get(client, "candidacies", election=other.pk)["count"] == 0
    assert get(client, "candidacies", municipality=municipality.slug)["count"] == 2


def test_positions_as_signed_from_the_snapshot(client, record):
    _election, [made] = record
    first, second = made["priorities"]
    winner, other = made["candidacies"]
    # Today's positions differ from the snapshot: the API shows the snapshot.
    items = get(client, "positions")["items"]
    assert [(p["candidacy_id"], p["priority_id"], p["position"]) for p in items] == [
        (winner.pk, first.pk, "commit"),
        (winner.pk, second.pk, "partly"),
        (other.pk, first.pk, "commit"),
    ]
    assert items[0]["statement"] == "Po, brenda 2025."
    assert [p["withdrawn"] for p in items] == [False, False, True]
    assert get(client, "positions", candidacy=other.pk)["count"] == 1


def test_endorsements_online_or_at_the_forum_and_withdrawn(client, record):
    _election, [made] = record
    signed, withdrawn = get(client, "endorsements")["items"]
    assert (signed["method"], signed["signed_on"], signed["withdrawn_on"]) == (
        "online",
        "2023-04-20",
        None,
    )
    assert (withdrawn["method"], withdrawn["withdrawn_on"], withdrawn["withdrawal_reason"]) == (
        "forum",
        "2023-05-02",
        "Ndryshova mendje.",
    )
    assert get(client, "endorsements", since="2023-04-21")["count"] == 1
    assert get(client, "endorsements", until="2023-04-20")["count"] == 1


def test_consultation_counts_only(client, record):
    _election, [made] = record
    [consultation] = get(client, "consultations")["items"]
    assert consultation["contract_id"] == made["contract"].pk
    # Three citizens supported (one twice); one commented (a hidden comment too).
    assert consultation["participants"] == 3
    assert consultation["supports"] == 4
    assert consultation["comments"] == 1
    first, second = get(client, f"consultations/{made['contract'].pk}/priorities")["items"]
    assert first["title"] == {"sq": made["priorities"][0].title, "en": "Clean water"}
    assert (first["supports"], first["comments"], first["in_contract"]) == (3, 1, True)
    assert (second["supports"], second["comments"]) == (1, 0)


def test_unknown_consultation_is_a_404(client, record):
    response = client.get(f"{API}/consultations/999999/priorities")
    assert response.status_code == 404
    assert "detail" in response.json()


def test_answered_questions_without_who_asked(client, record):
    _election, [made] = record
    [question] = get(client, "questions")["items"]
    assert question["text"] == "Kur do të ketë ujë?"
    assert question["answer_summary"] == "Brenda vitit."
    assert question["asked_on"] == "2023-04-10"
    assert question["forum_id"] == made["forum"].pk
    assert "author" not in question
    assert get(client, "questions", forum=made["forum"].pk)["count"] == 1
    assert get(client, "questions", since="2023-04-11")["count"] == 0


@pytest.mark.parametrize(
    "query",
    [
        "forums?since=28-04-2023",
        "forums?until=2023-02-30",
        "candidacies?election=0",
        "positions?candidacy=abc",
        "endorsements?municipality=a%20b",
        "consultations?page=0",
        "questions?page_size=101",
        "questions?forum=-1",
        "consultations/0/priorities",
    ],
)
def test_bad_parameters_are_422(client, query):
    response = client.get(f"{API}/{query}")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][0] in {"query", "path"}


def test_pagination(client, index, en):
    build_record(index, en, size=3)
    first = get(client, "candidacies", page_size=4)
    second = get(client, "candidacies", page_size=4, page=2)
    assert first["count"] == second["count"] == 6
    assert len(first["items"]) == 4 and len(second["items"]) == 2
    # Nine signed positions, the withdrawn endorsements' (signed last) at the end.
    last = get(client, "positions", page_size=2, page=5)
    assert last["count"] == 9
    assert [p["withdrawn"] for p in last["items"]] == [True]


def test_etag_and_304(client, record):
    for name in LISTS:
        response = client.get(f"{API}/{name}")
        assert response["ETag"] and response["Last-Modified"], name
        again = client.get(f"{API}/{name}", HTTP_IF_NONE_MATCH=response["ETag"])
        assert again.status_code == 304, name


def test_etag_changes_with_a_support(client, record):
    _election, [made] = record
    before = client.get(f"{API}/consultations")["ETag"]
    VoteFactory(priority=made["priorities"][1])
    after = client.get(f"{API}/consultations", HTTP_IF_NONE_MATCH=before)
    assert after.status_code == 200
    assert after.json()["items"][0]["supports"] == 5


@pytest.mark.parametrize("size", [1, 3])
def test_fixed_number_of_queries(client, index, en, size, django_assert_max_num_queries):
    _election, made = build_record(index, en, size=size)
    paths = [*LISTS, f"consultations/{made[0]['contract'].pk}/priorities"]
    for path in paths:
        with django_assert_max_num_queries(12):
            assert client.get(f"{API}/{path}").status_code == 200
