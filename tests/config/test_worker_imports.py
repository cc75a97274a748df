"""What a web worker loads at start-up (issue 18: peak memory per gunicorn
worker). Libraries that only a download or a background task needs are
imported by that code when it runs, not by every worker: openpyxl (XLSX
downloads, ~18 MiB alone), segno (QR codes in the contract PDFs) and
WeasyPrint (the PDFs, drawn by the django-q2 worker), icalendar (a forum's
calendar file). Wagtail's v3 API, which this site does not serve, is not
loaded at all (cms_pages.apps: its pydantic schemas of every page and snippet
model cost ~12 MiB)."""

import json
import secrets

from ..manage_cli import run_manage

LOADED = """
import json, sys
from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver
get_wsgi_application()
get_resolver().url_patterns
print(json.dumps(sorted(name for name in {names} if name in sys.modules)))
"""
ON_DEMAND = ("openpyxl", "segno", "weasyprint", "pypdf", "icalendar", "wagtail.api.v3.api")


def test_a_web_worker_starts_without_the_download_and_pdf_libraries():
    production = {"SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "pop.example.org"}
    result = run_manage(
        "shell",
        "-c",
        LOADED.format(names=repr(ON_DEMAND)),
        settings="config.settings.production",
        **production,
    )

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == []


OPEN_AT_LOAD = """
from django.core.wsgi import get_wsgi_application
from django.db import connections
get_wsgi_application()
print(sorted(alias for alias in connections if connections[alias].connection is not None))
"""


def test_loading_the_site_opens_no_database_connection_for_preloaded_workers_to_share():
    """gunicorn runs with --preload (README): the workers fork from a master
    that has loaded the site, so loading it must not connect to the
    database (a forked connection would be shared by every worker)."""
    production = {"SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "pop.example.org"}
    result = run_manage(
        "shell", "-c", OPEN_AT_LOAD, settings="config.settings.production", **production
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"
