from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Election, Municipality, PartnerOrganisation


class MunicipalityViewSet(SnippetViewSet):
    model = Municipality
    icon = "site"
    list_display = ["name", "slug"]
    inspect_view_enabled = True


class PartnerOrganisationViewSet(SnippetViewSet):
    model = PartnerOrganisation
    icon = "group"
    list_display = ["name", "municipality", "website"]
    list_filter = ["municipality"]
    inspect_view_enabled = True


class ElectionViewSet(SnippetViewSet):
    model = Election
    icon = "date"
    list_display = ["name", "date"]
    list_filter = ["date"]
    inspect_view_enabled = True


class ReferenceDataGroup(SnippetViewSetGroup):
    menu_label = _("Reference data")
    menu_icon = "list-ul"
    menu_order = 300
    items = (MunicipalityViewSet, PartnerOrganisationViewSet, ElectionViewSet)


register_snippet(ReferenceDataGroup)
