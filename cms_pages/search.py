"""Site search and what a page says about itself in plain text.

What a visitor types is reduced to its words before any search backend sees
it: quotes, brackets, operators and control characters mean something to
SQLite's FTS5 and PostgreSQL's tsquery, and nothing to a person looking for
"Aleanca Gjinore". Diacritics are folded by the backends themselves (SQLite's
FTS5 tokenizer, the `pop_search` text search configuration on PostgreSQL).

Albanian inflects its nouns (Ujë, uji, ujin, ujit, ujërat; Korçë, Korça,
Korçës), and neither backend has an Albanian stemmer. So each word is looked
for in all its forms: `albanian_forms` strips one ending from what was typed
and puts every ending back on the stem (and on the word as typed), and
`search_query` asks for every word in any of its forms, with Wagtail's own
query objects. The index is left as it is (the forms are made at query time
only), so nothing needs re-indexing.

Pages are searched here; what other apps publish outside the page tree
(priorities, candidates, municipalities) joins the results through the
`register_public_search` hook: a function taking the search query (a Wagtail
query object, ready for `get_search_backend().search`) and a language code,
returning `SearchHit`s. cms_pages imports no other app, so the hook is how
they answer.
"""

import re
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.utils.text import Truncator

from wagtail import hooks
from wagtail.models import Locale
from wagtail.rich_text import RichText, get_text_for_indexing
from wagtail.search.query import And, PlainText

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


# The endings of Albanian nouns and their articles' forms, as written:
# singular (Korçë, Korçe, Korça, uji, miku, ujin, mikun, ujit, mikut, Korçës,
# Korçën, bashkisë, bashkinë, ujët, bashkitë) and plural (lagjet, fushat,
# ujërat, rrugëve, fushave, lagjeve, fushash, lagjesh, ujëra, ujërave,
# ujërash).
ALBANIAN_ENDINGS = (
    *("ë", "e", "a", "i", "u", "in", "un", "it", "ut", "ës", "ën", "së", "në", "ët", "të"),
    *("et", "at", "ve", "ëve", "ave", "eve", "sh", "ash", "esh", "ësh"),
    *("ra", "ëra", "rat", "ërat", "rave", "ërave", "rash", "ërash"),
)
MIN_WORD_TO_INFLECT = 3  # letters: shorter words (në, i, e) are looked for as typed
MIN_STEM = 2  # letters, one of them a vowel: "uji" gives "uj", "dhe" keeps "dhe"
VOWELS = frozenset("aeiouy")


def fold(text):
    """`text` in lower case without its diacritics (ë → e, ç → c), letter for
    letter: the folded text is as long as the lower-case text."""
    return "".join(unicodedata.normalize("NFD", letter)[0] for letter in text.lower())


FOLDED_ENDINGS = sorted({fold(ending) for ending in ALBANIAN_ENDINGS}, key=len, reverse=True)


def _stem(word):
    """`word` (in lower case) without its longest Albanian ending, or None
    when no ending leaves a stem of MIN_STEM letters with a vowel."""
    folded = fold(word)
    for ending in FOLDED_ENDINGS:
        stem = folded[: -len(ending)]
        if folded.endswith(ending) and len(stem) >= MIN_STEM and VOWELS.intersection(stem):
            return word[: len(stem)]
    return None


def albanian_forms(word):
    """The forms `word` is looked for in: the word as typed, in lower case,
    and every Albanian ending put on it and on its stem. "korca" gives
    "korca", "korcë", "korcës", "korcën"... (the stem keeps the letters
    typed; both backends fold the diacritics of the index and of the query
    alike, so "korcës" finds "Korçës"). Words with digits, and words shorter
    than MIN_WORD_TO_INFLECT letters, are looked for as typed."""
    word = word.lower()
    if len(word) < MIN_WORD_TO_INFLECT or not word.isalpha():
        return [word]
    stems = [word]
    bare = []
    if stem := _stem(word):
        stems.append(stem)
        # The stem alone is a form too where it is a word (forum, qytet):
        # "forume" finds "Forum", "qytetin" finds "qytet".
        bare = [stem] if len(stem) >= MIN_WORD_TO_INFLECT else []
    return list(
        dict.fromkeys(
            [word, *bare, *(stem + ending for stem in stems for ending in ALBANIAN_ENDINGS)]
        )
    )


def as_typed_first(hits, words):
    """`hits` (SearchHits) with those that show every word as typed (in their
    title or summary, diacritics aside) first, the others after, each group in
    the backend's order. Neither database backend can weigh one form above
    another within a query, and a search for "forume" should lead with the
    page that says "forume" rather than with the many that say "forumi"."""
    typed = {fold(word) for word in words.split()}

    def shows_as_typed(hit):
        return typed <= set(WORD.findall(fold(f"{hit.title} {hit.summary}")))

    return sorted(hits, key=lambda hit: not shows_as_typed(hit))


def search_query(words):
    """A Wagtail search query for `words` (as `search_words` gives them):
    every word, in any of its Albanian forms."""
    terms = [
        PlainText(" ".join(albanian_forms(word)), operator="or")
        for word in dict.fromkeys(words.lower().split())
    ]
    return terms[0] if len(terms) == 1 else And(terms)


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
    """What the other apps' `register_public_search` hooks find for `words`
    (as `search_words` gives them)."""
    query = search_query(words)
    hits = []
    for find in hooks.get_hooks(SEARCH_HOOK):
        hits.extend(find(query, language_code))
    return hits
