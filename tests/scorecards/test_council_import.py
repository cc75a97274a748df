"""A session's decisions imported from a CSV file: every row checked, a
wrong row (a formula cell, a bad outcome, another municipality's priority)
refuses the whole file with a message per row, and nothing is saved."""

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ..accounts.factories import UserFactory
from .council_factories import CouncilSessionFactory
from .factories import MonitoredPriorityFactory

pytestmark = pytest.mark.django_db

HEADER = "number,title,outcome,amount,votes_for,votes_against,abstaining,priorities\n"
FORMULAS = ["=1+1", "+1+1", "-1+1", "@SUM(A1)", "\t=1+1", "\r=1+1"]


@pytest.fixture
def setting():
    first, second = MonitoredPriorityFactory.create_batch(2)
    second.contract = first.contract
    second.save()
    municipality = first.contract.municipality
    session = CouncilSessionFactory(municipality=municipality, published_at=None)
    monitor = UserFactory(verified=True, groups=["Monitors"], staff_municipality=municipality)
    return session, monitor, first, second


def upload(client, session, text):
    return client.post(
        reverse("scorecards_council_decisions", args=[session.pk]),
        {"action": "import", "file": SimpleUploadedFile("d.csv", text.encode(), "text/csv")},
    )


def test_a_good_file_is_imported_with_its_priorities(client, setting):
    session, monitor, first, second = setting
    client.force_login(monitor)
    text = HEADER + (
        f'12,"Buxheti 2024, shkollat",approved,1500000.50,25,3,1,{first.pk};{second.pk}\n'
        f"13,Ndriçimi,postponed,,,,,{second.pk}\n"
    )
    response = upload(client, session, text)
    assert response.status_code == 302
    decisions = list(session.decisions.order_by("order"))
    assert [(d.number, d.title, d.outcome) for d in decisions] == [
        ("12", "Buxheti 2024, shkollat", "approved"),
        ("13", "Ndriçimi", "postponed"),
    ]
    assert str(decisions[0].amount) == "1500000.50"
    assert decisions[1].votes_for is None
    assert set(decisions[0].priorities.all()) == {first, second}


def test_formula_cells_and_bad_rows_refuse_the_whole_file(client, setting):
    session, monitor, first, _second = setting
    foreign = MonitoredPriorityFactory()
    client.force_login(monitor)
    rows = [f"1,Vendim i mirë,approved,,,,,{first.pk}"]
    rows += [f'2,"{formula}",approved,,,,,' for formula in FORMULAS]
    rows += [
        "3,Pa rezultat,accepted,,,,,",
        "4,Votat,approved,,-2,,,",
        f"5,E huaj,approved,,,,,{foreign.pk}",
        "6,Shumë,approved,abc,,,,",
        "7,Pak qeliza",
    ]
    response = upload(client, session, HEADER + "\n".join(rows) + "\n")
    assert response.status_code == 400
    assert not session.decisions.exists()
    errors = dict(response.context["row_errors"])
    assert sorted(errors) == list(range(3, 3 + len(FORMULAS) + 5))
    for line in range(3, 3 + len(FORMULAS)):
        assert "formul" in errors[line]  # "formula" / "formulë"
    html = response.content.decode()
    assert "council-import-errors" in html
    assert "<script" not in html.split("council-import-errors")[1]


def test_a_file_without_the_header_or_not_utf8_is_refused(client, setting):
    session, monitor, *_ = setting
    client.force_login(monitor)
    assert upload(client, session, "1,Vendim,approved,,,,,\n").status_code == 200
    response = client.post(
        reverse("scorecards_council_decisions", args=[session.pk]),
        {"action": "import", "file": SimpleUploadedFile("d.csv", b"\xff\xfe\x00", "text/csv")},
    )
    assert response.status_code == 200
    assert not session.decisions.exists()
