"""wagtail-localize's translation editor writes two labels in English in its
JavaScript bundle; our admin script, added by a Wagtail hook, puts the
admin language's wording in their place. Its behaviour in a browser is
checked in tests/browser/test_translation_editor_albanian.py."""

import pytest

from django.urls import reverse

from wagtail.users.models import UserProfile
from wagtail_localize.operations import TranslationCreator

from ..accounts.factories import UserFactory
from ..markup import soup
from .factories import StandardPageFactory

pytestmark = pytest.mark.django_db

SCRIPT = "script[src$='cms_pages/localize_editor.js']"


@pytest.fixture
def translated_page(home, en, django_capture_on_commit_callbacks):
    page = StandardPageFactory(parent=home, title="Programi ynë")
    with django_capture_on_commit_callbacks(execute=True):
        TranslationCreator(None, [en]).create_translations(page)
    return page.get_translation(en)


def editor(client, page, language):
    translator = UserFactory(verified=True, groups=["Editors"])
    profile = UserProfile.get_for_user(translator)
    profile.preferred_language = language
    profile.save()
    client.force_login(translator)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    markup = soup(response)
    assert markup.select_one(".js-translation-editor")  # wagtail-localize's editor
    return markup


def test_the_translation_editor_gets_the_albanian_labels(client, translated_page):
    [script] = editor(client, translated_page, "sq").select(SCRIPT)
    assert script["data-heading"] == "Përkthimi %(source)s → %(target)s"
    assert script["data-more-actions"] == "Më shumë veprime"
    assert not script.string  # an external file: the admin's CSP runs no eval


def test_nothing_is_added_in_english(client, translated_page):
    assert editor(client, translated_page, "en").select(SCRIPT) == []
