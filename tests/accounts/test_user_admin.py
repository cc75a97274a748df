"""Staff accounts are made in Wagtail's user admin, with our fields: the
public name and, for monitors, the one municipality they may assess."""

import pytest

from django.contrib.auth.models import Group

from accounts.models import User

from .factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True, verified=True))
    return client


def test_create_form_asks_for_public_name_and_monitored_municipality(
    admin_client, municipality, en
):
    english = municipality.copy_for_translation(en)
    english.name = "Durres (EN)"
    english.save()

    response = admin_client.get("/admin/users/new/")

    assert response.status_code == 200
    form = response.context["form"]
    assert {"display_name", "staff_municipality"} <= set(form.fields)
    assert list(form.fields["staff_municipality"].queryset) == [municipality]


def test_superuser_creates_a_monitor_for_one_municipality(admin_client, municipality):
    monitors = Group.objects.get(name="Monitors")

    response = admin_client.post(
        "/admin/users/new/",
        {
            "email": "monitor@example.org",
            "first_name": "Era",
            "last_name": "Hoxha",
            "display_name": "Era (Durrës)",
            "staff_municipality": municipality.pk,
            "password1": PASSWORD,
            "password2": PASSWORD,
            "groups": [monitors.pk],
        },
    )

    assert response.status_code == 302
    monitor = User.objects.get(email="monitor@example.org")
    assert monitor.display_name == "Era (Durrës)"
    assert monitor.staff_municipality == municipality
    assert list(monitor.groups.all()) == [monitors]
    assert monitor.check_password(PASSWORD)


def test_edit_form_shows_and_saves_the_monitored_municipality(admin_client, municipality):
    monitor = UserFactory(
        email="monitor@example.org", first_name="Era", last_name="Hoxha", groups=["Monitors"]
    )

    page = admin_client.get(f"/admin/users/edit/{monitor.pk}/")
    assert page.status_code == 200
    assert {"display_name", "staff_municipality"} <= set(page.context["form"].fields)

    admin_client.post(
        f"/admin/users/edit/{monitor.pk}/",
        {
            "email": "monitor@example.org",
            "first_name": "Era",
            "last_name": "Hoxha",
            "display_name": "Era",
            "staff_municipality": municipality.pk,
            "groups": [Group.objects.get(name="Monitors").pk],
            "is_active": "on",
        },
    )

    monitor.refresh_from_db()
    assert monitor.staff_municipality == municipality
