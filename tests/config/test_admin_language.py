"""Staff meet the admin in Albanian (LANGUAGE_CODE "sq", with Wagtail's
catalogues in locale/upstream), whatever their browser asks for; whoever
chose English in their account page gets English. The public site stays
Albanian first."""

import json

import pytest

from wagtail.users.models import UserProfile

from ..accounts.factories import UserFactory
from ..markup import html_lang, soup, text

pytestmark = pytest.mark.django_db

ADD_MUNICIPALITY = "/admin/snippets/cms_pages/municipality/add/?locale=sq"


def staff(client, preferred_language=None):
    user = UserFactory(is_staff=True, groups=["Editors"], verified=True)
    if preferred_language is not None:
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = preferred_language
        profile.save()
    client.force_login(user)
    return client


def sidebar_labels(response):
    """The labels of the admin's sidebar menu, which Wagtail hands to its
    JavaScript as JSON."""
    props = json.loads(soup(response).find(id="wagtail-sidebar-props").string)
    labels = []

    def collect(value):
        if isinstance(value, dict):
            labels.extend(v for k, v in value.items() if k == "label" and isinstance(v, str))
            for v in value.values():
                collect(v)
        elif isinstance(value, list):
            for v in value:
                collect(v)

    collect(props)
    return labels


def test_staff_without_a_chosen_language_meet_the_admin_in_albanian(client):
    response = staff(client).get("/admin/")

    assert response.status_code == 200
    assert html_lang(response) == "sq"
    assert "Përmbledhje e faqes" in text(response)
    assert "Site summary" not in text(response)
    labels = sidebar_labels(response)
    assert "Faqet" in labels
    assert "Pages" not in labels
    assert "Help" not in labels


def test_the_admin_stays_albanian_when_the_browser_asks_for_english(client):
    response = staff(client).get("/admin/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")

    assert html_lang(response) == "sq"
    assert "Faqet" in sidebar_labels(response)


def test_admin_form_errors_and_buttons_are_in_albanian(client):
    response = staff(client).post(ADD_MUNICIPALITY, {"name": "", "slug": ""})

    assert response.status_code == 200
    page = text(response)
    assert "Kjo fushë është e domosdoshme." in page
    assert "This field is required." not in page
    assert "Gjuha:" in page
    assert "Asnjë përkthim tjetër" in page
    assert "No other translations" not in page


def test_staff_who_chose_english_meet_the_admin_in_english(client):
    response = staff(client, preferred_language="en").get(ADD_MUNICIPALITY)

    assert html_lang(response) == "en"
    assert "No other translations" in text(response)
    assert "Pages" in sidebar_labels(client.get("/admin/"))
    response = client.post(ADD_MUNICIPALITY, {"name": "", "slug": ""})
    assert "This field is required." in text(response)


def test_the_account_page_offers_albanian_and_english(client):
    response = staff(client).get("/admin/account/")

    options = {
        option["value"]: option.get_text(strip=True)
        for option in soup(response).select('select[name="locale-preferred_language"] option')
    }
    assert options == {"": "Përdor gjuhën e serverit: shqip", "sq": "shqip", "en": "English"}


def test_choosing_english_in_the_account_page_switches_the_admin(client):
    staff(client)
    form = soup(client.get("/admin/account/"))
    data = {
        field["name"]: field.get("value", "")
        for field in form.select("form input[name]")
        if field.get("type") not in ("checkbox", "radio", "file", "password")
        or field.has_attr("checked")
    }
    for select in form.select("form select[name]"):
        chosen = select.select_one("option[selected]")
        data[select["name"]] = chosen["value"] if chosen else ""
    data.update({"name_email-first_name": "Arta", "name_email-last_name": "Hoxha"})
    data["locale-preferred_language"] = "en"

    response = client.post("/admin/account/", data)

    assert response.status_code == 302
    assert UserProfile.objects.get().preferred_language == "en"
    assert html_lang(client.get("/admin/")) == "en"


def test_public_site_stays_albanian_after_a_visit_to_the_admin(client):
    staff(client, preferred_language="en").get("/admin/")

    response = client.get("/")

    assert response["Location"] == "/sq/"
