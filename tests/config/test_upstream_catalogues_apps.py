"""The Albanian catalogues of code we do not own (locale/upstream/<name>)
cover every message of the installed packages: Wagtail's apps besides its
core admin, wagtail-localize (Python and JavaScript), django-q2, allauth and
the messages missing from Django's own Albanian catalogue. An upgrade that
adds messages fails here until they are translated."""

import re
from pathlib import Path

import allauth
import django_q
import polib
import pytest

import django
from django.conf import settings
from django.utils import translation
from django.views.i18n import JavaScriptCatalog

import wagtail
import wagtail_localize

ROOT = Path(__file__).resolve().parents[2]
UPSTREAM = ROOT / "locale" / "upstream"
OURS = ROOT / "locale" / "sq" / "LC_MESSAGES" / "django.po"


def package_dir(module):
    return Path(module.__file__).resolve().parent


def english(module, *subdirs, domain="django", language="en"):
    base = package_dir(module)
    return [
        base / subdir / "locale" / language / "LC_MESSAGES" / f"{domain}.po" for subdir in subdirs
    ]


WAGTAIL_APPS = sorted(
    path
    for path in package_dir(wagtail).glob("**/locale/en/LC_MESSAGES/*.po")
    if path.parts[-5] != "wagtail"  # wagtail/locale: the core, with the admin
    and not path.is_relative_to(package_dir(wagtail) / "admin")
)

# (our catalogue, the English catalogues whose every message it must hold)
CATALOGUES = {
    "wagtail-apps": ("wagtail-apps/sq/LC_MESSAGES/django.po", WAGTAIL_APPS),
    "wagtail-localize": (
        "wagtail-localize/sq/LC_MESSAGES/django.po",
        english(wagtail_localize, ".", "locales"),
    ),
    "wagtail-localize-js": (
        "wagtail-localize/sq/LC_MESSAGES/djangojs.po",
        english(wagtail_localize, ".", domain="djangojs"),
    ),
    # django-q2 ships no English catalogue: its German one lists the msgids.
    "django-q": ("django-q/sq/LC_MESSAGES/django.po", english(django_q, ".", language="de")),
}

PLACEHOLDER = re.compile(
    r"%\([^)]+\)[-#0 +]*\d*(?:\.\d+)?[a-zA-Z]|%[-#0 +]*\d*(?:\.\d+)?[sdifr]|\{[^{}\s]*\}"
)
TAG = re.compile(r"</?[a-zA-Z][^>]*>")


def key(entry):
    return (entry.msgctxt, entry.msgid)


def messages(paths):
    found = {}
    for path in paths:
        for entry in polib.pofile(str(path)):
            if entry.msgid and not entry.obsolete:
                found.setdefault(key(entry), entry)
    return found


def translations(entry):
    if entry.msgid_plural:
        return [entry.msgstr_plural.get(n, "") for n in (0, 1)]
    return [entry.msgstr]


def translated(entry):
    return "fuzzy" not in entry.flags and all(translations(entry))


def placeholder_problems(entry):
    """Translations whose placeholders or HTML tags differ from the msgid's
    (a plural's first form may instead spell out the number, "1 document")."""
    problems = []
    for n, msgstr in enumerate(translations(entry)):
        sources = [entry.msgid_plural] if n else [entry.msgid, entry.msgid_plural]
        for pattern in (PLACEHOLDER, TAG):
            wanted = [sorted(pattern.findall(source)) for source in sources if source]
            if sorted(pattern.findall(msgstr)) not in wanted:
                problems.append((entry.msgid, msgstr))
    return problems


def test_locale_paths_hold_our_catalogue_first_then_each_upstream_one():
    assert settings.LOCALE_PATHS[0] == ROOT / "locale"
    assert sorted(settings.LOCALE_PATHS[1:]) == sorted(UPSTREAM.glob("*"))
    for name in ("allauth", "django", "django-q", "wagtail-apps", "wagtail-localize"):
        assert UPSTREAM / name in settings.LOCALE_PATHS


