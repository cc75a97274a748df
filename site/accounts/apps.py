from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    # The app's config (this module holds two: Django picks none without it).
    default = True
    name = "accounts"
    verbose_name = _("Accounts")


class UsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's user admin, with our user fields in its forms."""

    user_viewset = "accounts.viewsets.UserViewSet"
