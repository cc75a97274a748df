"""The class, not the instance: every page the demo publishes (the sitemap,
both languages) plus the pages it does not list: account, candidate,
side-by-side and search pages, a priority's whole discussion, and a
signed-in citizen's consultations, discussions, notifications and the
forms to change and to report a comment, at a phone's width; at a
desktop's, a sample of them: the first two pages of each kind (a page
model, a consultation's phase, a forum still to come or held, a page's
route; any other address is a kind of its own) in both languages, and
every signed-in page.

Every page at a phone's width is swept on SQLite, the default engine; on
any other (PostgreSQL in CI) the phone sweeps the same sample as the
desktop. What a sweep checks (widths, axe-core, dates, the interface's
language) is made by the templates and the demo's content, which are the
same on every engine; the sample still shows each kind of page served from
PostgreSQL, and the whole sweep would cost CI minutes to check twice.

On every page visited: nothing is wider than the viewport, and axe-core
finds nothing serious or critical and no two landmarks sharing a name (at
a desktop's width, once per body class, or per page where there is none).
On every Albanian page visited: no English date or time (a.m./p.m.,
English month abbreviations, Django's abbreviated Albanian months) and
none of the interface strings that the same page shows in English.
"""

import re
from pathlib import Path
from urllib.parse import urlsplit

import polib
import pytest
from axe_playwright_python.sync_playwright import Axe

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Count
from django.http import Http404
from django.test import Client
from django.urls import reverse
from django.utils import translation

from wagtail.models import Page

from consultations.models import Comment, CommentState, ConsultationPage, Priority
from forums.models import ForumPage

from ..english_patterns import PATTERNS
from .conftest import AXE_OPTIONS, FAILING_IMPACTS, FINISH_ANIMATIONS, describe

User = get_user_model()

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "pop-demo-2026"  # the demo's development password (site/demo/people.py)

# The language switcher names each language in that language.
SELF_NAMES = {"English", "Shqip"}
# Placeholders make a msgid a template, not a string a page shows as is.
PLACEHOLDER = re.compile(r"%(?:\([^)]*\))?[sdif]|\{[^}]*\}")


def interface_strings():
    """English msgid → its Albanian, from every catalogue the site uses, for
    the strings a page could show verbatim (no placeholders, translated
    differently, long enough to be told from a name)."""
    strings = {}
    for path in sorted(Path(settings.BASE_DIR, "locale").glob("**/sq/LC_MESSAGES/django.po")):
        for entry in polib.pofile(str(path)):
            text = entry.msgid.strip()
            if (
                entry.msgstr
                and not entry.obsolete
                and "fuzzy" not in entry.flags
                and entry.msgstr.strip() != text
                and len(text) >= 5
                and (" " in text or text[0].isupper())
                and text not in SELF_NAMES
                and re.search(r"[a-z]", text)
                and not PLACEHOLDER.search(text)
                and "<" not in text
            ):
                strings.setdefault(text, entry.msgstr)
    return strings


PRIORITY_PAGE = re.compile(r"/(prioritete|priorities)/\d+/$")
PRIORITY_PAGES_PER_LANGUAGE = 2


def sample_priority_pages(paths):
    """Every page, but only the first few priority pages of each language:
    there are hundreds, all made by one template (the municipality pages
    are all kept)."""
    kept, seen = [], {}
    for path in paths:
        match = PRIORITY_PAGE.search(path)
        if match:
            seen[match.group(1)] = seen.get(match.group(1), 0) + 1
            if seen[match.group(1)] > PRIORITY_PAGES_PER_LANGUAGE:
                continue
        kept.append(path)
    return kept


def demo_paths():
    client = Client()
    sitemap = client.get("/sitemap.xml").content.decode()
    paths = [
        re.sub(r"^https?://[^/]+", "", url) for url in re.findall(r"<loc>([^<]+)</loc>", sitemap)
    ]
    assert len(paths) > 50, "the demo's sitemap lists its pages"
    paths = sample_priority_pages(paths)
    candidate = client.get("/sq/forumet/durres-2023/").content.decode()
    profiles = sorted(set(re.findall(r'href="(/sq/candidates/profile/\d+/)"', candidate)))
    offers = sorted(set(re.findall(r'href="(/sq/candidates/offers/[^"]+/)"', candidate)))
    assert profiles and offers, "the forum page links its candidates and their offers"
    extra = [
        profiles[0],
        offers[0],
        "/sq/search/?q=uji",
        "/sq/accounts/login/",
        "/sq/accounts/signup/",
        "/sq/accounts/password/reset/",
    ]
    extra += [path.replace("/sq/", "/en/", 1) for path in extra]
    return paths + extra


