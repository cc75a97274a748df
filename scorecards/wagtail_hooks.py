"""The scorecards' place in the Wagtail admin: assessments (monitors see and
draft only their own municipality's; editors publish)."""

import django_filters

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms_pages.models import Municipality, ProgrammePage
from consultations import revisions
from consultations.models import Priority, SocialContract

from . import (
    admin_views,
    contract_pdf,
    council_admin,
    council_sections,
    desk,
    releases_admin,
    replies_admin,
    report_admin,
    rules,
    thread_links,  # noqa: F401 - the municipality and priority pages' links
)
from . import related as related_hooks  # noqa: F401 - among the related pages
from .forms import AssessmentForm
from .home_section import home_section, municipalities_section
from .models import Assessment, Status
from .replies_section import reply_section


class AssessmentFilterSet(WagtailFilterSet):
    municipality = django_filters.ModelChoiceFilter(
        queryset=Municipality.objects.source(),
        label=_("Municipality"),
        field_name="priority__contract__municipality",
    )
    contract = django_filters.ModelChoiceFilter(
        queryset=SocialContract.objects.filter(finalised_at__isnull=False).select_related(
            "municipality", "election"
        ),
        label=_("Social contract"),
        field_name="priority__contract",
    )
    status = django_filters.ChoiceFilter(choices=Status.choices, label=_("Status"))
    as_of = django_filters.DateFromToRangeFilter(label=_("As of"), widget=DateRangePickerWidget)
    published = django_filters.BooleanFilter(
        label=_("Published"), field_name="published_at", lookup_expr="isnull", exclude=True
    )

    class Meta:
        model = Assessment
        fields = ["municipality", "contract", "status", "as_of", "published"]


class PublicationColumn(Column):
    """ "Published" with the date; for a draft, editors get a link to the
    preview of its round's publication (what changes on the public
    scorecard, then the confirmation): a draft is published with its round."""

    cell_template_name = "scorecards/admin/publication_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context["request"]
        context["can_publish"] = bool(rules.can_publish(request.user, instance))
        context["publish_url"] = admin_views.round_publication_url(instance)
        return context


class AssessmentViewSet(SnippetViewSet):
    model = Assessment
    icon = "tasks"
    menu_label = _("Assessments")
    menu_order = 300
    add_to_admin_menu = True
    add_view_class = admin_views.AssessmentCreateView
    edit_handler = ObjectList(Assessment.panels, base_form_class=AssessmentForm)
    edit_view_class = admin_views.AssessmentEditView
    filterset_class = AssessmentFilterSet
    list_display = [
        "priority",
        Column("municipality", label=_("Municipality"), accessor="priority.contract.municipality"),
        Column("contract", label=_("Social contract"), accessor="priority.contract"),
        "status",
        "as_of",
        PublicationColumn("published_at", label=_("State")),
    ]
    list_per_page = 100

    def get_queryset(self, request):
        return rules.visible_assessments(request.user).select_related(
            "priority__contract__municipality", "priority__contract__election"
        )


register_snippet(AssessmentViewSet)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("scorecards/round/", admin_views.assessment_round, name="scorecards_round"),
        path(
            "scorecards/round/publish/", admin_views.publish_round, name="scorecards_publish_round"
        ),
    ]


class RoundMenuItem(MenuItem):
    def is_shown(self, request):
        return rules.assessable_contracts(request.user).exists()


@hooks.register("register_admin_menu_item")
def register_round_menu_item():
    return RoundMenuItem(
        _("Assessment round"),
        reverse("scorecards_round"),
        icon_name="table",
        order=301,
        name="scorecards-round",
    )


@hooks.register("before_delete_snippet")
def refuse_deleting_assessed_priorities(request, instances):
    """Assessments are part of the public record: a priority or contract that
    has any cannot be deleted."""
    for instance in instances:
        if isinstance(instance, Priority):
            blocked = Assessment.objects.filter(priority=instance).exists()
        elif isinstance(instance, SocialContract):
            blocked = Assessment.objects.filter(priority__contract=instance).exists()
        else:
            continue
        if blocked:
            messages.error(
                request,
                _(
                    "“%(name)s” cannot be deleted: monitors have assessed it. "
                    "Assessments are part of the public record."
                )
                % {"name": instance},
            )
            return redirect(request.META.get("HTTP_REFERER") or reverse("wagtailadmin_home"))
    return None


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action(
        "scorecards.assessment.publish", _("Publish assessment"), _("Assessment published")
    )


