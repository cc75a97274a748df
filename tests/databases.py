"""Test databases copied from one migrated template.

Migrating from nothing takes about 80 s of CPU here (Django renders the
migration state of some 260 migrations, Wagtail's and ours), and `make test`
needs a database for each pytest-xdist worker of each invocation (the suite,
then the browser tests) on each engine. So the migrations run once into a
template, named after a digest of everything that decides its contents (every
migration file on disk, the project's own Python code, Django's and Wagtail's
versions); each worker's database is a fresh copy of it, made in a second:
PostgreSQL's `CREATE DATABASE … TEMPLATE`, SQLite's online backup into the
worker's in-memory database. A change to any migration or to the project's
code makes a new template (and removes the older ones), so no test ever runs
on a database the current code would not have made.
"""

import fcntl
import hashlib
import os
import sqlite3
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import django
from django.conf import settings
from django.db import connections
from django.db.migrations.loader import MigrationLoader

import wagtail

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / ".test-db"
FIRST_PARTY = ("cms_pages", "consultations", "forums", "scorecards", "site")
PREFIX = "pop_template_"
KEPT_TEMPLATES = 3
# PostgreSQL's templates are the server's, not one checkout's: one lock for the machine.
POSTGRES_LOCK = Path("/tmp/pop-test-template-postgresql.lock")  # noqa: S108


def digest():
    """What the template's rows depend on: the migrations and the code they run."""
    sha = hashlib.sha256(f"{django.__version__}/{wagtail.__version__}".encode())
    loader = MigrationLoader(None, ignore_no_migrations=True)
    for key in sorted(loader.disk_migrations):
        sha.update(f"{key}".encode())
        sha.update(Path(sys.modules[loader.disk_migrations[key].__module__].__file__).read_bytes())
    for folder in FIRST_PARTY:
        for path in sorted((ROOT / folder).rglob("*.py")):
            sha.update(str(path.relative_to(ROOT)).encode())
            sha.update(path.read_bytes())
    return sha.hexdigest()[:16]


@contextmanager
def _locked(path):
    """One process at a time builds or copies a template (the others wait)."""
    path.parent.mkdir(exist_ok=True)
    with open(path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _migrate(database_url):
    """`migrate` with the test settings, as Django's own test database creation
    runs it (`--run-syncdb` included), into the database at `database_url`."""
    subprocess.run(  # noqa: S603 - our own manage.py
        [
            sys.executable,
            str(ROOT / "manage.py"),
            "migrate",
            "--noinput",
            "--run-syncdb",
            "-v",
            "0",
        ],
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": database_url,
        },
        check=True,
    )


def _sqlite_template(key):
    template = TEMPLATES / f"{PREFIX}{key}.sqlite3"
    with _locked(TEMPLATES / "sqlite.lock"):
        if not template.exists():
            partial = template.with_suffix(".partial")
            partial.unlink(missing_ok=True)
            _migrate(f"sqlite:///{partial}")
            for suffix in ("-wal", "-shm"):
                Path(f"{partial}{suffix}").unlink(missing_ok=True)
            for older in TEMPLATES.glob(f"{PREFIX}*.sqlite3*"):
                older.unlink()
            partial.rename(template)
    return template


def migrated_sqlite_file(path):
    """A migrated SQLite database at `path` (a file, for a test's other
    processes): a copy of the template, made if missing."""
    template = _sqlite_template(digest())
    with sqlite3.connect(template) as source, sqlite3.connect(path) as target:
        source.backup(target)
    source.close()
    target.close()
    return path


