import django_filters

from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import desk
from .choosers import SourceLocaleChooserViewSet
from .models import (
    Election,
    FooterText,
    Funder,
    Municipality,
    NewsIndexPage,
    NewsPage,
    PartnerOrganisation,
)
from .spreadsheets import neutralise_exports

LATEST_NEWS = 3

# Every CSV and XLSX Wagtail's admin writes (reports, redirects, form
# submissions, viewsets' listings) holds no formula: one patch point, loaded
# with the admin's URLs, before any of its views can run.
neutralise_exports(SpreadsheetExportMixin)


class MunicipalityViewSet(SnippetViewSet):
    model = Municipality
    icon = "site"
    chooser_viewset_class = SourceLocaleChooserViewSet
    list_display = ["name", "slug"]
    inspect_view_enabled = True


class PartnerOrganisationFilterSet(WagtailFilterSet):
    municipality = django_filters.ModelChoiceFilter(
        queryset=Municipality.objects.source(), label=_("Municipality")
    )

    class Meta:
        model = PartnerOrganisation
        fields = ["municipality", "locale"]


class PartnerOrganisationViewSet(SnippetViewSet):
    model = PartnerOrganisation
    icon = "group"
    chooser_viewset_class = SourceLocaleChooserViewSet
    list_display = ["name", "municipality", "website"]
    filterset_class = PartnerOrganisationFilterSet
    inspect_view_enabled = True


class ElectionViewSet(SnippetViewSet):
    model = Election
    icon = "date"
    chooser_viewset_class = SourceLocaleChooserViewSet
    list_display = ["name", "date"]
    list_filter = ["date"]
    inspect_view_enabled = True


class ReferenceDataGroup(SnippetViewSetGroup):
    menu_label = _("Reference data")
    menu_icon = "list-ul"
    menu_order = 300
    items = (MunicipalityViewSet, PartnerOrganisationViewSet, ElectionViewSet)


register_snippet(ReferenceDataGroup)


class FunderViewSet(SnippetViewSet):
    model = Funder
    icon = "pick"
    chooser_viewset_class = SourceLocaleChooserViewSet
    list_display = ["name", "website"]
    inspect_view_enabled = True


class FooterTextViewSet(SnippetViewSet):
    model = FooterText
    icon = "doc-full"
    list_display = ["body"]


class SiteContentGroup(SnippetViewSetGroup):
    menu_label = _("Site content")
    menu_icon = "doc-full-inverse"
    menu_order = 310
    items = (FunderViewSet, FooterTextViewSet)


register_snippet(SiteContentGroup)


@hooks.register("home_page_sections", order=100)
def latest_news_section(request, page):
    """The home page's "latest news" (see `cms_pages.templatetags.home_tags`)."""
    news = list(
        NewsPage.objects.live()
        .public()
        .filter(locale_id=page.locale_id)
        .select_related("image")
        .prefetch_related("image__renditions")
        .order_by("-date", "-pk")[:LATEST_NEWS]
    )
    if not news:
        return ""
    index = NewsIndexPage.objects.live().filter(locale_id=page.locale_id).first()
    return render_to_string(
        "cms_pages/includes/latest_news.html", {"news": news, "index": index}, request=request
    )


@hooks.register("construct_homepage_panels")
def add_desk_panels(request, panels):
    """The staff desk on the dashboard: what each app registers under
    `staff_desk_panels` for the signed-in member of staff."""
    panels.extend(desk.dashboard_panels(request))


hooks.register("staff_desk_panels", desk.translations_panel, order=400)
hooks.register("staff_desk_panels", desk.untranslated_pages_panel, order=410)
hooks.register("staff_desk_panels", desk.untranslated_records_panel, order=420)


#: The heading wagtail-localize's editor writes in English ("Shqip to
#: Anglisht translation"); its own bundle has no catalogue entry for it.
LOCALIZE_EDITOR_HEADING = "%(source)s to %(target)s translation"


@hooks.register("insert_editor_js")
def localize_editor_labels():
    """The two labels wagtail-localize's translation editor writes in English
    whatever the admin language, put in the admin language by a small static
    script (no inline code: the admin's Content Security Policy allows no
    eval). Nothing in English, where there is nothing to replace."""
    heading = gettext("%(source)s to %(target)s translation")
    if heading == LOCALIZE_EDITOR_HEADING:
        return ""
    return format_html(
        '<script src="{}" data-heading="{}" data-more-actions="{}"></script>',
        static("cms_pages/localize_editor.js"),
        heading,
        gettext("More actions"),
    )
