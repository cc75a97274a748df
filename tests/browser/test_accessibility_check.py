"""The accessibility check every browser test relies on can fail: it reports
serious violations, and page loads that nobody scanned."""

import pytest

from .conftest import AccessibilityScanner, accessibility_problems

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

INACCESSIBLE = """<!DOCTYPE html><html lang="en"><head><title>Bad</title></head>
<body><main><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
<input type="text" name="unlabelled"></main></body></html>"""


def test_serious_violations_are_reported(context):
    other = context.new_page()
    other.set_content(INACCESSIBLE)

    found = {violation["id"] for violation in accessibility_problems(other)}

    assert {"image-alt", "label"} <= found


def test_a_page_load_nobody_scanned_is_reported(context, live_server):
    other = context.new_page()
    scanner = AccessibilityScanner(other)
    other.goto(f"{live_server.url}/sq/")
    other.goto(f"{live_server.url}/en/")

    problem = scanner.finish()

    assert "1 page load(s) were not checked by axe-core" in problem
    assert scanner.scans == 1, "the page showing at the end is scanned"
