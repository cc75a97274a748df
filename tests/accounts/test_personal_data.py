"""A citizen's own data: exporting it, and deleting the account for good."""

import json

import pytest
from allauth.account.models import EmailAddress

from django.utils import timezone

from accounts.models import User
from accounts.signals import account_deleting, personal_data_requested

from ..markup import text
from .factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def received():
    """Connects test receivers to both signals; yields what they received."""
    calls = {"export": [], "deleting": []}

    def export_receiver(sender, user, **kwargs):
        calls["export"].append(user.pk)
        return {"consultations": {"votes": [{"priority": "Ujë i pijshëm 24 orë"}]}}

    def deleting_receiver(sender, user, **kwargs):
        # Sent before the user row goes, so its data can still be read.
        calls["deleting"].append((user.pk, User.objects.filter(pk=user.pk).exists()))

    personal_data_requested.connect(export_receiver, dispatch_uid="test-export")
    account_deleting.connect(deleting_receiver, dispatch_uid="test-deleting")
    yield calls
    personal_data_requested.disconnect(dispatch_uid="test-export")
    account_deleting.disconnect(dispatch_uid="test-deleting")


# Export


def test_export_requires_sign_in(client):
    response = client.get("/sq/accounts/profile/export/")

    assert response.status_code == 302
    assert response["Location"].startswith("/sq/accounts/login/?next=")


def test_export_is_a_json_attachment_with_the_account(client, citizen):
    EmailAddress.objects.create(user=citizen, email="arta.tjeter@example.org", verified=False)
    client.force_login(citizen)

    response = client.get("/sq/accounts/profile/export/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    today = timezone.localdate()
    assert response["Content-Disposition"] == (
        f'attachment; filename="pop-my-data-{today:%Y-%m-%d}.json"'
    )
    data = json.loads(response.content)
    assert data["account"]["email"] == "arta@example.org"
    assert data["account"]["display_name"] == "Arta"
    assert data["account"]["municipality"] == "Durrës"
    assert data["account"]["notifications"] == {
        "replies": True,
        "municipality": False,
        "staff_digest": False,
    }
    assert data["email_addresses"] == [
        {"email": "arta.tjeter@example.org", "verified": False, "primary": False},
        {"email": "arta@example.org", "verified": True, "primary": True},
    ]


def test_export_includes_what_other_apps_hold(client, citizen, received):
    client.force_login(citizen)

    data = json.loads(client.get("/sq/accounts/profile/export/").content)

    assert received["export"] == [citizen.pk]
    assert data["consultations"] == {"votes": [{"priority": "Ujë i pijshëm 24 orë"}]}


def test_export_holds_only_the_signed_in_citizen(client, citizen):
    UserFactory(email="tjetri@example.org", verified=True)
    client.force_login(citizen)

    body = client.get("/sq/accounts/profile/export/").content.decode()

    assert "tjetri@example.org" not in body


def test_export_refuses_post(client, citizen):
    client.force_login(citizen)

    assert client.post("/sq/accounts/profile/export/").status_code == 405


# Deletion


def test_delete_requires_sign_in(client):
    response = client.get("/sq/accounts/profile/delete/")

    assert response.status_code == 302
    assert response["Location"].startswith("/sq/accounts/login/?next=")


def test_delete_page_asks_for_password_and_confirmation(client, citizen):
    client.force_login(citizen)

    response = client.get("/sq/accounts/profile/delete/")

    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="password"' in html
    assert 'name="confirm"' in html


def test_delete_with_wrong_password_is_refused(client, citizen, received):
    client.force_login(citizen)

    response = client.post(
        "/en/accounts/profile/delete/", {"password": "not-my-password", "confirm": "on"}
    )

    assert response.status_code == 200
    assert "That is not your current password." in text(response)
    assert User.objects.filter(pk=citizen.pk).exists()
    assert EmailAddress.objects.filter(user=citizen).exists()
    assert received["deleting"] == []
    assert client.session.get("_auth_user_id") == str(citizen.pk)


def test_delete_without_confirmation_is_refused(client, citizen, received):
    client.force_login(citizen)

    response = client.post("/en/accounts/profile/delete/", {"password": PASSWORD})

    assert response.status_code == 200
    assert "Please tick the box to confirm." in text(response)
    assert User.objects.filter(pk=citizen.pk).exists()
    assert received["deleting"] == []


def test_delete_removes_the_account_and_signs_out(client, citizen, municipality, received):
    client.force_login(citizen)
    pk = citizen.pk

    response = client.post(
        "/en/accounts/profile/delete/", {"password": PASSWORD, "confirm": "on"}, follow=True
    )

    assert response.redirect_chain == [("/en/", 302)]
    assert "Your account has been deleted." in text(response)
    assert not User.objects.filter(pk=pk).exists()
    assert not EmailAddress.objects.filter(user_id=pk).exists()
    assert received["deleting"] == [(pk, True)]
    assert "_auth_user_id" not in client.session
    assert client.get("/en/accounts/profile/").status_code == 302
    # What the account pointed at stays.
    municipality.refresh_from_db()


def test_delete_leaves_other_accounts_alone(client, citizen):
    other = UserFactory(email="tjetri@example.org", verified=True)
    client.force_login(citizen)

    client.post("/sq/accounts/profile/delete/", {"password": PASSWORD, "confirm": "on"})

    assert User.objects.filter(pk=other.pk).exists()
    assert EmailAddress.objects.filter(user=other).exists()


def test_superuser_cannot_delete_their_account_here(client, received):
    admin = UserFactory(email="admin@example.org", is_superuser=True, is_staff=True, verified=True)
    client.force_login(admin)

    response = client.post(
        "/en/accounts/profile/delete/", {"password": PASSWORD, "confirm": "on"}, follow=True
    )

    assert response.redirect_chain == [("/en/accounts/profile/", 302)]
    assert "Administrator accounts cannot be deleted here" in text(response)
    assert User.objects.filter(pk=admin.pk).exists()
    assert received["deleting"] == []
