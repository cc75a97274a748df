"""No promised e-mail is lost, whatever worker dies when: the real
`manage.py qcluster` delivering three password-reset e-mails is killed with
SIGKILL (its whole process group, as a machine that dies) while each
delivery is stopped at a different step, then started again, with the ORM
broker and with Redis:

- a worker has taken Ana's delivery task and has not claimed her message
  (with Redis the task is gone from the broker);
- a worker has claimed Ben's message and not handed it to the server;
- a worker has handed Cen's message to the server and not marked it sent.

At the restart the every-minute sweep is made due at once (it stands for
the minute passing). Ana and Ben get exactly one e-mail. Cen gets the one
residual duplicate the design allows (README, "E-mail delivery"): the same
message again, with the same Message-ID.

The worker runs `tests.operations.outbox_settings` (a cluster name of its
own, the probe in outbox_probe.py) on a copy of the SQLite test database,
or on the PostgreSQL test database itself.
"""

import email
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta

import pytest
import redis
from picklefield.fields import dbsafe_decode

from django.db import connection

from ..accounts.factories import UserFactory
from ..manage_cli import PROJECT_ROOT

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("restorable_locale_synchronisation"),
]

ANA, BEN, CEN = "ana@example.org", "ben@example.org", "cen@example.org"
REDIS_URL = "redis://127.0.0.1:6379/7"


def redis_is_running():
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        return False
    return True


class Site:
    """The database the worker uses, its environment, and SQL on it."""

    def __init__(self, tmp_path, broker):
        self.sink = tmp_path / "sink"
        self.sink.mkdir()
        self.cluster = f"outbox-{uuid.uuid4().hex[:12]}"
        self.sqlite = None
        if connection.vendor == "sqlite":
            self.sqlite = tmp_path / "db.sqlite3"
            target = sqlite3.connect(self.sqlite)
            connection.ensure_connection()
            connection.connection.backup(target)
            target.close()
            database_url = f"sqlite:///{self.sqlite}"
        else:
            db = connection.settings_dict
            database_url = (
                f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:"
                f"{db['PORT'] or 5432}/{db['NAME']}"
            )
        self.env = {
            key: value
            for key, value in os.environ.items()
            if key not in {"REDIS_URL", "Q_CLUSTER_NAME", "DJANGO_SETTINGS_MODULE"}
        }
        self.env.update(
            DJANGO_SETTINGS_MODULE="tests.operations.outbox_settings",
            DATABASE_URL=database_url,
            POP_TEST_CLUSTER=self.cluster,
            POP_OUTBOX_SINK=str(self.sink),
        )
        if broker == "redis":
            self.env["REDIS_URL"] = REDIS_URL
        self.processes = []

    def query(self, sql, params=()):
        if self.sqlite:
            params = [  # as Django writes them: UTC, without an offset
                p.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f") if isinstance(p, datetime) else p
                for p in params
            ]
            with sqlite3.connect(self.sqlite) as db:
                return db.execute(sql.replace("%s", "?"), params).fetchall()
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall() if cursor.description else []

    def start(self, *args, pause=""):
        process = subprocess.Popen(  # noqa: S603 - our own manage.py, fixed arguments
            [sys.executable, "manage.py", *args],
            cwd=PROJECT_ROOT,
            env={**self.env, "POP_OUTBOX_PAUSE": pause},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,  # its own process group: killed whole
        )
        self.processes.append(process)
        return process

    def kill(self, process):
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        return process.communicate(timeout=30)[0]

    def kill_all(self):
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
                process.communicate(timeout=30)

    def sweep_is_due(self, later=False):
        """The minute passes (or, with `later`, is far off): the sweep
        schedule is due on the next start, or not."""
        shift = timedelta(hours=1) if later else -timedelta(minutes=1)
        self.query(
            "UPDATE django_q_schedule SET next_run = %s WHERE func = %s",
            (datetime.now(UTC) + shift, "accounts.tasks.sweep_outbox"),
        )

    def wait_for(self, cluster, *conditions):
        deadline = time.monotonic() + 60
        while not all(condition() for condition in conditions):
            if cluster.poll() is not None or time.monotonic() > deadline:
                output = self.kill(cluster)
                pytest.fail(f"the worker never got there:\n{output}")
            time.sleep(0.1)

    def recorded_tasks(self):
        return {func for (func,) in self.query("SELECT DISTINCT func FROM django_q_task")}

    def paused(self, step):
        return lambda: (self.sink / f"paused-{step}").exists()

    def states(self):
        return dict(self.query("SELECT recipients, state FROM accounts_outboxmessage"))

    def delivered(self):
        """Recipient → the Message-IDs of the e-mails the server accepted."""
        received = {}
        for path in sorted((self.sink / "mail").glob("*.eml")):
            message = email.message_from_bytes(path.read_bytes())
            received.setdefault(message["To"], []).append((message["Message-ID"], message))
        return received