PAGES_PER_KIND = 2


def page_kind(page):
    """What sets a page apart in a browser: its model and, for the two
    models whose pages have body classes of their own, a consultation's
    phase and whether a forum is still to come."""
    if isinstance(page, ConsultationPage):
        return (type(page).__name__, page.contract.phase)
    if isinstance(page, ForumPage):
        return (type(page).__name__, page.is_upcoming())
    return (type(page).__name__,)


def sample_by_kind(paths):
    """The desktop's sample of `paths`: for every kind of page, the first
    few, each page in all its languages. A page's route (a municipality,
    a priority, a discussion) is a kind of its own; any other address is
    its own kind, numbers aside."""
    pages = {
        urlsplit(page.full_url).path: page
        for page in Page.objects.live().public().specific()
        if page.full_url
    }
    chosen = {}  # kind → its first few groups (a page's translations, or an address)
    kept = []
    for path in paths:
        if path in pages:
            kind, group = page_kind(pages[path]), pages[path].translation_key
        else:
            kind, group = subpage_kind(path, pages), path
        groups = chosen.setdefault(kind, [])
        if group not in groups and len(groups) < PAGES_PER_KIND:
            groups.append(group)
        if group in groups:
            kept.append(path)
    return kept


def subpage_kind(path, pages):
    """The page (its language and kind) and route that serve `path`, when a
    page's route does; else the address, numbers aside."""
    parent = max((known for known in pages if path.startswith(known)), key=len, default=None)
    if parent is not None and hasattr(pages[parent], "resolve_subpage"):
        try:
            view, _args, _kwargs = pages[parent].resolve_subpage(path[len(parent) - 1 :])
        except Http404:
            pass
        else:
            return (pages[parent].locale_id, *page_kind(pages[parent]), view.__name__)
    return re.sub(r"\d+", "N", path)


CONSULTATIONS = {
    "sq": ["/sq/konsultimet/durres-2027/", "/sq/konsultimet/durres-2023/"],
    "en": ["/en/consultations/durres-2027/", "/en/consultations/durres-2023/"],
}
FORUM = {"sq": "/sq/forumet/durres-2023/", "en": "/en/forums/durres-2023/"}


def discussion_paths():
    """A priority's whole discussion (not in the sitemap; the consultation
    page links it as "Lexoni gjithë diskutimin" once a priority has more
    comments than it shows), in each language and phase: the priority with
    the most comments of each consultation."""
    paths = []
    for page in ConsultationPage.objects.live().filter(slug__in=["durres-2027", "durres-2023"]):
        priority = (
            Priority.objects.source()
            .filter(contract=page.contract)
            .annotate(comment_total=Count("comments"))
            .order_by("-comment_total", "pk")
            .first()
        )
        paths.append(page.url + page.reverse_subpage("discussion", args=[priority.pk]))
    assert len(paths) == 4, "both consultations, in both languages"
    return sorted(paths)


def signed_in_paths(discussions):
    """Who signs in, and the pages they see (besides the public ones): a
    citizen's consultations, discussions, notifications, the forms to
    change their own comment and to report someone else's; a candidate's
    page."""
    besnik = User.objects.get(email="besnik@pop.example")
    open_page = ConsultationPage.objects.get(url_path__endswith="/konsultimet/durres-2027/")
    # Changing a comment is allowed for a quarter of an hour after writing it.
    own = Comment.objects.create(
        priority=Priority.objects.source().filter(contract=open_page.contract).listed().first(),
        author=besnik,
        body="Një koment i ri, për ta ndryshuar.",
        state=CommentState.VISIBLE,
    )
    other = (
        Comment.objects.filter(priority__contract=open_page.contract, state=CommentState.VISIBLE)
        .exclude(author=besnik)
        .first()
    )
    assert other is not None, "the demo's open consultation has comments by other citizens"
    citizen = []
    for language in ("sq", "en"):
        citizen += CONSULTATIONS[language]
        citizen += [path for path in discussions if path.startswith(f"/{language}/")]
        citizen += [
            f"{CONSULTATIONS[language][0]}comments/{own.pk}/edit/",
            f"{CONSULTATIONS[language][0]}comments/{other.pk}/report/",
            FORUM[language],
            f"/{language}/accounts/profile/",
        ]
        with translation.override(language):
            citizen.append(reverse("consultations:notifications"))
    return {
        "besnik@pop.example": citizen,
        "kandidat@pop.example": ["/sq/candidates/", "/en/candidates/"],
    }


