"""Editors manage funders and footer texts and edit the site settings;
staff without the permission cannot; editors can add every page type."""

import pytest

from django.contrib.auth.models import Group

from ..accounts.factories import UserFactory
from .factories import FunderFactory, NewsIndexPageFactory

pytestmark = pytest.mark.django_db


def staff_in(client, group):
    user = UserFactory(verified=True)
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    return client


@pytest.mark.parametrize("model", ["funder", "footertext"])
def test_editors_manage_site_content_snippets(client, model):
    FunderFactory(name="Olof Palme International Center")
    editor = staff_in(client, "Editors")

    assert editor.get(f"/admin/snippets/cms_pages/{model}/").status_code == 200
    assert editor.get(f"/admin/snippets/cms_pages/{model}/add/").status_code == 200


def test_moderators_cannot_manage_funders(client):
    moderator = staff_in(client, "Moderators")

    assert moderator.get("/admin/snippets/cms_pages/funder/add/").status_code in {302, 403}


def test_editors_open_the_site_settings(client, home):
    editor = staff_in(client, "Editors")

    response = editor.get("/admin/settings/cms_pages/sitesettings/", follow=True)

    assert response.status_code == 200
    assert "Fundi i faqes" in response.content.decode()


@pytest.mark.parametrize(
    "model",
    ["standardpage", "newsindexpage", "programmeindexpage", "partnerspage", "contactpage"],
)
def test_editors_get_the_add_form_of_each_page_type_under_home(client, home, model):
    editor = staff_in(client, "Editors")

    response = editor.get(f"/admin/pages/add/cms_pages/{model}/{home.pk}/")

    assert response.status_code == 200


def test_editors_get_the_news_page_form_under_the_news_index(client, home):
    index = NewsIndexPageFactory(parent=home)
    editor = staff_in(client, "Editors")

    assert editor.get(f"/admin/pages/add/cms_pages/newspage/{index.pk}/").status_code == 200
    # Under the home page it is refused (Wagtail sends the editor back).
    assert editor.get(f"/admin/pages/add/cms_pages/newspage/{home.pk}/").status_code in {302, 403}