@pytest.fixture(
    params=[
        "orm",
        pytest.param(
            "redis",
            marks=pytest.mark.skipif(
                not redis_is_running(), reason="no Redis server on 127.0.0.1:6379"
            ),
        ),
    ]
)
def site(request, tmp_path):
    for address in (ANA, BEN, CEN):
        UserFactory(email=address, verified=True)
    site = Site(tmp_path, request.param)
    yield site
    site.kill_all()
    if request.param == "redis":
        server = redis.from_url(REDIS_URL)
        server.delete(*server.keys(f"django_q:{site.cluster}:*") or ["-"])
    shutil.rmtree(site.sink, ignore_errors=True)


def test_every_password_reset_arrives_whatever_worker_is_killed_when(site):
    site.sweep_is_due(later=True)
    cluster = site.start("qcluster", pause=f"picked:{ANA},claimed:{BEN},sent:{CEN}")
    reset = site.start(
        "shell",
        "-c",
        "from django.test import Client\n"
        "client = Client(HTTP_HOST='127.0.0.1')\n"
        f"for address in {[ANA, BEN, CEN]!r}:\n"
        "    response = client.post('/sq/accounts/password/reset/', {'email': address})\n"
        "    print('reset', address, response.status_code)\n",
    )
    output = reset.communicate(timeout=120)[0]
    assert output.count(" 302") == 3, output

    # One worker has taken Ana's task and not claimed her message (with
    # Redis the task is no longer in the broker), one holds Ben's claim and
    # has not sent it, one has handed Cen's to the server and not marked it.
    site.wait_for(cluster, *(site.paused(step) for step in ("picked", "claimed", "sent")))
    site.kill(cluster)
    assert site.states() == {
        f"\n{ANA}\n": "pending",
        f"\n{BEN}\n": "sending",
        f"\n{CEN}\n": "sending",
    }
    assert list(site.delivered()) == [CEN]

    # A minute later the sweep hands out the three again.
    site.sweep_is_due()
    cluster = site.start("qcluster")
    # The monitor records each finished task after the worker marked the
    # message: wait for the records too, so the privacy check below reads them.
    site.wait_for(
        cluster,
        lambda: set(site.states().values()) == {"sent"},
        lambda: (
            site.recorded_tasks()
            >= {"accounts.tasks.deliver_outbox", "accounts.tasks.sweep_outbox"}
        ),
    )
    site.kill(cluster)

    received = site.delivered()
    assert sorted(received) == [ANA, BEN, CEN]
    assert len(received[ANA]) == 1
    assert len(received[BEN]) == 1
    # The residual window: Cen's message again, recognisably the same.
    assert len(received[CEN]) == 2
    (first_id, first), (second_id, second) = received[CEN]
    assert first_id == second_id
    assert first.get_payload() == second.get_payload()
    for address in (ANA, BEN, CEN):
        [[_, message], *_] = received[address]
        assert "/accounts/password/reset/key/" in message.get_payload(decode=True).decode()
    # Nothing of the messages stays in the outbox, nor in django-q2's history.
    assert site.query("SELECT message, attempts FROM accounts_outboxmessage ORDER BY id") in (
        [("{}", 1), ("{}", 2), ("{}", 2)],
        [({}, 1), ({}, 2), ({}, 2)],
    )
    tasks = site.query("SELECT func, args, kwargs, result FROM django_q_task")
    assert {"accounts.tasks.deliver_outbox", "accounts.tasks.sweep_outbox"} <= {
        func for func, *_ in tasks
    }
    for func, args, kwargs, result in tasks:
        decoded = [dbsafe_decode(value) if value else None for value in (args, kwargs, result)]
        assert "@example.org" not in repr(decoded)
        if func == "accounts.tasks.deliver_outbox":
            assert isinstance(decoded[0][0], int)
