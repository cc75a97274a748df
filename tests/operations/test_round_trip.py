"""backup_site then restore_site gives back every row and every media file.

pg_dump and pg_restore work on the test database itself (its name, host,
port and user are the connection's), so this is PostgreSQL only."""

import pytest

from django.apps import apps
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection

from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from cms_pages.models import Municipality
from consultations.models import Vote
from pagecache.invalidation import current_token

from ..accounts.factories import UserFactory
from ..consultations.factories import PriorityFactory, SectorFactory, VoteFactory

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("restorable_locale_synchronisation"),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="backups use pg_dump and pg_restore; on SQLite backup_site refuses "
        "(test_refusals.py); CI runs this on PostgreSQL",
    ),
]


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def every_row():
    """Every row of every concrete model (many-to-many tables included), by pk."""
    return {
        model._meta.label: list(model._base_manager.order_by("pk").values())
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }


def every_media_file(root):
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def test_a_restore_gives_back_every_row_and_every_media_file(media_root, tmp_path):
    priority = PriorityFactory()
    VoteFactory(priority=priority, citizen=UserFactory())
    image = Image.objects.create(title="Sheshi", file=get_test_image_file())
    image.get_rendition("fill-10x10")
    document = Document.objects.create(
        title="Raporti", file=ContentFile(b"%PDF-1.4 raporti", name="raporti.pdf")
    )
    rows, files = every_row(), every_media_file(media_root)
    assert len(files) == 3
    archive = tmp_path / "site.tar.gz"

    call_command("backup_site", str(archive))

    Municipality.objects.update(name="Ndryshuar")
    Vote.objects.filter(priority=priority).delete()
    SectorFactory()
    (media_root / image.file.name).unlink()
    (media_root / document.file.name).write_bytes(b"changed")
    (media_root / "stray.txt").write_bytes(b"not in the backup")
    assert every_row() != rows
    token = current_token()

    call_command("restore_site", str(archive), "--force")

    assert every_row() == rows
    assert every_media_file(media_root) == files
    # pg_restore sends no signal: the restore itself retires cached pages.
    assert current_token() != token
    # The sequences came back too: a new row takes a fresh id.
    assert SectorFactory().pk not in {r["id"] for r in rows["consultations.Sector"]}


def test_a_restore_leaves_nothing_the_backup_did_not_have(media_root, tmp_path):
    """A table added after the backup (a newer schema's) does not survive it."""
    archive = tmp_path / "site.tar.gz"
    call_command("backup_site", str(archive))
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE added_after_backup (id integer)")
    assert "added_after_backup" in connection.introspection.table_names()

    call_command("restore_site", str(archive), "--force")

    assert "added_after_backup" not in connection.introspection.table_names()
    assert Municipality.objects.filter(pk=0).count() == 0, "the restored database answers"
