"""When anything public changes, every cached page becomes stale at once.

The cache holds one *generation token*; each cached page remembers the token
it was rendered under and is served only while the token is unchanged. Saving
or deleting any model that pages show (supports, comments, assessments, pages,
snippets, candidacies…) draws a new token, immediately and again once the
transaction commits (so a page rendered from not-yet-committed data cannot
outlive the change). Housekeeping models (sessions, logs, the search index,
task queues) are ignored. A random token rather than a counter: if the cache
ever evicts it, a fresh one is drawn and nothing stale can match.

A second token, the *structure* generation, retires what every page shares
(Wagtail's routing, the site chrome; see `fragments` and `routing`). It is
drawn anew on the same changes except the busy participation rows (supports,
comments and their reports, forum questions and upvotes, a person's sign-in),
which no shared part shows: during a surge of supports the pages' own cache
turns over on every support, the routing and the chrome do not.
"""

import uuid

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from wagtail.signals import page_published, page_unpublished, post_page_move

TOKEN_KEY = "pagecache:generation"  # noqa: S105 - a cache key
STRUCTURE_KEY = "pagecache:structure"

# Changes that retire the pages but not what all pages share.
PARTICIPATION_MODELS = {
    "consultations.vote",
    "consultations.comment",
    "consultations.report",
    "forums.question",
    "forums.upvote",
    "accounts.user",
    "account.emailaddress",
}

# Rows no public page shows (or that change while pages are only read).
IGNORED_APPS = {"sessions", "django_q", "contenttypes", "admin", "wagtailsearch"}
IGNORED_MODELS = {
    "wagtailcore.modellogentry",
    "wagtailcore.pagelogentry",
    "wagtailcore.referenceindex",
    "wagtailcore.revision",
    "wagtailcore.taskstate",
    "wagtailcore.workflowstate",
    "wagtailcore.pagesubscription",
    "wagtailcore.comment",
    "wagtailcore.commentreply",
    "wagtailadmin.editingsession",
    "wagtailusers.userprofile",
    "cms_pages.customrendition",
    "account.emailconfirmation",
    "auth.permission",
}


def _token(key):
    token = cache.get(key)
    if token is None:
        token = uuid.uuid4().hex
        if not cache.add(key, token, None):
            token = cache.get(key) or token
    return token


def current_token():
    """The generation pages are rendered under now (drawn if missing)."""
    return _token(TOKEN_KEY)


def structure_token():
    """The generation the routing and the chrome are kept under."""
    return _token(STRUCTURE_KEY)


def new_generation():
    """Every cached page is stale from now on."""
    cache.set(TOKEN_KEY, uuid.uuid4().hex, None)


def new_structure():
    """Every cached page, route and piece of chrome is stale from now on."""
    cache.set_many({TOKEN_KEY: uuid.uuid4().hex, STRUCTURE_KEY: uuid.uuid4().hex}, None)


def invalidate(structure=True):
    """Retire the cached pages and, with `structure`, what pages share."""
    drawn = new_structure if structure else new_generation
    drawn()
    # Again after commit: a reader that rendered the old data in between
    # stored it under the token drawn above, which this one retires.
    transaction.on_commit(drawn)


def affects_pages(model):
    meta = model._meta
    return meta.app_label not in IGNORED_APPS and meta.label_lower not in IGNORED_MODELS


def _changed(sender, **kwargs):
    if affects_pages(sender):
        invalidate(structure=sender._meta.label_lower not in PARTICIPATION_MODELS)


def _page_changed(sender, **kwargs):
    invalidate()


def connect():
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_changed, dispatch_uid=f"pagecache-{id(signal)}")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_page_changed, dispatch_uid=f"pagecache-page-{id(signal)}")