@hooks.register("home_page_sections", order=30)
def network_scorecard_section(request, page):
    """The home page's scorecards section: the network's latest figures."""
    return home_section(request, page)


@hooks.register("home_page_sections", order=35)
def municipalities_home_section(request, page):
    """The home page's municipalities, each leading to its own page."""
    return municipalities_section(request, page)


hooks.register("staff_desk_panels", desk.drafts_panel, order=220)
hooks.register("staff_desk_panels", desk.monitoring_panel, order=300)


# Council sessions (issue 16) ------------------------------------------------

register_snippet(council_admin.CouncilSessionViewSet)


@hooks.register("register_admin_urls")
def register_council_admin_urls():
    return [
        path(
            "scorecards/council/<int:session_id>/decisions/",
            council_admin.decisions,
            name="scorecards_council_decisions",
        ),
        path(
            "scorecards/council/<int:session_id>/publish/",
            council_admin.publish,
            name="scorecards_council_publish",
        ),
    ]


@hooks.register("register_log_actions")
def register_council_log_actions(actions):
    actions.register_action(
        "scorecards.council_session.publish",
        _("Publish council session"),
        _("Council session published"),
    )


@hooks.register("priority_page_sections")
def council_priority_section(request, priority):
    """The priority page's council decisions that concern it."""
    return council_sections.priority_section(request, priority)


# The municipality's right of reply (`scorecards.replies_admin`) ---------------

hooks.register("register_admin_urls", replies_admin.admin_urls)
hooks.register("register_snippet_listing_buttons", replies_admin.listing_buttons)
hooks.register("register_log_actions", replies_admin.register_log_actions)


@hooks.register("priority_page_sections")
def priority_section(request, priority):
    """On a priority's page: its published assessments with the
    municipality's reply beside each (or "no reply from the municipality"
    once the 30 days have passed)."""
    return reply_section(request, priority)


# Releases (issue 16) ---------------------------------------------------------


@hooks.register("register_admin_urls")
def register_release_urls():
    return [
        path("scorecards/releases/", releases_admin.release_list, name="scorecards_releases"),
        path(
            "scorecards/releases/freeze/",
            releases_admin.freeze,
            name="scorecards_release_freeze",
        ),
    ]


class ReleasesMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(rules.can_freeze_release(request.user))


@hooks.register("register_admin_menu_item")
def register_releases_menu_item():
    return ReleasesMenuItem(
        _("Releases"), reverse("scorecards_releases"), icon_name="lock", order=302
    )


@hooks.register("register_log_actions")
def register_release_log_actions(actions):
    actions.register_action("scorecards.release.freeze", _("Freeze release"), _("Release frozen"))


hooks.register("priority_page_sections", revisions.priority_section)


# The programmes' annual reports and the contracts' documents ---------------


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path("scorecards/reports/", report_admin.report_list, name="scorecards_reports"),
        path(
            "scorecards/reports/generate/<int:page_id>/",
            report_admin.generate,
            name="scorecards_generate_report",
        ),
    ]


class ReportsMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(rules.can_generate_report(request.user))


@hooks.register("register_admin_menu_item")
def register_reports_menu_item():
    return ReportsMenuItem(
        _("Programme reports"),
        reverse("scorecards_reports"),
        icon_name="doc-full",
        order=302,
        name="scorecards-reports",
    )


def _generate_report_button(page, user, button_class):
    if page.specific_class is ProgrammePage and rules.can_generate_report(user):
        yield button_class(
            _("Generate report"),
            reverse("scorecards_generate_report", args=[page.pk]),
            icon_name="doc-full",
            priority=80,
        )


@hooks.register("register_page_header_buttons")
def programme_report_header_button(page, user, view_name, next_url=None):
    yield from _generate_report_button(page, user, Button)


@hooks.register("register_page_listing_more_buttons")
def programme_report_listing_button(page, user, next_url=None):
    yield from _generate_report_button(page, user, Button)


@hooks.register("register_log_actions")
def register_report_log_actions(actions):
    actions.register_action(
        "scorecards.report.request", _("Generate report"), _("Report requested")
    )


hooks.register("contract_page_sections", contract_pdf.contract_section, order=20)
