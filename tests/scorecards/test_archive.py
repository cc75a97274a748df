"""The bulk archive: built by its django-q2 task (daily, and after a
publication, one queued rebuild at a time), written to the media storage
with its date, size and checksum recorded; every CSV parses (UTF-8 with BOM,
formula-safe), its columns are the README's, its rows as many as the API's."""

import csv
import hashlib
import io
import json
import re
import zipfile

import pytest
from django_q.models import Schedule

from django.core.files.storage import default_storage

from scorecards.models import OpenDataArchive
from scorecards.opendata import TABLES, build_archive

from ..accounts.factories import UserFactory
from ..forums.forum_helpers import make_index
from .factories import AssessmentFactory, MonitoredPriorityFactory
from .record_data import build_record

pytestmark = pytest.mark.django_db

API = "/api/v1"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def record(home, en, municipality):
    return build_record(make_index(home), en, size=2, municipality=municipality)


def open_archive():
    archive = OpenDataArchive.objects.current()
    with default_storage.open(archive.file, "rb") as file:
        content = file.read()
    return archive, content, zipfile.ZipFile(io.BytesIO(content))


def readme_columns(readme, table):
    """The columns the README (its Albanian part) lists for `table`."""
    section = readme.split(f"## {table}.csv", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^- `([a-z_]+)`", section, flags=re.MULTILINE)


def csv_rows(zipped, name):
    return list(csv.DictReader(io.StringIO(zipped.read(f"{name}.csv").decode("utf-8-sig"))))


def api_count(client, table, made):
    if table == "consultation_priorities":
        return sum(
            client.get(f"{API}/consultations/{m['contract'].pk}/priorities").json()["count"]
            for m in made
        )
    return client.get(f"{API}/{table}").json()["count"]


def test_the_task_builds_the_archive_the_api_agrees_with(client, media, record):
    _election, made = record
    made[0]["question"].answer_summary = '=HYPERLINK("https://evil.example")'
    made[0]["question"].save()
    build_archive()
    archive, content, zipped = open_archive()
    assert archive.size == len(content)
    assert archive.sha256 == hashlib.sha256(content).hexdigest()
    assert archive.file.startswith("opendata/pop-open-data-")
    names = set(zipped.namelist())
    assert {"README.md", "LICENSE"} <= names
    assert "CC BY 4.0" in zipped.read("LICENSE").decode()
    readme = zipped.read("README.md").decode()
    assert "CC BY 4.0" in readme
    for table, *_rest in TABLES:
        raw = zipped.read(f"{table}.csv")
        assert raw.startswith("\ufeff".encode())
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
        header, body = rows[0], rows[1:]
        assert header == readme_columns(readme, table), table
        assert len(body) == len(json.loads(zipped.read(f"{table}.json")))
        assert len(body) == api_count(client, table, made), table
        assert archive.row_counts[table] == len(body)
    # Two municipalities' record: nothing is empty that the API has.
    assert archive.row_counts["positions"] == 6
    assert archive.row_counts["questions"] == 2
    # Texts as the API has them; a formula written after an apostrophe.
    positions = csv_rows(zipped, "positions")
    assert positions[0]["statement"] == "Po, brenda 2025."
    assert csv_rows(zipped, "forums")[0]["outcome_sq"] == "Dy kandidatë nënshkruan."
    summaries = {row["answer_summary"] for row in csv_rows(zipped, "questions")}
    assert summaries == {'\'=HYPERLINK("https://evil.example")', "Brenda vitit."}


def test_a_new_build_replaces_the_previous_file(media):
    build_archive()
    first = OpenDataArchive.objects.get()
    first.file = "opendata/pop-open-data-2020-01-01.zip"
    default_storage.save(first.file, io.BytesIO(b"old"))
    first.save()
    build_archive()
    latest = OpenDataArchive.objects.get()
    assert latest.file != first.file
    assert not default_storage.exists(first.file)
    assert default_storage.exists(latest.file)
    assert not list((media / "opendata").glob("*.part"))


def test_publications_queue_one_rebuild(media, contract, django_capture_on_commit_callbacks):
    """Two publications in a row: the first queues a build (run at once by
    the test settings' synchronous django-q2), which lets the next queue
    again; the archive then holds the published assessments."""
    editor = UserFactory(email="redaktori@private.example")
    drafts = [
        AssessmentFactory(priority=p, published_at=None)
        for p in MonitoredPriorityFactory.create_batch(2, contract=contract)
    ]
    with django_capture_on_commit_callbacks(execute=True):
        drafts[0].publish(editor)
    first = OpenDataArchive.objects.get()
    assert first.row_counts["assessments"] == 1
    with django_capture_on_commit_callbacks(execute=True):
        drafts[1].publish(editor)
    assert OpenDataArchive.objects.get().row_counts["assessments"] == 2


def test_queue_rebuild_is_debounced(media, monkeypatch):
    queued = []
    monkeypatch.setattr(
        "scorecards.models.opendata.async_task", lambda *args, **kwargs: queued.append(args)
    )
    assert OpenDataArchive.objects.queue_rebuild() is True
    assert OpenDataArchive.objects.queue_rebuild() is False
    assert len(queued) == 1
    build_archive()  # a build lets the next publication queue again
    assert OpenDataArchive.objects.queue_rebuild() is True


def test_the_daily_schedule_exists_once():
    [schedule] = Schedule.objects.filter(func="scorecards.opendata.build_archive")
    assert schedule.schedule_type == Schedule.DAILY
