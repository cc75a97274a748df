"""The staff roles, as Wagtail groups made by the migrations."""

import pytest

from django.contrib.auth.models import Group

from wagtail.models import GroupPagePermission

from .factories import UserFactory

pytestmark = pytest.mark.django_db

ROLES = ["Editors", "Moderators", "Translators", "Monitors"]


@pytest.mark.parametrize("name", ROLES)
def test_each_staff_group_exists_and_may_use_the_admin(name):
    group = Group.objects.get(name=name)

    assert group.permissions.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    ).exists()


@pytest.mark.parametrize("name", ROLES)
def test_a_member_of_each_group_may_use_the_admin(name):
    user = UserFactory(groups=[name])

    assert user.has_perm("wagtailadmin.access_admin")


def test_a_citizen_may_not_use_the_admin(citizen):
    assert not citizen.has_perm("wagtailadmin.access_admin")


def test_moderators_have_no_page_publish_permission(home):
    moderators = Group.objects.get(name="Moderators")
    moderator = UserFactory(groups=["Moderators"])

    assert not GroupPagePermission.objects.filter(
        group=moderators, permission__codename="publish_page"
    ).exists()
    assert not home.permissions_for_user(moderator).can_publish()
    assert not home.permissions_for_user(moderator).can_edit()


def test_editors_may_edit_and_publish_pages(home):
    editor = UserFactory(groups=["Editors"])

    assert home.permissions_for_user(editor).can_edit()
    assert home.permissions_for_user(editor).can_publish()


def test_translators_may_edit_but_not_publish_pages(home):
    translator = UserFactory(groups=["Translators"])

    assert home.permissions_for_user(translator).can_edit()
    assert not home.permissions_for_user(translator).can_publish()


def test_monitors_may_not_edit_pages(home):
    monitor = UserFactory(groups=["Monitors"])

    assert not home.permissions_for_user(monitor).can_edit()


@pytest.mark.parametrize(
    ("name", "allowed"),
    [("Editors", True), ("Translators", False), ("Moderators", False), ("Monitors", False)],
)
def test_only_editors_may_add_reference_data(name, allowed):
    user = UserFactory(groups=[name])

    assert user.has_perm("cms_pages.add_municipality") is allowed
    assert user.has_perm("cms_pages.add_election") is allowed