def test_the_wagtail_apps_are_all_found():
    apps = {
        path.parent.parent.parent.parent.relative_to(package_dir(wagtail)) for path in WAGTAIL_APPS
    }

    assert {Path("images"), Path("documents"), Path("users"), Path("snippets")} <= apps
    assert {Path("contrib/forms"), Path("contrib/redirects"), Path("contrib/settings")} <= apps
    assert Path("admin") not in apps
    assert Path(".") not in apps


@pytest.mark.parametrize("name", sorted(CATALOGUES))
def test_every_upstream_message_has_an_albanian_translation(name):
    ours, sources = CATALOGUES[name]
    catalogue = polib.pofile(str(UPSTREAM / ours))
    assert catalogue.metadata["Language"] == "sq"
    assert catalogue.metadata["Plural-Forms"] == "nplurals=2; plural=(n != 1);"
    albanian = {key(entry): entry for entry in catalogue if not entry.obsolete}
    wanted = messages(sources)
    assert len(wanted) > 40

    missing = [k[1] for k in wanted if k not in albanian]
    untranslated = [k[1] for k in wanted if k in albanian and not translated(albanian[k])]
    assert missing == []
    assert untranslated == []
    assert catalogue.fuzzy_entries() == []
    for k, entry in wanted.items():
        assert bool(entry.msgid_plural) == bool(albanian[k].msgid_plural), entry.msgid


@pytest.mark.parametrize(
    "path",
    sorted(str(path.relative_to(UPSTREAM)) for path in UPSTREAM.glob("*/sq/LC_MESSAGES/*.po")),
)
def test_translations_keep_the_placeholders_and_tags_of_the_msgid(path):
    catalogue = polib.pofile(str(UPSTREAM / path))

    problems = [p for entry in catalogue.translated_entries() for p in placeholder_problems(entry)]

    assert problems == []


def django_catalogues(language):
    base = package_dir(django)
    return [
        base / sub / "locale" / language / "LC_MESSAGES" / "django.po"
        for sub in ("conf", "contrib/auth", "contrib/contenttypes")
    ]


def test_what_django_leaves_untranslated_in_albanian_we_translate():
    shipped = {
        k: entry for k, entry in messages(django_catalogues("sq")).items() if translated(entry)
    }
    ours = {
        key(entry): entry
        for entry in polib.pofile(str(UPSTREAM / "django/sq/LC_MESSAGES/django.po"))
    }

    gaps = [k for k in messages(django_catalogues("en")) if k not in shipped]
    assert gaps, "Django's Albanian is complete: locale/upstream/django can go"
    assert [k for k in gaps if k not in ours or not translated(ours[k])] == []


def test_every_allauth_message_is_translated_here_or_in_our_catalogue():
    ours = {key(entry): entry for entry in polib.pofile(str(OURS)) if translated(entry)}
    upstream = {
        key(entry): entry
        for entry in polib.pofile(str(UPSTREAM / "allauth/sq/LC_MESSAGES/django.po"))
        if translated(entry)
    }
    wanted = messages(english(allauth, "."))
    assert len(wanted) > 300

    assert [k[1] for k in wanted if k not in ours and k not in upstream] == []


@pytest.mark.parametrize(
    ("msgid", "albanian"),
    [
        ("Insert embed", "Fut përfshirje"),  # wagtail.embeds
        ("Add images", "Shto imazhe"),  # wagtail.images
        ("Translate this page", "Përkthe këtë faqe"),  # wagtail_localize
        ("Scheduled tasks", "Detyrat e planifikuara"),  # django_q
        ("Sign Up", "Regjistrohuni"),  # allauth
        ("Floating point number", "Numër me presje dhjetore"),  # Django
    ],
)
def test_the_site_speaks_the_upstream_albanian(msgid, albanian):
    with translation.override("sq"):
        assert translation.gettext(msgid) == albanian
    with translation.override("en"):
        assert translation.gettext(msgid) == msgid


def test_wagtail_localizes_javascript_catalogue_includes_ours(rf):
    with translation.override("sq"):
        response = JavaScriptCatalog.as_view(packages=["wagtail_localize"])(rf.get("/"))

    content = response.content.decode()
    assert '"Publiko n\\u00eb "' in content or '"Publiko në "' in content
    assert '"Shkarko skedarin PO"' in content
