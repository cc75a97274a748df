"""One backup file for the whole site: the PostgreSQL database and MEDIA_ROOT.

The archive is a gzipped tar holding
- `database.dump`: `pg_dump --format=custom` of the database (one snapshot),
- `media/`: every file under MEDIA_ROOT,
- `manifest.json`: when it was made, the database vendor, and the size and
  sha256 of every media file, checked on restore before anything is changed.

PostgreSQL's own tools do the database (they are what production runs on);
SQLite is refused: its database is one file, copied while the site is stopped.
"""

import datetime
import hashlib
import json
import os
import shutil
import subprocess  # noqa: S404 - pg_dump and pg_restore, with argument lists
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connection

from pagecache.invalidation import invalidate

FORMAT = "pop-site-backup/1"
MANIFEST = "manifest.json"
DATABASE_DUMP = "database.dump"
MEDIA = "media"


class BackupError(Exception):
    """A backup or restore that was refused or failed; the message says why."""


def require_postgresql():
    if connection.vendor != "postgresql":
        raise BackupError(
            f"Backups use PostgreSQL's pg_dump and pg_restore; this database is "
            f"{connection.vendor}. For SQLite, stop the site and copy the "
            f"database file and MEDIA_ROOT."
        )


def _pg_arguments_and_environment():
    """The connection options of the `default` database (the test database
    under tests), as libpq command-line options and environment."""
    config = connection.settings_dict
    arguments = []
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if config.get(key):
            arguments.append(f"{option}={config[key]}")
    environment = dict(os.environ)
    if config.get("PASSWORD"):
        environment["PGPASSWORD"] = str(config["PASSWORD"])
    return arguments, environment, config["NAME"]


def _run(command, environment):
    try:
        result = subprocess.run(  # noqa: S603 - fixed program, no shell
            command, env=environment, capture_output=True, text=True, check=False
        )
    except FileNotFoundError as error:
        raise BackupError(f"{command[0]} is not installed: {error}") from error
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")


def _sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for chunk in iter(lambda: file.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _media_files(root):
    """Every regular file under `root`, by its path relative to `root`."""
    root = Path(root)
    if not root.is_dir():
        return {}
    return {
        path.relative_to(root).as_posix(): path
        for path in sorted(root.rglob("*"))
        if path.is_file() and not path.is_symlink()
    }


def write_backup(target):
    """Write one archive of the database and MEDIA_ROOT to `target`.

    The database is dumped first (pg_dump reads one consistent snapshot),
    then the media are copied. Media uploaded while the backup runs may be in
    the archive without a row pointing at them; that is harmless. Returns the
    manifest."""
    require_postgresql()
    target = Path(target)
    arguments, environment, name = _pg_arguments_and_environment()
    with tempfile.TemporaryDirectory() as work:
        dump = Path(work) / DATABASE_DUMP
        _run(
            ["pg_dump", "--format=custom", "--no-owner", *arguments, f"--file={dump}", name],
            environment,
        )
        files = _media_files(settings.MEDIA_ROOT)
        manifest = {
            "format": FORMAT,
            "created": datetime.datetime.now(datetime.UTC).isoformat(),
            "database_vendor": connection.vendor,
            "database_name": name,
            "file_count": len(files),
            "files": {
                relative: {"size": path.stat().st_size, "sha256": _sha256(path)}
                for relative, path in files.items()
            },
        }
        manifest_path = Path(work) / MANIFEST
        manifest_path.write_text(json.dumps(manifest, indent=2, sort_keys=True))
        partial = target.with_name(target.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(manifest_path, arcname=MANIFEST)
            archive.add(dump, arcname=DATABASE_DUMP)
            for relative, path in files.items():
                archive.add(path, arcname=f"{MEDIA}/{relative}")
        partial.replace(target)
    return manifest


def _verify(work):
    """Check the extracted archive against its manifest: the format, the
    dump, and every media file (none missing, none extra, each checksum)."""
    work = Path(work)
    try:
        manifest = json.loads((work / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"The archive has no readable {MANIFEST}: {error}") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Not a site backup (format {manifest.get('format')!r}).")
    if manifest.get("database_vendor") != "postgresql":
        raise BackupError(f"The backup is of a {manifest.get('database_vendor')} database.")
    if not (work / DATABASE_DUMP).is_file():
        raise BackupError(f"The archive has no {DATABASE_DUMP}.")
    expected = manifest.get("files", {})
    found = _media_files(work / MEDIA)
    if len(expected) != manifest.get("file_count") or set(found) != set(expected):
        missing = sorted(set(expected) - set(found))
        extra = sorted(set(found) - set(expected))
        raise BackupError(
            f"The media files differ from the manifest (missing: {missing}, extra: {extra})."
        )
    damaged = sorted(
        relative
        for relative, path in found.items()
        if _sha256(path) != expected[relative]["sha256"]
    )
    if damaged:
        raise BackupError(f"Media files fail their checksum: {damaged}.")
    return manifest


def database_is_empty():
    return not connection.introspection.table_names()


def restore_backup(source, force=False):
    """Replace the database and MEDIA_ROOT with the archive at `source`.

    Nothing is changed until the whole archive has been extracted and every
    media file has matched its checksum. A database that has tables is
    replaced only with `force`. The database is restored in one transaction
    (the public schema emptied, then pg_restore's script run by psql, so
    nothing the archive lacks survives); then MEDIA_ROOT
    is emptied and filled from the archive, and the page cache retired
    (pg_restore sends no signal). Returns the manifest."""
    require_postgresql()
    source = Path(source)
    if not source.is_file():
        raise BackupError(f"No backup file at {source}.")
    with tempfile.TemporaryDirectory() as work:
        try:
            with tarfile.open(source, "r:gz") as archive:
                archive.extractall(work, filter="data")
        except (tarfile.TarError, OSError, EOFError) as error:
            raise BackupError(f"Cannot read {source}: {error}") from error
        manifest = _verify(work)
        if not force and not database_is_empty():
            raise BackupError(
                "The database is not empty; restoring replaces it. Pass --force to replace it."
            )
        arguments, environment, name = _pg_arguments_and_environment()
        connection.close()
        # pg_restore --clean drops only what the archive holds: a table a
        # newer schema added would survive. The archive becomes an SQL
        # script, run by psql in one transaction after the schema is emptied.
        script = Path(work) / "restore.sql"
        _run(
            [
                "pg_restore",
                "--no-owner",
                "--exit-on-error",
                f"--file={script}",
                str(Path(work) / DATABASE_DUMP),
            ],
            environment,
        )
        _run(
            [
                "psql",
                "--no-psqlrc",
                "--quiet",
                "--single-transaction",
                "--set=ON_ERROR_STOP=1",
                *arguments,
                f"--dbname={name}",
                "--command=DROP SCHEMA IF EXISTS public CASCADE",
                "--command=CREATE SCHEMA public",
                f"--file={script}",
            ],
            environment,
        )
        _replace_media(Path(work) / MEDIA, Path(settings.MEDIA_ROOT))
    invalidate()
    return manifest


def _replace_media(extracted, media_root):
    media_root.mkdir(parents=True, exist_ok=True)
    for child in media_root.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
    if extracted.is_dir():
        shutil.copytree(extracted, media_root, dirs_exist_ok=True)
