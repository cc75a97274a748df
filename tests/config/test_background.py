"""The background worker for real: django-q2's embedded ORM broker carries a
queued e-mail from one process to the worker, and REDIS_URL switches the
broker to Redis. Each runs manage.py in fresh interpreters with the
development settings, on a throwaway SQLite database (a copy of the tests'
migrated template: `migrate` then finds nothing to do)."""

import socket

import pytest

from ..databases import migrated_sqlite_file
from ..manage_cli import run_manage


def manage(*args, database, **env):
    result = run_manage(
        *args,
        settings="config.settings.dev",
        drop={"REDIS_URL"},
        DATABASE_URL=f"sqlite:///{database}",
        EMAIL_DELIVERY_BACKEND="django.core.mail.backends.console.EmailBackend",
        **env,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def redis_is_running():
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        return False
    return True


# The template is the test database's (made with it); reading the migrations
# to name it runs a query of wagtail-localize's.
@pytest.mark.django_db
def test_the_worker_delivers_mail_queued_by_another_process(tmp_path):
    database = migrated_sqlite_file(tmp_path / "db.sqlite3")
    manage("migrate", "--noinput", "-v", "0", database=database)
    manage(
        "shell",
        "-c",
        "from django.core.mail import send_mail; "
        "send_mail('Welcome to POP', 'Tekst', None, ['arta@example.org'])",
        database=database,
    )
    queued = manage(
        "shell",
        "-c",
        "from django_q.models import OrmQ; print('queued:', OrmQ.objects.count())",
        database=database,
    )
    assert "queued: 1" in queued

    worker_output = manage("qcluster", "--run-once", database=database)

    assert "Subject: Welcome to POP" in worker_output
    assert "To: arta@example.org" in worker_output
    done = manage(
        "shell",
        "-c",
        "from django_q.models import OrmQ, Success; "
        "print('queued:', OrmQ.objects.count(), 'done:', "
        "list(Success.objects.values_list('func', flat=True)))",
        database=database,
    )
    assert "queued: 0 done: ['accounts.tasks.deliver_outbox']" in done


@pytest.mark.skipif(not redis_is_running(), reason="no Redis server on 127.0.0.1:6379")
def test_redis_url_makes_redis_the_broker(tmp_path):
    output = manage(
        "shell",
        "-c",
        "from django_q.brokers import get_broker; broker = get_broker(); "
        "print(type(broker).__name__, broker.ping())",
        database=tmp_path / "unused.sqlite3",
        REDIS_URL="redis://127.0.0.1:6379/15",
    )
    assert output.strip().endswith("Redis True")
