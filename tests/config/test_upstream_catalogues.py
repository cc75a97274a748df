"""The admin's packages (Wagtail and all its apps, wagtail-localize,
django-q2) ship no Albanian: ours live in locale/upstream/<name>/sq/. Every
message the installed packages ship must have an Albanian translation there,
so an upgrade that adds strings fails here; and a translation must keep the
message's placeholders, or the admin shows a broken or crashing string.

One test per shipped catalogue (its id is "<package path>-<domain>", e.g.
"wagtail.admin-django", "wagtail-django" for Wagtail's core,
"wagtail_localize-djangojs"), so each can be run alone with -k."""

import re
from importlib.util import find_spec
from pathlib import Path

import polib
import pytest

UPSTREAM = Path(__file__).resolve().parents[2] / "locale" / "upstream"
DOMAINS = ("django", "djangojs")


def package_dir(name):
    return Path(find_spec(name).origin).parent


def shipped_catalogues():
    """(id, path) of the English catalogues the installed packages ship.
    django-q2 ships no English one: its German catalogue gives the msgids."""
    found = []
    for package in ("wagtail", "wagtail_localize"):
        root = package_dir(package)
        for path in sorted(root.glob("**/locale/en/LC_MESSAGES/*.po")):
            app = path.parents[3].relative_to(root.parent)
            found.append((f"{'.'.join(app.parts)}-{path.stem}", path))
    django_q = package_dir("django_q") / "locale" / "de" / "LC_MESSAGES" / "django.po"
    found.append(("django_q-django", django_q))
    return found


CATALOGUES = shipped_catalogues()


def key(entry):
    return (entry.msgctxt, entry.msgid)


def albanian(domain):
    """Our upstream translations for a domain, as Django reads them: the
    first directory (in LOCALE_PATHS order, sorted by name) that has a
    message wins."""
    translations = {}
    for path in sorted(UPSTREAM.glob(f"*/sq/LC_MESSAGES/{domain}.po"), reverse=True):
        for entry in polib.pofile(str(path)):
            if not entry.obsolete:
                translations[key(entry)] = entry
    return translations


def is_translated(entry):
    if entry is None or entry.fuzzy:
        return False
    if entry.msgid_plural:
        return len(entry.msgstr_plural) == 2 and all(entry.msgstr_plural.values())
    return bool(entry.msgstr)


PLACEHOLDER = re.compile(
    r"%\([^)]+\)[sdifr]"  # %(name)s
    r"|%[sdifr]"  # %s
    r"|\{[A-Za-z0-9_.]*\}"  # {name}, {0}, {}
    r"|</?[A-Za-z][^>]*>"  # HTML tags, attributes included
    r"|&[A-Za-z#0-9]+;"  # entities
)


def placeholders(text):
    return sorted(PLACEHOLDER.findall(text.replace("%%", "")))


def placeholder_mismatches(entry):
    """What a translation changed in its message's placeholders. A singular
    form may state "1" instead of the count (as the English does), so it
    may match either English form."""
    if entry.msgid_plural:
        singular, plural = entry.msgstr_plural.get(0, ""), entry.msgstr_plural.get(1, "")
        problems = []
        if singular and placeholders(singular) not in (
            placeholders(entry.msgid),
            placeholders(entry.msgid_plural),
        ):
            problems.append(singular)
        if plural and placeholders(plural) != placeholders(entry.msgid_plural):
            problems.append(plural)
        return problems
    if entry.msgstr and placeholders(entry.msgstr) != placeholders(entry.msgid):
        return [entry.msgstr]
    return []


def test_the_installed_packages_ship_the_catalogues_we_translate():
    ids = {catalogue_id for catalogue_id, _ in CATALOGUES}

    assert {"wagtail-django", "wagtail.admin-django", "wagtail.admin-djangojs"} <= ids
    assert {"wagtail_localize-django", "wagtail_localize-djangojs", "django_q-django"} <= ids
    assert all(path.exists() for _, path in CATALOGUES)


@pytest.mark.parametrize(
    "path", [path for _, path in CATALOGUES], ids=[catalogue_id for catalogue_id, _ in CATALOGUES]
)
def test_every_shipped_message_has_an_albanian_translation(path):
    translations = albanian(path.stem)
    shipped = [entry for entry in polib.pofile(str(path)) if entry.msgid and not entry.obsolete]

    missing = [entry.msgid for entry in shipped if not is_translated(translations.get(key(entry)))]

    assert shipped
    assert missing == []


@pytest.mark.parametrize(
    "path", [path for _, path in CATALOGUES], ids=[catalogue_id for catalogue_id, _ in CATALOGUES]
)
def test_plural_messages_are_translated_as_plurals(path):
    translations = albanian(path.stem)
    shipped = polib.pofile(str(path))

    wrong = [
        entry.msgid
        for entry in shipped
        if entry.msgid_plural
        and (found := translations.get(key(entry))) is not None
        and found.msgid_plural != entry.msgid_plural
    ]

    assert wrong == []


UPSTREAM_FILES = sorted(UPSTREAM.glob("*/sq/LC_MESSAGES/*.po"))


@pytest.mark.parametrize(
    "path", UPSTREAM_FILES, ids=[f"{p.parents[2].name}-{p.stem}" for p in UPSTREAM_FILES]
)
def test_albanian_translations_keep_the_placeholders(path):
    catalogue = polib.pofile(str(path))

    broken = {entry.msgid: placeholder_mismatches(entry) for entry in catalogue}

    assert {msgid: found for msgid, found in broken.items() if found} == {}


@pytest.mark.parametrize(
    "path", UPSTREAM_FILES, ids=[f"{p.parents[2].name}-{p.stem}" for p in UPSTREAM_FILES]
)
def test_upstream_catalogues_are_albanian_and_final(path):
    catalogue = polib.pofile(str(path))

    assert path.stem in DOMAINS
    assert catalogue.metadata["Language"] == "sq"
    assert catalogue.metadata["Plural-Forms"] == "nplurals=2; plural=(n != 1);"
    assert [entry.msgid for entry in catalogue.fuzzy_entries()] == []


def test_the_placeholder_check_catches_a_dropped_or_renamed_placeholder():
    dropped = polib.POEntry(msgid="Page '%(page_title)s' deleted.", msgstr="Faqja u fshi.")
    renamed = polib.POEntry(msgid="Edit '%(title)s'", msgstr="Modifiko '%(titulli)s'")
    tag_lost = polib.POEntry(msgid="Locked by <b>you</b>", msgstr="Kyçur nga ju")
    kept = polib.POEntry(msgid="{model_name} '{title}'", msgstr="{model_name} '{title}'")

    assert placeholder_mismatches(dropped) == ["Faqja u fshi."]
    assert placeholder_mismatches(renamed) == ["Modifiko '%(titulli)s'"]
    assert placeholder_mismatches(tag_lost) == ["Kyçur nga ju"]
    assert placeholder_mismatches(kept) == []