def sign_in(page, base, email):
    page.goto(f"{base}/sq/accounts/login/")
    page.locator('input[name="login"]').fill(email)
    page.locator('input[name="password"]').fill(PASSWORD)
    with page.expect_navigation():
        page.locator('form[action*="/accounts/login/"] [type="submit"]').click()


class Sweep:
    def __init__(self, page, base, width, axe_everywhere):
        self.page = page
        self.base = base
        self.width = width
        self.axe_everywhere = axe_everywhere
        self.axe_types = set()
        self.texts = {}  # path → visible text
        self.alternates = {}  # Albanian path → English path
        self.problems = []

    def check(self, path, state="anonymous", stays=False):
        """Visit `path` and note what is wrong with it; with `stays`, the page
        must show itself, not send the visitor elsewhere (a refusal)."""
        page = self.page
        response = page.goto(f"{self.base}{path}")
        label = f"{path} ({state}, {self.width}px)"
        if response is None or response.status != 200:
            self.problems.append(f"{label}: status {response and response.status}")
            return
        shown = urlsplit(page.url).path
        if stays and shown != urlsplit(path).path:
            self.problems.append(f"{label}: sent to {shown}")
        page.wait_for_load_state()
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        if scroll_width > self.width:
            self.problems.append(f"{label}: {scroll_width}px wide in a {self.width}px viewport")
        page_type = page.evaluate("document.body.className") or path
        if self.axe_everywhere or page_type not in self.axe_types:
            self.axe_types.add(page_type)
            page.evaluate(FINISH_ANIMATIONS)
            violations = [
                violation
                for violation in Axe().run(page, options=AXE_OPTIONS).response["violations"]
                if violation.get("impact") in FAILING_IMPACTS
                or violation["id"] == "landmark-unique"
            ]
            if violations:
                self.problems.append(describe(label, violations))
        # Text marked as in another language (lang="…", e.g. the API's own
        # English descriptions on the Albanian open-data page) is content,
        # not interface text.
        text = page.evaluate(
            """() => {
                const own = document.documentElement.lang;
                const other = [...document.body.querySelectorAll("[lang]")].filter(
                    (node) => node.lang !== own
                );
                const kept = other.map((node) => node.style.display);
                other.forEach((node) => { node.style.display = "none"; });
                const text = document.body.innerText;
                other.forEach((node, n) => { node.style.display = kept[n]; });
                return text;
            }"""
        )
        self.texts[(path, state)] = text
        english = page.locator('link[rel="alternate"][hreflang="en"]')
        if path.startswith("/sq/") and english.count():
            self.alternates[(path, state)] = re.sub(
                r"^https?://[^/]+", "", english.first.get_attribute("href")
            )
        if path.startswith("/sq/"):
            for pattern in PATTERNS:
                found = pattern.search(text)
                if found:
                    self.problems.append(
                        f"{label}: date or time not in Albanian form: {found.group(0)!r}"
                    )

    def compare_languages(self, strings):
        for (path, state), english_path in self.alternates.items():
            english = self.texts.get((english_path, state))
            if english is None:
                continue
            albanian = self.texts[(path, state)]
            shown = [
                msgid
                for msgid in strings
                if re.search(rf"(?<!\w){re.escape(msgid)}(?!\w)", english)
                and re.search(rf"(?<!\w){re.escape(msgid)}(?!\w)", albanian)
            ]
            if shown:
                self.problems.append(
                    f"{path} ({state}, {self.width}px) shows English interface text: {shown[:10]}"
                )


def sweep(context, live_server, width, axe_everywhere, sample=False):
    paths = demo_paths()
    discussions = discussion_paths()
    paths += discussions
    if sample:
        paths = sample_by_kind(paths)
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": 740})
    run = Sweep(page, live_server.url, width, axe_everywhere)
    for path in paths:
        run.check(path)
    for email, own_paths in signed_in_paths(discussions).items():
        sign_in(page, live_server.url, email)
        for path in own_paths:
            run.check(path, state=email, stays=True)
        page.context.clear_cookies()
    run.compare_languages(interface_strings())
    assert not run.problems, "\n\n".join(run.problems)


def test_every_page_at_a_phones_width(context, live_server, demo_site):
    sweep(context, live_server, 360, axe_everywhere=True, sample=connection.vendor != "sqlite")


def test_every_page_at_a_desktops_width(context, live_server, demo_site):
    sweep(context, live_server, 1280, axe_everywhere=False, sample=True)
