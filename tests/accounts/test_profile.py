"""A citizen's profile: public name, municipality and e-mail preferences."""

import pytest

from ..cms_pages.factories import MunicipalityFactory
from ..markup import text

pytestmark = pytest.mark.django_db


def test_profile_requires_sign_in(client):
    response = client.get("/sq/accounts/profile/")

    assert response.status_code == 302
    assert response["Location"] == "/sq/accounts/login/?next=/sq/accounts/profile/"


def test_profile_shows_the_citizen_their_details(client, citizen):
    client.force_login(citizen)

    response = client.get("/sq/accounts/profile/")

    assert response.status_code == 200
    form = response.context["form"]
    assert form["display_name"].value() == "Arta"
    assert form["municipality"].value() == citizen.municipality_id
    assert 'value="Arta"' in response.content.decode()


def test_profile_saves_name_municipality_and_notifications(client, citizen):
    tirana = MunicipalityFactory(name="Tiranë", slug="tirane")
    client.force_login(citizen)
    assert (citizen.notify_replies, citizen.notify_municipality) == (True, False)

    response = client.post(
        "/en/accounts/profile/",
        {"display_name": "Arta B.", "municipality": tirana.pk, "notify_municipality": "on"},
        follow=True,
    )

    assert response.redirect_chain == [("/en/accounts/profile/", 302)]
    assert "Your profile has been saved." in text(response)
    citizen.refresh_from_db()
    assert citizen.display_name == "Arta B."
    assert citizen.municipality == tirana
    assert citizen.notify_replies is False
    assert citizen.notify_municipality is True


def test_profile_may_clear_the_municipality(client, citizen):
    client.force_login(citizen)

    client.post("/sq/accounts/profile/", {"display_name": "Arta", "municipality": ""})

    citizen.refresh_from_db()
    assert citizen.municipality is None


def test_profile_refuses_an_empty_name(client, citizen):
    client.force_login(citizen)

    response = client.post("/en/accounts/profile/", {"display_name": "", "municipality": ""})

    assert response.status_code == 200
    assert "This field is required." in text(response)
    citizen.refresh_from_db()
    assert citizen.display_name == "Arta"


def test_profile_cannot_change_the_email_or_staff_fields(client, citizen, municipality):
    client.force_login(citizen)

    client.post(
        "/sq/accounts/profile/",
        {
            "display_name": "Arta",
            "email": "hijack@example.org",
            "is_staff": "on",
            "staff_municipality": municipality.pk,
        },
    )

    citizen.refresh_from_db()
    assert citizen.email == "arta@example.org"
    assert not citizen.is_staff
    assert citizen.staff_municipality is None


def test_profile_takes_bidirectional_controls_out_of_the_name(client, citizen):
    client.force_login(citizen)

    client.post(
        "/en/accounts/profile/", {"display_name": "\u202eArta\u200f B.", "municipality": ""}
    )

    citizen.refresh_from_db()
    assert citizen.display_name == "Arta B."
