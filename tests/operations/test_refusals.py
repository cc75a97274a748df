"""What backup_site and restore_site refuse, with a CommandError (no
traceback) that says why."""

import hashlib
import io
import json
import tarfile

import pytest

from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from cms_pages.models import Municipality

from ..cms_pages.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db

on_sqlite = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the refusal of a SQLite database"
)
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="restore checks the archive only on PostgreSQL (SQLite is refused first); "
    "CI runs this on PostgreSQL",
)


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    (settings.MEDIA_ROOT / "kept.txt").write_bytes(b"kept")
    return settings.MEDIA_ROOT


def make_archive(path, files, manifest_files=None):
    """A hand-made archive; `manifest_files` overrides the manifest's checksums."""
    manifest = {
        "format": "pop-site-backup/1",
        "created": "2026-12-02T00:00:00+00:00",
        "database_vendor": "postgresql",
        "database_name": "pop",
        "file_count": len(files),
        "files": manifest_files
        or {
            name: {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
            for name, data in files.items()
        },
    }
    members = {
        "manifest.json": json.dumps(manifest).encode(),
        "database.dump": b"not read: refused before",
        **{f"media/{name}": data for name, data in files.items()},
    }
    with tarfile.open(path, "w:gz") as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path


@pytest.mark.parametrize("command", ["backup_site", "restore_site"])
def test_the_archive_argument_is_required(command):
    with pytest.raises(CommandError, match="file"):
        call_command(command)


@on_sqlite
@pytest.mark.parametrize("command", ["backup_site", "restore_site"])
def test_sqlite_is_refused(command, tmp_path):
    with pytest.raises(CommandError, match="PostgreSQL"):
        call_command(command, str(tmp_path / "site.tar.gz"))
    assert not (tmp_path / "site.tar.gz").exists()


@on_postgresql
def test_a_missing_archive_is_refused(tmp_path):
    with pytest.raises(CommandError, match="No backup file"):
        call_command("restore_site", str(tmp_path / "none.tar.gz"), "--force")


@on_postgresql
def test_a_file_that_is_not_an_archive_is_refused(tmp_path):
    (tmp_path / "site.tar.gz").write_bytes(b"not a tar")
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("restore_site", str(tmp_path / "site.tar.gz"), "--force")


@on_postgresql
def test_a_non_empty_database_is_kept_without_force(media_root, tmp_path):
    municipality = MunicipalityFactory()
    archive = make_archive(tmp_path / "site.tar.gz", {"original_images/a.png": b"png"})
    with pytest.raises(CommandError, match="--force"):
        call_command("restore_site", str(archive))
    assert Municipality.objects.filter(pk=municipality.pk).exists()
    assert [p.name for p in media_root.iterdir()] == ["kept.txt"]


@on_postgresql
@pytest.mark.parametrize(
    ("files", "manifest_files", "message"),
    [
        ({"a.png": b"changed"}, {"a.png": {"size": 3, "sha256": "0" * 64}}, "checksum"),
        ({}, {"a.png": {"size": 3, "sha256": "0" * 64}}, "missing"),
    ],
)
def test_a_damaged_archive_changes_nothing(media_root, tmp_path, files, manifest_files, message):
    municipality = MunicipalityFactory()
    archive = make_archive(tmp_path / "site.tar.gz", files, manifest_files)
    with pytest.raises(CommandError, match=message):
        call_command("restore_site", str(archive), "--force")
    assert Municipality.objects.filter(pk=municipality.pk).exists()
    assert [p.name for p in media_root.iterdir()] == ["kept.txt"]
