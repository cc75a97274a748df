"""Every response carries a Content-Security-Policy and a Permissions-Policy:
the strict public one on the site, the API and error pages; the admin's own
under /admin/. The project's templates write nothing inline that the public
policy would block."""

import re
from pathlib import Path

import pytest

from django.conf import settings
from django.http import HttpResponse
from django.test import Client
from django.urls import path

from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.contrib.settings.registry import registry
from wagtail.models import Site

from config.middleware import ContentSecurityPolicyMiddleware

from ..accounts.factories import UserFactory
from ..markup import soup, text

pytestmark = pytest.mark.django_db

PROJECT = Path(__file__).resolve().parents[2]
# Data blocks are not run: the admin and the API docs use them for settings.
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}


def policy(response, header="Content-Security-Policy"):
    """The header as {directive: [sources]}, failing if it is missing."""
    assert header in response, (
        f"no {header} on {response.status_code} {response.get('Content-Type')}"
    )
    directives = {}
    for part in response[header].split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def assert_public_policy(response):
    directives = policy(response)
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]
    assert directives["form-action"] == ["'self'"]
    assert "Content-Security-Policy-Report-Only" not in response
    assert_permissions_policy(response)


def assert_permissions_policy(response):
    features = dict(
        item.strip().split("=", 1) for item in response["Permissions-Policy"].split(",")
    )
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "browsing-topics"):
        assert features[feature] == "()", feature


def inline_code(html):
    """What the public policy blocks in a document: inline scripts, style
    elements and attributes, event-handler attributes, javascript: links."""
    found = []
    for element in soup(html).find_all(True):
        if (
            element.name == "script"
            and not element.get("src")
            and element.get("type", "").lower() not in DATA_SCRIPT_TYPES
        ):
            found.append(str(element)[:120])
        if element.name == "style":
            found.append(str(element)[:120])
        for attribute, value in element.attrs.items():
            if attribute == "style" or attribute.startswith("on"):
                found.append(f"<{element.name} {attribute}={value!r}>")
            if isinstance(value, str) and value.strip().lower().startswith("javascript:"):
                found.append(f"<{element.name} {attribute}={value!r}>")
    return found


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(is_staff=True, groups=["Editors"], verified=True))
    return client


def test_the_inline_check_finds_what_the_policy_blocks():
    html = (
        '<p style="color: red">a</p><script>alert(1)</script><style>p{}</style>'
        '<button onclick="go()">b</button><a href="javascript:go()">c</a>'
        '<script type="application/json">{}</script><script src="/static/a.js"></script>'
    )

    assert len(inline_code(html)) == 5


def test_public_page_is_strict_and_writes_nothing_inline(client, home):
    response = client.get("/sq/")

    assert response.status_code == 200
    assert_public_policy(response)
    assert inline_code(response) == []


def test_public_policy_allows_only_the_video_players_in_frames(client, home):
    frames = policy(client.get("/en/"))["frame-src"]

    assert set(frames) == {
        "https://www.youtube.com",
        "https://www.youtube-nocookie.com",
        "https://player.vimeo.com",
    }


def test_account_pages_are_strict(client, home):
    response = client.get("/sq/accounts/login/")

    assert response.status_code == 200
    assert_public_policy(response)
    assert inline_code(response) == []


@pytest.mark.parametrize(
    ("address", "status"), [("/", 302), ("/robots.txt", 200), ("/sitemap.xml", 200)]
)
def test_redirects_and_plain_text_answers_carry_the_public_policy(client, home, address, status):
    response = client.get(address)

    assert response.status_code == status
    assert_public_policy(response)


def test_open_data_json_carries_the_public_policy(client):
    response = client.get("/api/v1/elections")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert_public_policy(response)


def test_api_docs_run_from_local_files_under_the_public_policy(client):
    response = client.get("/api/v1/docs")

    assert response.status_code == 200
    assert_public_policy(response)
    assert inline_code(response) == []
    scripts = [script["src"] for script in soup(response).select("script[src]")]
    assert scripts
    assert all(src.startswith("/static/") for src in scripts)


def test_not_found_page_carries_the_public_policy(client, home):
    response = client.get("/sq/nuk-ekziston/")

    assert response.status_code == 404
    assert_public_policy(response)
    assert inline_code(response) == []


