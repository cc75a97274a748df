"""Every link the development site prints or e-mails names the address it is
served at: `make run PORT=8123` prints and e-mails http://127.0.0.1:8123."""

import io
import subprocess

import pytest

from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.test import override_settings

from wagtail.models import Site

from consultations.models import Comment, ConsultationPage, Priority
from demo.address import align_default_site, site_url_for


@pytest.mark.parametrize(
    ("addrport", "url"),
    [
        ("8123", "http://127.0.0.1:8123"),
        ("127.0.0.1:8123", "http://127.0.0.1:8123"),
        ("0.0.0.0:8123", "http://127.0.0.1:8123"),
        ("localhost:9000", "http://localhost:9000"),
    ],
)
def test_the_address_of_what_runserver_serves(addrport, url):
    assert site_url_for(addrport) == url


class FakeProcess:
    started = []

    def __init__(self, args, start_new_session, env):
        self.args, self.env = args, env
        FakeProcess.started.append(self)

    def poll(self):
        return 0  # both "exit" at once: run_site stops


def test_run_site_gives_its_children_and_the_default_site_its_address(demo, monkeypatch, settings):
    monkeypatch.delenv("SITE_URL", raising=False)
    monkeypatch.setattr(subprocess, "Popen", FakeProcess)
    FakeProcess.started = []
    out = io.StringIO()
    call_command("run_site", "127.0.0.1:8123", stdout=out)
    assert "Site at http://127.0.0.1:8123/" in out.getvalue()
    assert [p.env["SITE_URL"] for p in FakeProcess.started] == ["http://127.0.0.1:8123"] * 2
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 8123)
    page = ConsultationPage.objects.live().filter(locale__language_code="sq").first()
    assert page.full_url.startswith("http://127.0.0.1:8123/sq/")


def test_an_explicit_site_url_wins(demo, monkeypatch):
    monkeypatch.setenv("SITE_URL", "https://pop.example.org")
    monkeypatch.setattr(subprocess, "Popen", FakeProcess)
    FakeProcess.started = []
    call_command("run_site", "127.0.0.1:8123", stdout=io.StringIO())
    assert FakeProcess.started[0].env["SITE_URL"] == "https://pop.example.org"
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("pop.example.org", 443)


def test_printed_and_e_mailed_links_name_the_served_address(
    demo, settings, django_capture_on_commit_callbacks
):
    """The demo's invitation link, a reply notification's links (the page
    and the unsubscribe link): one host and port, 8123."""
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8123"
    out = io.StringIO()
    with override_settings(POP_SHOW_DEMO_PASSWORDS=True):
        call_command("load_demo_data", stdout=out)
    printed = [line for line in out.getvalue().splitlines() if "http" in line]
    assert printed and all("http://127.0.0.1:8123/" in line for line in printed), printed
    users = get_user_model().objects
    arta = users.get(email="arta@pop.example")
    arta.notify_replies = True
    arta.save()
    priority = Priority.objects.source().filter(contract__finalised_at__isnull=True).first()
    parent = Comment.objects.create(priority=priority, author=arta, body="A mendoni kështu?")
    replier = users.get(email="besnik@pop.example")
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        Comment.objects.post(parent.priority, replier, "Përgjigje", parent=parent)
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    links = [word for word in body.split() if word.startswith("http")]
    assert len(links) >= 2, body
    assert all(link.startswith("http://127.0.0.1:8123/") for link in links), links


def test_aligning_keeps_routing(demo, client):
    align_default_site("http://127.0.0.1:8123")
    assert client.get("/sq/").status_code == 200
