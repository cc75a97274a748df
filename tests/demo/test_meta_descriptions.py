"""Every public page of the demo says what it is about in its
<meta name="description"> (and its share previews), in its own language and
in plain text: the sitemap's pages in both languages, and the pages outside
the page tree (candidates, the offers side by side, search)."""

import re
from urllib.parse import urlparse
from xml.etree import ElementTree  # noqa: S405 - parses only our own responses

from forums.models import Candidacy

from ..markup import soup

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
MARKUP = re.compile(r"<[a-z/!]|&[a-z]+;|&#\d+;", re.IGNORECASE)


PRIORITY_PAGE = re.compile(r"/(prioritete|priorities)/\d+/$")


def sitemap_paths(client, priority_pages=2):
    """The sitemap's paths, with only the first `priority_pages` priority
    pages of each language (there are hundreds, made by one template)."""
    tree = ElementTree.fromstring(client.get("/sitemap.xml").content)  # noqa: S314 - our own
    paths, seen = [], {}
    for loc in tree.iter(f"{SITEMAP}loc"):
        path = urlparse(loc.text).path
        if match := PRIORITY_PAGE.search(path):
            seen[match.group(1)] = seen.get(match.group(1), 0) + 1
            if seen[match.group(1)] > priority_pages:
                continue
        paths.append(path)
    return paths


def descriptions(response):
    head = soup(response).head
    return {
        "description": head.find("meta", attrs={"name": "description"}),
        "og:description": head.find("meta", attrs={"property": "og:description"}),
        "twitter:description": head.find("meta", attrs={"name": "twitter:description"}),
    }


def assert_described(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    found = descriptions(response)
    for name, tag in found.items():
        assert tag is not None, f"{path}: no {name}"
        content = tag["content"].strip()
        assert len(content) >= 20, f"{path}: {name} {content!r}"
        assert len(content) <= 300, f"{path}: {name} is {len(content)} characters"
        assert not MARKUP.search(content), f"{path}: {name} {content!r}"
    return found["description"]["content"]


def test_every_sitemap_page_in_both_languages_has_a_plain_description(client, demo):
    paths = sitemap_paths(client)
    assert {path.split("/")[1] for path in paths} == {"sq", "en"}
    assert len(paths) >= 38

    described = {path: assert_described(client, path) for path in paths}

    # Pages say something of their own, not only what the site is.
    assert len(set(described.values())) > len(paths) / 2


def test_pages_outside_the_tree_have_a_plain_description(client, demo):
    candidacy = Candidacy.objects.confirmed().order_by("pk").first()
    municipality = candidacy.municipality.slug
    year = candidacy.election.date.year
    for language in ("sq", "en"):
        assert_described(client, f"/{language}/candidates/profile/{candidacy.pk}/")
        assert_described(client, f"/{language}/candidates/offers/{municipality}/{year}/")
        assert_described(client, f"/{language}/search/?q=uji")