def test_admin_gets_the_admin_policy(staff_client):
    response = staff_client.get("/admin/")

    assert response.status_code == 200
    directives = policy(response)
    assert directives["script-src"] == ["'self'", "'unsafe-inline'"], "no eval, no other origin"
    assert "'unsafe-inline'" in directives["style-src"]
    assert directives["frame-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert_permissions_policy(response)


def test_page_preview_gets_the_admin_policy_not_the_public_one(staff_client, home):
    """Wagtail renders a preview through the middleware for a made-up request
    to the page's public address; the admin's answer carries the admin's
    policy, which lets the editor frame it."""
    preview = f"/admin/pages/{home.pk}/edit/preview/"
    form = staff_client.get(f"/admin/pages/{home.pk}/edit/")
    data = {
        field["name"]: field.get("value", "")
        for field in soup(form).select("form#page-edit-form input[name]")
        if field.get("type") not in {"checkbox", "radio", "file", "submit"}
    }
    data.update(
        {
            field["name"]: field.text
            for field in soup(form).select("form#page-edit-form textarea[name]")
        }
    )
    assert staff_client.post(preview, data).json()["is_valid"]

    response = staff_client.get(preview)

    assert response.status_code == 200
    directives = policy(response)
    assert directives["frame-ancestors"] == ["'self'"]
    assert "'unsafe-inline'" in directives["style-src"]


def test_previews_made_up_request_gets_no_header_of_its_own(home):
    response = home.make_preview_request()

    assert response.status_code == 200
    assert "Content-Security-Policy" not in response


def test_admin_redirect_for_visitors_carries_the_admin_policy(client):
    response = client.get("/admin/pages/")

    assert response.status_code == 302
    assert "'unsafe-inline'" in policy(response)["style-src"]


def test_admin_avatars_are_not_fetched_from_gravatar(staff_client):
    response = staff_client.get("/admin/")

    assert "gravatar.com" not in response.content.decode()


def _fails(request):
    raise RuntimeError("the server fails")


urlpatterns = [path("fails/", _fails)]


@pytest.fixture
def failing_view(settings):
    settings.ROOT_URLCONF = __name__
    return Client(raise_request_exception=False)


def test_server_error_page_is_strict_and_styled_by_the_site_sheet(failing_view):
    response = failing_view.get("/fails/")

    assert response.status_code == 500
    assert_public_policy(response)
    assert inline_code(response) == []
    assert [link["href"] for link in soup(response).select('link[rel="stylesheet"]')] == [
        f"{settings.STATIC_URL}css/site.css"
    ]
    assert "Diçka shkoi keq" in text(response)


def test_cached_pages_carry_the_policies(client, home, settings):
    settings.POP_PAGE_CACHE_SECONDS = 300
    site = Site.objects.get(is_default_site=True)
    for model in registry:  # made on first use, which would retire the page
        if issubclass(model, BaseSiteSetting):
            model.for_site(site)
    assert client.get("/sq/")["X-Page-Cache"] == "miss"

    response = client.get("/sq/")

    assert response["X-Page-Cache"] == "hit"
    assert_public_policy(response)


def test_a_view_may_not_loosen_the_public_policy_by_accident(rf):
    """The admin's policy is chosen by path, not by who asks: a public URL
    under another prefix gets the public one even for staff."""
    middleware = ContentSecurityPolicyMiddleware(lambda request: HttpResponse("ok"))
    for address, strict in (("/sq/administrata/", True), ("/admin/pages/", False)):
        request = rf.get(address)
        middleware.process_request(request)
        response = middleware.process_response(request, HttpResponse("ok"))
        assert ("'unsafe-inline'" not in response["Content-Security-Policy"]) is strict, address


TEMPLATE_FOLDERS = sorted(
    folder
    for folder in PROJECT.glob("*/templates")
    if folder.parent.name not in {".venv", "node_modules"}
) + [PROJECT / "site" / "templates"]
INLINE_IN_TEMPLATES = re.compile(
    r"""<script(?![^>]*\bsrc=)(?![^>]*type="application/(?:ld\+)?json")[^>]*>"""
    r"""|<style\b|\sstyle=|\son[a-z]+=|javascript:""",
    re.IGNORECASE,
)


def test_no_template_of_the_project_writes_inline_script_or_style():
    offences = []
    for folder in TEMPLATE_FOLDERS:
        for template in folder.rglob("*"):
            if template.suffix not in {".html", ".svg", ".txt", ".xml"}:
                continue
            for number, line in enumerate(template.read_text().splitlines(), 1):
                if INLINE_IN_TEMPLATES.search(line):
                    offences.append(f"{template.relative_to(PROJECT)}:{number}: {line.strip()}")

    assert TEMPLATE_FOLDERS
    assert offences == []
