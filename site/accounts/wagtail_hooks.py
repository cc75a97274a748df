"""The staff member's own settings in the Wagtail account page: the daily
digest of what waits for them (`cms_pages.desk`)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.views.account import BaseSettingsPanel, notifications_tab

from .models import User


class DeskDigestForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["desk_digest"]


class DeskDigestPanel(BaseSettingsPanel):
    name = "desk_digest"
    title = _("Digest of waiting work")
    tab = notifications_tab
    order = 200
    form_class = DeskDigestForm


@hooks.register("register_account_settings_panel")
def register_desk_digest_panel(request, user, profile):
    return DeskDigestPanel(request, user, profile)