def _postgres_copy(cursor, key, test_name):
    """Copy the template into `test_name`, building the template first if
    need be; the server's templates are shared by every checkout on the
    machine, so the newest few are kept (their comment says when they were made)."""
    name = f"{PREFIX}{key}"
    cursor.execute(
        "SELECT datname FROM pg_database WHERE starts_with(datname, %s)"
        " ORDER BY shobj_description(oid, 'pg_database') DESC NULLS LAST",
        [PREFIX],
    )
    existing = [row[0] for row in cursor.fetchall()]
    if name not in existing:
        partial = f"{name}_partial"
        cursor.execute(f'DROP DATABASE IF EXISTS "{partial}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{partial}"')
        url = urlsplit(os.environ["DATABASE_URL"])
        _migrate(urlunsplit(url._replace(path=f"/{partial}")))
        cursor.execute(f'ALTER DATABASE "{partial}" RENAME TO "{name}"')
        cursor.execute(f"COMMENT ON DATABASE \"{name}\" IS '{time.time():017.6f}'")
        for older in existing[KEPT_TEMPLATES - 1 :]:
            cursor.execute(f'DROP DATABASE IF EXISTS "{older}" WITH (FORCE)')
    cursor.execute(f'DROP DATABASE IF EXISTS "{test_name}" WITH (FORCE)')
    cursor.execute(f'CREATE DATABASE "{test_name}" TEMPLATE "{name}"')


def create_test_database(alias="default"):
    """Make the worker's test database a copy of the template; returns what
    `destroy_test_database` needs to put things back."""
    connection = connections[alias]
    original = connection.settings_dict["NAME"]
    test_name = connection.creation._get_test_db_name()
    key = digest()
    if connection.vendor == "postgresql":
        with _locked(POSTGRES_LOCK), connection._nodb_cursor() as cursor:
            _postgres_copy(cursor, key, test_name)
    elif connection.vendor == "sqlite":
        template = _sqlite_template(key)
    else:  # pragma: no cover - the project runs on these two
        raise NotImplementedError(connection.vendor)
    connection.close()
    settings.DATABASES[alias]["NAME"] = test_name
    connection.settings_dict["NAME"] = test_name
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(template) as source:
            source.backup(connection.connection)
        source.close()
    # What `serialized_rollback` restores in transactional tests.
    connection._test_serialized_contents = connection.creation.serialize_db_to_string()
    return alias, original, test_name


def destroy_test_database(alias, original, test_name):
    connection = connections[alias]
    connection.close()
    settings.DATABASES[alias]["NAME"] = original
    connection.settings_dict["NAME"] = original
    if connection.vendor == "postgresql":
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{test_name}" WITH (FORCE)')


class Snapshot:
    """A copy of the test database as it is now, put back on demand: the
    browser tests load the demo content once per worker (some 40 s) and each
    test that needs it gets a fresh copy (a second) instead of a new load.
    SQLite: an online backup into a second in-memory database; PostgreSQL: a
    database made with the test database as its template."""

    def __init__(self, alias="default"):
        self.alias = alias
        self.copy = None

    @property
    def _connection(self):
        return connections[self.alias]

    def take(self):
        connection = self._connection
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            self.copy = sqlite3.connect(":memory:", check_same_thread=False)
            connection.connection.backup(self.copy)
        else:
            name = connection.settings_dict["NAME"]
            self.copy = f"{name}_snapshot"
            connection.close()
            with connection._nodb_cursor() as cursor:
                _end_sessions(cursor, name)
                cursor.execute(f'DROP DATABASE IF EXISTS "{self.copy}" WITH (FORCE)')
                cursor.execute(f'CREATE DATABASE "{self.copy}" TEMPLATE "{name}"')

    def restore(self):
        connection = self._connection
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            self.copy.backup(connection.connection)
        else:
            name = connection.settings_dict["NAME"]
            connection.close()
            with connection._nodb_cursor() as cursor:
                cursor.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
                cursor.execute(f'CREATE DATABASE "{name}" TEMPLATE "{self.copy}"')

    def drop(self):
        if self.copy is None:
            return
        if isinstance(self.copy, sqlite3.Connection):
            self.copy.close()
        else:
            with self._connection._nodb_cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{self.copy}" WITH (FORCE)')
        self.copy = None


def _end_sessions(cursor, name):
    """A template must have no other session (the live server's threads)."""
    cursor.execute(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
        " WHERE datname = %s AND pid <> pg_backend_pid()",
        [name],
    )
