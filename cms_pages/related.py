"""The pages about one municipality's Social Contract for one election link
to each other: the contract (its consultation page), the public forum, the
candidates' offers side by side, the elected mayor's page and the scorecard.

Those pages belong to the other apps, which cms_pages does not import: each
app describes its own through the `register_related_pages` hook, as
`RelatedSource`s. All of them are read in one query: one row of the
municipality, with one subquery per source, and kept with the site chrome
(`cms_pages.caching`): the links show pages, elections and candidacies, never
participation or the visitor, so they are retired with the chrome.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import OuterRef, Subquery
from django.utils.translation import get_language

from wagtail import hooks
from wagtail.models import Page

from .caching import cached
from .models import Election, Municipality

RELATED_HOOK = "register_related_pages"


@dataclass(frozen=True)
class RelatedLink:
    label: str
    url: str


@dataclass(frozen=True)
class RelatedSource:
    """One kind of related page. `expressions(municipality, election,
    language)` returns named query expressions, `municipality` being an
    OuterRef to the municipality's (source) row and `election` the
    election's id; `link(values, request)` makes the link from the values
    read (those names, and `municipality_slug`, `election_id`,
    `election_date`), or None."""

    order: int
    expressions: Callable[[Any, int, str], dict]
    link: Callable[[dict, Any], RelatedLink | None]


def page_url(page_id, url_path, request):
    """The URL of a page known by its id and url_path, without reading it."""
    if not page_id:
        return None
    return Page(pk=page_id, url_path=url_path).get_url(request)


def related_links(request, municipality_id, election_id):
    """The links to the pages about this municipality and election, in
    their order: one query, none while the chrome is kept."""
    if not municipality_id or not election_id:
        return []
    host = request.get_host() if request is not None else ""
    key = ("related-links", get_language(), host, municipality_id, election_id)
    return cached(key, lambda: _read_links(request, municipality_id, election_id))


def _read_links(request, municipality_id, election_id):
    sources = sorted(
        (source for register in hooks.get_hooks(RELATED_HOOK) for source in register()),
        key=lambda source: source.order,
    )
    if not municipality_id or not election_id or not sources:
        return []
    language = get_language()
    expressions = {
        "election_date": Subquery(Election.objects.filter(pk=election_id).values("date")[:1])
    }
    for source in sources:
        expressions.update(source.expressions(OuterRef("pk"), election_id, language))
    values = (
        Municipality.objects.filter(pk=municipality_id)
        .annotate(**expressions)
        .values("slug", *expressions)
        .first()
    )
    if values is None:
        return []
    values["municipality_slug"] = values.pop("slug")
    values["election_id"] = election_id
    links = (source.link(values, request) for source in sources)
    # Plain strings: what is kept must not depend on a lazy translation.
    return [RelatedLink(str(link.label), str(link.url)) for link in links if link]


# The permanent address of a municipality's or a priority's thread (the
# scorecards app serves them): a function registered under this hook takes
# `(obj, municipality_slug, request)` and returns the address of `obj` (a
# municipality or a source-language priority) or None.
THREAD_URL_HOOK = "register_thread_url"


def thread_url(obj, municipality_slug, request=None):
    """The thread page of `obj` in the active language, or "" when no app
    offers one."""
    for address in hooks.get_hooks(THREAD_URL_HOOK):
        if url := address(obj, municipality_slug, request):
            return url
    return ""
