"""The contact page: submissions are stored and editors told by a
background task; bots filling the hidden field and floods are refused."""

import pytest

from django.core import mail

from wagtail.contrib.forms.models import FormSubmission

from accounts.models import OutboxKind, OutboxMessage
from cms_pages.models import ContactPage, FormField

from ..markup import text
from .factories import ContactPageFactory

pytestmark = pytest.mark.django_db

MESSAGE = {"emri": "Arta", "mesazhi": "Dua të bëhem vullnetare."}


@pytest.fixture
def contact(home):
    page = ContactPageFactory(parent=home, thank_you_text="Faleminderit!")
    FormField.objects.create(page=page, label="Emri", field_type="singleline", required=True)
    FormField.objects.create(page=page, label="Mesazhi", field_type="multiline", required=True)
    return page


def test_the_form_shows_its_fields_and_a_hidden_trap(client, contact):
    response = client.get(contact.url)

    content = response.content.decode()
    assert 'name="emri"' in content
    assert 'name="mesazhi"' in content
    assert 'class="field honeypot" aria-hidden="true"' in content


def test_submission_is_stored_and_editors_are_notified_by_a_task(
    client, contact, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as committed:
        response = client.post(contact.url, MESSAGE)

    assert response.status_code == 200
    assert "Faleminderit!" in text(response)
    submission = FormSubmission.objects.get(page=contact)
    assert submission.get_data()["mesazhi"] == "Dua të bëhem vullnetare."
    assert "website" not in submission.form_data
    # A durable job, written with the submission (README, "E-mail delivery").
    job = OutboxMessage.objects.get(kind=OutboxKind.COMPOSITION)
    assert job.message == {
        "task": "cms_pages.tasks.notify_editors_of_submission",
        "args": [submission.pk],
    }
    assert not any(message.to == ["redaksia@pop.example"] for message in mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        for callback in committed:
            callback()
    notification = next(
        message for message in mail.outbox if message.to == ["redaksia@pop.example"]
    )
    assert notification.subject == "Mesazh i ri"
    assert "Mesazhi: Dua të bëhem vullnetare." in notification.body


def test_without_an_address_nobody_is_notified(client, contact):
    ContactPage.objects.filter(pk=contact.pk).update(to_address="")

    client.post(contact.url, MESSAGE)

    assert FormSubmission.objects.filter(page=contact).count() == 1
    assert mail.outbox == []


def test_a_filled_honeypot_is_refused(client, contact):
    response = client.post(contact.url, {**MESSAGE, "website": "http://spam.example"})

    assert response.status_code == 400
    assert "lëreni bosh fushën e fundit" in text(response)
    assert not FormSubmission.objects.exists()
    assert mail.outbox == []


def test_too_many_submissions_from_one_address_are_refused(client, contact):
    for _ in range(ContactPage.rate_limit):
        assert client.post(contact.url, MESSAGE).status_code == 200

    response = client.post(contact.url, MESSAGE)

    assert response.status_code == 429
    assert "prisni një orë dhe provoni përsëri" in text(response)
    assert FormSubmission.objects.count() == ContactPage.rate_limit


def test_the_limit_is_per_address(client, contact):
    for _ in range(ContactPage.rate_limit):
        client.post(contact.url, MESSAGE)

    response = client.post(contact.url, MESSAGE, REMOTE_ADDR="10.0.0.9")

    assert response.status_code == 200


def test_invalid_form_shows_errors(client, contact):
    response = client.post(contact.url, {"emri": "Arta"})

    assert response.status_code == 200
    assert not FormSubmission.objects.exists()
