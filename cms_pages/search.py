"""Site search and what a page says about itself in plain text.

What a visitor types is reduced to its words before any search backend sees
it: quotes, brackets, operators and control characters mean something to
SQLite's FTS5 and PostgreSQL's tsquery, and nothing to a person looking for
"Aleanca Gjinore". Diacritics are folded by the backends themselves (SQLite's
FTS5 tokenizer, the `pop_search` text search configuration on PostgreSQL).

Pages are searched here; what other apps publish outside the page tree
(priorities, candidates) joins the results through the
`register_public_search` hook: a function taking the searched words (one
string) and a language code, returning `SearchHit`s. cms_pages imports no
other app, so the hook is how they answer.
"""

import re
from dataclasses import dataclass

from django.conf import settings
from django.utils.text import Truncator

from wagtail import hooks
from wagtail.models import Locale
from wagtail.rich_text import RichText, get_text_for_indexing

from .caching import cached

SEARCH_HOOK = "register_public_search"

WORD = re.compile(r"\w+")
MAX_WORDS = 10
MAX_QUERY_LENGTH = 200
DESCRIPTION_CHARACTERS = 160
DESCRIPTION_ATTRIBUTES = ("lead", "intro", "body")


@dataclass(frozen=True)
class SearchHit:
    """One result, whatever it is: a page, a priority, a candidate."""

    title: str
    url: str
    summary: str = ""
    kind: str = ""


def search_words(query):
    """The words of `query` (letters, digits, underscores of any script), at
    most MAX_WORDS of them, joined by spaces: safe for every backend."""
    return " ".join(WORD.findall(query[:MAX_QUERY_LENGTH])[:MAX_WORDS])


def plain_text(value, characters=DESCRIPTION_CHARACTERS):
    """`value` (text, rich text HTML, a RichText or a StreamField value) as
    plain text on one line, cut at a word to at most `characters`."""
    text = _text_of(value)
    text = re.sub(r"\s+", " ", text).strip()
    return Truncator(text).chars(characters) if characters else text


def _text_of(value):
    if value is None:
        return ""
    if isinstance(value, RichText):
        return get_text_for_indexing(value.source)
    if isinstance(value, str):
        return get_text_for_indexing(value) if "<" in value else value
    if hasattr(value, "raw_data") or isinstance(value, list | tuple):  # a StreamField
        for block in value:
            text = _text_of(getattr(block, "value", block))
            if text.strip():
                return text
        return ""
    if isinstance(value, dict):  # a StructBlock's value
        for child in value.values():
            text = _text_of(child) if isinstance(child, str | RichText) else ""
            if text.strip():
                return text
        return ""
    return ""


def page_description(page):
    """What `page` says about itself, in plain text: the editor's search
    description, else what the page type offers (`meta_description()`),
    else its lead, introduction or the first text of its body."""
    if page is None:
        return ""
    text = plain_text(getattr(page, "search_description", ""))
    if text:
        return text
    offered = getattr(page, "meta_description", None)
    if callable(offered):
        text = plain_text(offered())
        if text:
            return text
    for attribute in DESCRIPTION_ATTRIBUTES:
        text = plain_text(getattr(page, attribute, None))
        if text:
            return text
    return ""


def search_locales(language_code):
    """`{language code: locale pk}` for the visitor's language and Albanian,
    the languages a hook searches in: kept with the site's structure (a
    locale added or removed draws a new generation), so no query per search."""
    codes = sorted({language_code, settings.LANGUAGE_CODE})
    return cached(
        ("cms_pages:search-locales", *codes),
        lambda: dict(
            Locale.objects.filter(language_code__in=codes).values_list("language_code", "pk")
        ),
    )


def other_hits(words, language_code):
    """What the other apps' `register_public_search` hooks find."""
    hits = []
    for find in hooks.get_hooks(SEARCH_HOOK):
        hits.extend(find(words, language_code))
    return hits
