"""The consultations' place in the Wagtail admin and on the home page."""

import django_filters

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms_pages.choosers import SourceLocaleChooserViewSet
from cms_pages.models import Election, Municipality

from . import admin_views, desk, revisions, rules
from . import related as related_hooks  # noqa: F401 - among the related pages
from . import search as search_hooks  # noqa: F401 - priorities in the site search
from .models import (
    ConsultationPage,
    Phase,
    Priority,
    Sector,
    SocialContract,
)
from .revisions import PriorityForm


class SocialContractFilterSet(WagtailFilterSet):
    municipality = django_filters.ModelChoiceFilter(
        queryset=Municipality.objects.source(), label=_("Municipality")
    )
    election = django_filters.ModelChoiceFilter(
        queryset=Election.objects.filter(locale__language_code=settings.LANGUAGE_CODE),
        label=_("Election"),
    )
    phase = django_filters.ChoiceFilter(
        choices=Phase.choices, label=_("Phase"), method="filter_phase"
    )

    class Meta:
        model = SocialContract
        fields = ["municipality", "election"]

    def filter_phase(self, queryset, name, value):
        return queryset.in_phase(value)


class SocialContractViewSet(SnippetViewSet):
    model = SocialContract
    icon = "doc-full"
    menu_label = _("Social contracts")
    filterset_class = SocialContractFilterSet
    list_display = [
        "__str__",
        Column("phase", label=_("Phase"), accessor="get_phase_display"),
        Column("finalise", label=_("Results"), accessor="admin_results_link"),
    ]

    def get_queryset(self, request):
        return SocialContract.objects.select_related("municipality", "election")


class PriorityFilterSet(WagtailFilterSet):
    contract = django_filters.ModelChoiceFilter(
        queryset=SocialContract.objects.select_related("municipality", "election"),
        label=_("Social contract"),
    )
    sector = django_filters.ModelChoiceFilter(queryset=Sector.objects.source(), label=_("Sector"))

    class Meta:
        model = Priority
        fields = ["contract", "sector", "locale"]


class PriorityViewSet(SnippetViewSet):
    model = Priority
    icon = "list-ol"
    chooser_viewset_class = SourceLocaleChooserViewSet
    menu_label = _("Priorities")
    filterset_class = PriorityFilterSet
    list_display = ["title", "contract", "sector", "order", "in_contract"]
    ordering = ["contract", "order"]
    edit_handler = ObjectList(
        [*Priority.panels, FieldPanel("revision_reason")], base_form_class=PriorityForm
    )
    list_per_page = 100


class SectorViewSet(SnippetViewSet):
    model = Sector
    icon = "tag"
    chooser_viewset_class = SourceLocaleChooserViewSet
    menu_label = _("Sectors")
    list_display = ["name", "slug"]


class ConsultationsViewSetGroup(SnippetViewSetGroup):
    items = (SocialContractViewSet, PriorityViewSet, SectorViewSet)
    menu_icon = "group"
    menu_label = _("Consultations")
    menu_name = "consultations"


register_snippet(ConsultationsViewSetGroup)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "consultations/moderation/",
            admin_views.moderation_queue,
            name="consultations_moderation",
        ),
        path(
            "consultations/moderation/<int:comment_id>/approve/",
            admin_views.approve_comment,
            name="consultations_approve",
        ),
        path(
            "consultations/moderation/<int:comment_id>/hide/",
            admin_views.hide_comment,
            name="consultations_hide",
        ),
        path(
            "consultations/moderation/<int:comment_id>/restore/",
            admin_views.restore_comment,
            name="consultations_restore",
        ),
        path(
            "consultations/suggestions/<int:suggestion_id>/accept/",
            admin_views.accept_suggestion,
            name="consultations_accept_suggestion",
        ),
        path(
            "consultations/suggestions/<int:suggestion_id>/decline/",
            admin_views.decline_suggestion,
            name="consultations_decline_suggestion",
        ),
        path(
            "consultations/contracts/<int:contract_id>/finalise/",
            admin_views.finalise,
            name="consultations_finalise",
        ),
        path(
            "consultations/contracts/<int:contract_id>/close/",
            admin_views.close_early,
            name="consultations_close_early",
        ),
    ]


class ModerationMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(rules.can_moderate(request.user))


@hooks.register("register_admin_menu_item")
def register_moderation_menu_item():
    return ModerationMenuItem(
        _("Comment moderation"),
        reverse("consultations_moderation"),
        icon_name="warning",
        order=250,
        name="consultations-moderation",
    )


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action(
        "consultations.comment.approve", _("Approve comment"), _("Comment approved")
    )
    actions.register_action("consultations.comment.hide", _("Hide comment"), _("Comment hidden"))
    actions.register_action(
        "consultations.comment.restore", _("Restore comment"), _("Comment restored")
    )
    actions.register_action(
        "consultations.suggestion.accept", _("Accept suggested priority"), _("Suggestion accepted")
    )
    actions.register_action(
        "consultations.suggestion.decline",
        _("Decline suggested priority"),
        _("Suggestion declined"),
    )
    actions.register_action(
        "consultations.contract.finalise", _("Finalise contract"), _("Contract finalised")
    )
    actions.register_action(
        "consultations.contract.close_early",
        _("Close consultation early"),
        _("Consultation closed early"),
    )


@hooks.register("before_delete_snippet")
def refuse_deleting_participation(request, instances):
    """Participation is never lost by editing content: a priority or contract
    with supports or comments cannot be deleted."""
    for instance in instances:
        if isinstance(instance, Priority):
            # Participation points at the source row; a translation can go.
            blocked = Priority.objects.filter(pk=instance.pk).with_participation().exists()
        elif isinstance(instance, SocialContract):
            blocked = instance.has_participation()
        else:
            continue
        if blocked:
            messages.error(
                request,
                _(
                    "“%(name)s” cannot be deleted: citizens have supported or discussed it. "
                    "Their participation is part of the public record."
                )
                % {"name": instance},
            )
            return redirect(request.META.get("HTTP_REFERER") or reverse("wagtailadmin_home"))
    return None


@hooks.register("home_page_sections", order=10)
def open_consultations_section(request, page):
    """The home page's "open consultations" section, or "" when none is open."""
    pages = list(
        ConsultationPage.objects.live()
        .filter(locale=page.locale, contract__in=SocialContract.objects.open())
        .select_related("contract")
        .order_by("contract__closes_at")
    )
    if not pages:
        return ""
    return render_to_string(
        "consultations/home_section.html", {"pages": pages, "page": page}, request=request
    )


hooks.register("staff_desk_panels", desk.comments_panel, order=100)
hooks.register("staff_desk_panels", desk.suggestions_panel, order=110)
hooks.register("staff_desk_panels", desk.consultations_panel, order=120)


hooks.register("contract_page_sections", revisions.contract_section, order=40)


@hooks.register("register_log_actions")
def register_revision_log_actions(actions):
    actions.register_action(
        "consultations.priority.revise",
        _("Revise priority text"),
        _("Priority text revised after signatures"),
    )
