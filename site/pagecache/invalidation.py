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

Within a request (`request_scope`, opened by the page cache's middleware)
each token is read from the cache once and remembered: a page asks for them
for its routing, every piece of chrome and every kept card. A POST (PUT,
PATCH, DELETE) defers the drawing to its end: the middleware draws once when
the answer is ready, after the request's transactions have committed, and
the changes the request made meanwhile (their signals) only say whether the
structure goes too. Until then the request itself reads under tokens of its
own, drawn locally, so it never reuses what was kept before its changes.
Outside a request (commands, tasks) a change draws at once, and again on
commit when it happens inside a transaction.
"""

import uuid
from contextlib import contextmanager
from contextvars import ContextVar

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


class _Scope:
    """The tokens one request has read, and what its changes retire."""

    def __init__(self, defer):
        self.tokens = {}
        self.defer = defer  # draw once at the end (POST…) rather than on each change
        self.changed = False
        self.structure_changed = False


_scope = ContextVar("pagecache_scope", default=None)


@contextmanager
def request_scope(defer=False):
    """Remember the tokens for one request; with `defer`, draw at its end
    (the caller calls `finish`) instead of on each change."""
    scope = _Scope(defer)
    reset = _scope.set(scope)
    try:
        yield scope
    finally:
        _scope.reset(reset)


def remember(found):
    """Tokens the caller read anyway (a page's key with them): kept for the
    rest of the request, unless it has one already (read before, or drawn
    by its own change)."""
    scope = _scope.get()
    if scope is not None:
        for key in (TOKEN_KEY, STRUCTURE_KEY):
            if key in found:
                scope.tokens.setdefault(key, found[key])


def remembered(key):
    """Whether this request has the token under `key` already (a reader
    then asks the cache for its values only)."""
    scope = _scope.get()
    return scope is not None and key in scope.tokens


def _token(key):
    scope = _scope.get()
    if scope is not None and key in scope.tokens:
        return scope.tokens[key]
    token = cache.get(key)
    if token is None:
        token = uuid.uuid4().hex
        if not cache.add(key, token, None):
            token = cache.get(key) or token
    if scope is not None:
        scope.tokens[key] = token
    return token


def current_token():
    """The generation pages are rendered under now (drawn if missing)."""
    return _token(TOKEN_KEY)


def structure_token():
    """The generation the routing and the chrome are kept under."""
    return _token(STRUCTURE_KEY)


def _fresh(structure):
    keys = (TOKEN_KEY, STRUCTURE_KEY) if structure else (TOKEN_KEY,)
    return {key: uuid.uuid4().hex for key in keys}


def _draw(structure):
    tokens = _fresh(structure)
    cache.set_many(tokens, None)
    scope = _scope.get()
    if scope is not None:
        scope.tokens.update(tokens)


def new_generation():
    """Every cached page is stale from now on."""
    _draw(structure=False)


def new_structure():
    """Every cached page, route and piece of chrome is stale from now on."""
    _draw(structure=True)


def invalidate(structure=True):
    """Retire the cached pages and, with `structure`, what pages share."""
    scope = _scope.get()
    if scope is not None and scope.defer:
        # Drawn once by `finish`; meanwhile this request reads afresh.
        scope.changed = True
        scope.structure_changed |= structure
        scope.tokens.update(_fresh(structure))
        return
    drawn = new_structure if structure else new_generation
    drawn()
    if transaction.get_connection().in_atomic_block:
        # Again after commit: a reader that rendered the old data in between
        # stored it under the token drawn above, which this one retires.
        transaction.on_commit(drawn)


def finish(scope, retire, structure):
    """The end of a deferring request: one drawing if it may have changed
    something (`retire`: it was not refused) or a change said so, with the
    structure if asked or if a change asked. After the request's commits,
    so nothing rendered from the data before them outlives it."""
    if not (retire or scope.changed):
        return
    drawn = new_structure if structure or scope.structure_changed else new_generation
    drawn()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(drawn)  # a request inside a transaction (tests)


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
