"""The admin lists of reference data: they load, search, and are closed to
staff without the permission."""

import datetime

import pytest

from cms_pages.models import Municipality

from ..accounts.factories import UserFactory
from ..markup import text
from .factories import ElectionFactory, MunicipalityFactory, PartnerOrganisationFactory

pytestmark = pytest.mark.django_db

LISTS = {
    "municipality": "/admin/snippets/cms_pages/municipality/",
    "partnerorganisation": "/admin/snippets/cms_pages/partnerorganisation/",
    "election": "/admin/snippets/cms_pages/election/",
}


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True, verified=True))
    return client


@pytest.fixture
def reference_data():
    elbasan = MunicipalityFactory(name="Elbasan", slug="elbasan")
    shkoder = MunicipalityFactory(name="Shkoder", slug="shkoder")
    PartnerOrganisationFactory(name="Qendra Rinore", municipality=elbasan)
    PartnerOrganisationFactory(name="Forumi Qytetar", municipality=shkoder)
    ElectionFactory(name="Zgjedhjet vendore 2019", date=datetime.date(2019, 6, 30))
    ElectionFactory(name="Zgjedhjet parlamentare 2021", date=datetime.date(2021, 4, 25))


@pytest.mark.parametrize(
    ("model", "shown"),
    [
        ("municipality", ["Elbasan", "Shkoder"]),
        ("partnerorganisation", ["Qendra Rinore", "Forumi Qytetar"]),
        ("election", ["Zgjedhjet vendore 2019", "Zgjedhjet parlamentare 2021"]),
    ],
)
def test_list_loads_for_a_superuser(admin_client, reference_data, model, shown):
    response = admin_client.get(LISTS[model])

    assert response.status_code == 200
    page = text(response)
    for name in shown:
        assert name in page


@pytest.mark.parametrize(
    ("model", "query", "found", "not_found"),
    [
        ("municipality", "Elbasan", "Elbasan", "Shkoder"),
        ("partnerorganisation", "Rinore", "Qendra Rinore", "Forumi Qytetar"),
        ("election", "parlamentare", "Zgjedhjet parlamentare 2021", "Zgjedhjet vendore 2019"),
    ],
)
def test_list_search(admin_client, reference_data, model, query, found, not_found):
    response = admin_client.get(LISTS[model], {"q": query})

    assert response.status_code == 200
    page = text(response)
    assert found in page
    assert not_found not in page


def test_editor_may_list_municipalities(client, reference_data):
    client.force_login(UserFactory(is_staff=True, groups=["Editors"], verified=True))

    response = client.get(LISTS["municipality"])

    assert response.status_code == 200
    assert "Elbasan" in text(response)


def test_moderator_may_not_list_municipalities(client, reference_data):
    client.force_login(UserFactory(is_staff=True, groups=["Moderators"], verified=True))

    response = client.get(LISTS["municipality"])

    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_superuser_may_add_a_municipality_in_the_admin(admin_client, sq):
    response = admin_client.post(
        "/admin/snippets/cms_pages/municipality/add/?locale=sq",
        {"name": "Korçë", "slug": "korce"},
    )

    assert response.status_code == 302
    created = Municipality.objects.get(slug="korce")
    assert (created.name, created.locale) == ("Korçë", sq)
