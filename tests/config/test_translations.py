"""Albanian is the default language: every string in our catalogue has an
Albanian translation, and what the site shows comes out in Albanian."""

from pathlib import Path

import polib
import pytest

from django.test import Client

PO_FILE = Path(__file__).resolve().parents[2] / "locale" / "sq" / "LC_MESSAGES" / "django.po"


def test_every_string_has_an_albanian_translation():
    catalogue = polib.pofile(str(PO_FILE))

    assert [entry.msgid for entry in catalogue.untranslated_entries()] == []
    assert [entry.msgid for entry in catalogue.fuzzy_entries()] == []
    assert len(catalogue.translated_entries()) > 200


@pytest.mark.django_db
def test_the_sign_in_page_speaks_albanian():
    response = Client().get("/sq/accounts/login/")

    content = response.content.decode()
    assert '<html lang="sq">' in content
    assert "Hyni" in content
    assert "Sign in" not in content
