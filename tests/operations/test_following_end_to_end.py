"""End to end with real processes: a follower's notification is fanned out
by the real `manage.py qcluster`, delivered over SMTP to a local server
(aiosmtpd, started here), and its one-click unsubscribe link works, signed
out, on the real site (`manage.py runserver`), with the RFC 8058 POST.

The processes run the development settings on a copy of the SQLite test
database (or on the PostgreSQL test database itself)."""

import email
import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from email import policy

import pytest
from aiosmtpd.controller import Controller

from django.db import connection

from consultations.models import Announcement, Follow, NotificationKind

from ..accounts.factories import UserFactory
from ..cms_pages.factories import MunicipalityFactory
from ..manage_cli import PROJECT_ROOT

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("restorable_locale_synchronisation"),
]


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        self.messages.append(email.message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait(condition, processes, seconds=60):
    deadline = time.monotonic() + seconds
    while not condition():
        for process in processes:
            if process.poll() is not None:
                pytest.fail(f"a process stopped:\n{process.communicate()[0]}")
        if time.monotonic() > deadline:
            for process in processes:
                os.killpg(process.pid, 9)
            output = "\n".join(process.communicate(timeout=30)[0][-3000:] for process in processes)
            pytest.fail(f"nothing arrived in time:\n{output}")
        time.sleep(0.2)


def database_url(tmp_path):
    if connection.vendor == "sqlite":
        copy = tmp_path / "db.sqlite3"
        target = sqlite3.connect(copy)
        connection.ensure_connection()
        connection.connection.backup(target)
        target.close()
        return f"sqlite:///{copy}", copy
    db = connection.settings_dict
    return (
        f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}"
    ), None


def preference(copy):
    sql = "SELECT delivery FROM consultations_notificationpreference"
    if copy is None:
        with connection.cursor() as cursor:
            cursor.execute(sql)
            return [row[0] for row in cursor.fetchall()]
    with sqlite3.connect(copy) as db:
        return [row[0] for row in db.execute(sql).fetchall()]


def test_a_notification_arrives_over_smtp_and_unsubscribes_signed_out(tmp_path):
    durres = MunicipalityFactory(name="Durrës", slug="durres")
    person = UserFactory(email="besa@example.org", verified=True, email_language="en")
    Follow.objects.follow(person, durres)
    # Recorded without its fan-out job: that is written below, for the real worker.
    announcement = Announcement.objects.create(
        kind=NotificationKind.ASSESSMENT,
        municipality=durres,
        params={"title": {"en": "Water 24 hours"}, "summary": {"en": "Not → Fully addressed"}},
    )
    url, copy = database_url(tmp_path)

    inbox = Inbox()
    smtp = Controller(inbox, hostname="127.0.0.1", port=free_port())
    smtp.start()
    site_port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DJANGO_SETTINGS_MODULE"}},
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": url,
        "EMAIL_DELIVERY_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp.port),
        "SITE_URL": f"http://127.0.0.1:{site_port}",
        "Q_WORKERS": "1",
    }

    def start(*args):
        return subprocess.Popen(  # noqa: S603 - our own manage.py, fixed arguments
            [sys.executable, "manage.py", *args],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )

    processes = []
    try:
        subprocess.run(  # noqa: S603 - queue the fan-out as announce() does
            [
                sys.executable,
                "manage.py",
                "shell",
                "-c",
                "from accounts.mail import enqueue_composition; "
                f"enqueue_composition('consultations.following.fan_out', {announcement.pk})",
            ],
            cwd=PROJECT_ROOT,
            env=env,
            check=True,
            capture_output=True,
        )
        processes.append(start("qcluster"))
        processes.append(start("runserver", "--noreload", f"127.0.0.1:{site_port}"))
        wait(lambda: inbox.messages, processes)
        message = inbox.messages[0]
        assert message["To"] == person.email
        assert "Water 24 hours" in message["Subject"]
        assert "Not → Fully addressed" in message.get_content()
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        link = message["List-Unsubscribe"].strip().strip("<>")
        assert link.startswith(f"http://127.0.0.1:{site_port}/en/")

        def site_answers():
            try:
                return urllib.request.urlopen(link, timeout=5).status == 200  # noqa: S310
            except OSError:
                return False

        wait(site_answers, processes)
        page = urllib.request.urlopen(link, timeout=10).read().decode()  # noqa: S310
        assert "Unsubscribe" in page
        request = urllib.request.Request(  # noqa: S310 - our own server
            link, data=b"List-Unsubscribe=One-Click", method="POST"
        )
        assert urllib.request.urlopen(request, timeout=10).status == 200  # noqa: S310
        assert preference(copy) == ["never"]
    finally:
        for process in processes:
            if process.poll() is None:
                os.killpg(process.pid, 9)
                process.communicate(timeout=30)
        smtp.stop()
