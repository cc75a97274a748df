"""The open-data page: the editors' introduction, every endpoint of the API
(from its schema) with a `curl` line, the licence, the archive with its
date, size and checksum and its download, in Albanian and English; and the
demo's page."""

import hashlib

import pytest

from wagtail.rich_text import RichText
from wagtail_localize.synctree import create_aliases_for_new_page

from scorecards.api import api
from scorecards.models import OpenDataPage
from scorecards.opendata import build_archive

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_data_page(home):
    page = OpenDataPage(
        title="Të dhëna të hapura",
        slug="te-dhena",
        body=[("paragraph", RichText("<p>Për gazetarë dhe studiues.</p>"))],
    )
    home.add_child(instance=page)
    create_aliases_for_new_page(page)
    return page


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_every_endpoint_of_the_schema_with_a_curl_line(client, open_data_page, en):
    response = client.get("/en/te-dhena/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Për gazetarë dhe studiues." in html
    paths = [p for p, ops in api.get_openapi_schema()["paths"].items() if "get" in ops]
    assert "/api/v1/questions" in paths
    for path in paths:
        assert f"<code>GET {path}</code>" in html
    assert "curl &#x27;http://testserver/api/v1/forums?page_size=10&#x27;" in html
    assert "curl &#x27;http://testserver/api/v1/consultations/1/priorities" in html
    assert 'rel="license"' in html and "CC BY 4.0" in html
    assert "The archive is being prepared" in html
    assert "How the figures are computed" in html


def test_the_archive_with_date_size_checksum_and_download(client, open_data_page, media, en):
    build_archive()
    html = client.get("/en/te-dhena/").content.decode()
    download = client.get("/en/te-dhena/archive/")
    assert download.status_code == 200
    content = b"".join(download.streaming_content)
    checksum = hashlib.sha256(content).hexdigest()
    assert checksum in html
    assert download["ETag"] == f'"{checksum}"'
    assert "attachment" in download["Content-Disposition"]
    assert "/en/te-dhena/archive/" in html
    assert "pop-open-data-" in html
    assert "KB" in html or "bytes" in html


def test_albanian_page_and_no_archive_yet(client, open_data_page):
    assert client.get("/sq/te-dhena/").status_code == 200
    assert client.get("/sq/te-dhena/archive/").status_code == 404


@pytest.mark.parametrize("builds", [0, 1])
def test_queries(client, open_data_page, media, en, builds, django_assert_max_num_queries):
    for _ in range(builds):
        build_archive()
    # Uncached, in English (the site chrome's share included; 15 once it is cached).
    with django_assert_max_num_queries(20):
        assert client.get("/en/te-dhena/").status_code == 200


def test_the_demo_makes_the_page_in_both_languages(home, en):
    from demo import opendata

    opendata.load(lambda message: None, home=home)
    opendata.load(lambda message: None, home=home)
    [albanian] = OpenDataPage.objects.filter(locale__language_code="sq")
    assert albanian.show_in_menus
    english = albanian.get_translation(en)
    assert (english.title, english.slug, english.alias_of_id) == ("Open data", "open-data", None)
