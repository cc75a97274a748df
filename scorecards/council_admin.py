"""Council sessions in the Wagtail admin: a snippet viewset whose permission
policy scopes monitors to their own municipality (another municipality's
session: 403 on view and on POST), a session's decisions entered on one
screen or imported from a CSV file, and publication by editors with a
confirmation, logged."""

import django_filters

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, ProtectedError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.defaults import permission_denied

from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.log_actions import log
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views.snippets import (
    CreateView,
    DeleteView,
    EditView,
    InspectView,
    SnippetViewSet,
)

from cms_pages.models import Municipality

from . import rules
from .council_forms import (
    CouncilSessionForm,
    DecisionFormSet,
    DecisionImportForm,
    read_decisions_csv,
)
from .models import CouncilDecision, CouncilRefused, CouncilSession, SessionType


def _refusal(request, decision):
    """A plain 403 (Wagtail's admin would turn PermissionDenied into a redirect)."""
    return permission_denied(request, PermissionDenied(decision.message))


class CouncilPermissionPolicy(ModelPermissionPolicy):
    """The model's permissions, and for each session the rules: monitors act
    only on their own municipality's, and on drafts only."""

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        if action == "view":
            return bool(rules.can_view_session(user, instance))
        if action in ("change", "delete"):
            return bool(rules.can_edit_session(user, instance))
        if action == "publish":
            return bool(rules.can_publish_session(user, instance))
        return bool(rules.can_view_session(user, instance))

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return CouncilSession.objects.none()
        return rules.visible_council_sessions(user)


register_permission_policy(CouncilSession, CouncilPermissionPolicy(CouncilSession))


def _posted_municipality(request):
    pk = request.POST.get("municipality", "")
    return Municipality.objects.filter(pk=pk).first() if pk.isdigit() else None


class SessionCreateView(CreateView):
    def post(self, request, *args, **kwargs):
        # Another municipality is refused outright, not merely reported as
        # an invalid choice.
        municipality = _posted_municipality(request)
        if municipality is not None and not (
            decision := rules.can_record_session(request.user, municipality)
        ):
            return _refusal(request, decision)
        return super().post(request, *args, **kwargs)

    def get_success_url(self):
        return reverse("scorecards_council_decisions", args=[self.object.pk])


class SessionEditView(EditView):
    def dispatch(self, request, *args, **kwargs):
        decision = rules.can_view_session(request.user, self.object)
        if decision:
            decision = rules.can_edit_session(request.user, self.object)
        if decision and request.method == "POST":
            municipality = _posted_municipality(request)
            if municipality is not None:
                decision = rules.can_record_session(request.user, municipality)
        if not decision:
            return _refusal(request, decision)
        return super().dispatch(request, *args, **kwargs)


class SessionInspectView(InspectView):
    def dispatch(self, request, *args, **kwargs):
        if not (decision := rules.can_view_session(request.user, self.object)):
            return _refusal(request, decision)
        return super().dispatch(request, *args, **kwargs)


class SessionDeleteView(DeleteView):
    def dispatch(self, request, *args, **kwargs):
        if not (decision := rules.can_edit_session(request.user, self.object)):
            return _refusal(request, decision)
        if self.object.decisions.filter(citations__isnull=False).exists():
            # Assessments cite its decisions: part of the public record.
            messages.error(request, _("A decision cited by an assessment cannot be deleted."))
            return redirect("scorecards_council_decisions", self.object.pk)
        return super().dispatch(request, *args, **kwargs)


class CouncilSessionFilterSet(WagtailFilterSet):
    municipality = django_filters.ModelChoiceFilter(
        queryset=Municipality.objects.source(), label=gettext_lazy("Municipality")
    )
    session_type = django_filters.ChoiceFilter(
        choices=SessionType.choices, label=gettext_lazy("Type")
    )
    date = django_filters.DateFromToRangeFilter(
        label=gettext_lazy("Date"), widget=DateRangePickerWidget
    )
    published = django_filters.BooleanFilter(
        label=gettext_lazy("Published"),
        field_name="published_at",
        lookup_expr="isnull",
        exclude=True,
    )

    class Meta:
        model = CouncilSession
        fields = ["municipality", "session_type", "date", "published"]


class SessionStateColumn(Column):
    """ "Published" with the date, or the links to the decisions and to publishing."""

    cell_template_name = "scorecards/council/admin/state_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context["request"]
        context["can_publish"] = bool(rules.can_publish_session(request.user, instance))
        context["publish_url"] = reverse("scorecards_council_publish", args=[instance.pk])
        context["decisions_url"] = reverse("scorecards_council_decisions", args=[instance.pk])
        return context


class CouncilSessionViewSet(SnippetViewSet):
    model = CouncilSession
    icon = "group"
    menu_label = gettext_lazy("Council sessions")
    menu_order = 302
    add_to_admin_menu = True
    edit_handler = ObjectList(CouncilSession.panels, base_form_class=CouncilSessionForm)
    add_view_class = SessionCreateView
    edit_view_class = SessionEditView
    inspect_view_class = SessionInspectView
    delete_view_class = SessionDeleteView
    inspect_view_enabled = True
    inspect_view_fields = [
        "municipality",
        "date",
        "session_type",
        "agenda",
        "minutes_url",
        "video_url",
        "published_at",
    ]
    filterset_class = CouncilSessionFilterSet
    search_fields = ["agenda"]
    list_display = [
        "date",
        Column("municipality", label=gettext_lazy("Municipality"), accessor="municipality"),
        "session_type",
        Column("decision_count", label=gettext_lazy("Decisions"), accessor="decision_count"),
        SessionStateColumn("published_at", label=gettext_lazy("State")),
    ]
    list_per_page = 50

    def get_queryset(self, request):
        return (
            rules.visible_council_sessions(request.user)
            .select_related("municipality")
            .annotate(decision_count=Count("decisions"))
        )


def _session_or_refusal(request, session_id, *, edit):
    session = get_object_or_404(
        CouncilSession.objects.select_related("municipality"), pk=session_id
    )
    decision = rules.can_view_session(request.user, session)
    if decision and edit:
        decision = rules.can_edit_session(request.user, session)
    return session, decision


def decisions(request, session_id):
    """A session's decisions on one screen: the ones recorded, editable, and
    empty rows for new ones; or a CSV file with the same columns. A wrong row
    saves nothing and says why; what was typed is kept."""
    session, decision = _session_or_refusal(request, session_id, edit=request.method == "POST")
    if not decision:
        return _refusal(request, decision)
    editable = bool(rules.can_edit_session(request.user, session))
    posted = request.method == "POST"
    action = request.POST.get("action") if posted else None
    formset = DecisionFormSet(
        request.POST if action == "save" else None, session=session, prefix="decisions"
    )
    upload = DecisionImportForm(
        request.POST if action == "import" else None,
        request.FILES if action == "import" else None,
    )
    row_errors = []
    if action == "save":
        if formset.is_valid():
            try:
                with transaction.atomic():
                    saved = formset.save()
                    log(session, "wagtail.edit", user=request.user)
            except ProtectedError:
                messages.error(request, _("A decision cited by an assessment cannot be deleted."))
            else:
                messages.success(
                    request,
                    ngettext("%(count)s decision saved.", "%(count)s decisions saved.", len(saved))
                    % {"count": len(saved)},
                )
                return redirect("scorecards_council_decisions", session.pk)
        else:
            messages.error(
                request, _("Some rows need correcting: nothing was saved. See the messages below.")
            )
    elif action == "import" and upload.is_valid():
        try:
            rows = read_decisions_csv(upload.cleaned_data["file"], session)
            imported = CouncilDecision.objects.import_rows(session, rows)
        except CouncilRefused as refusal:
            messages.error(request, refusal.message)
            row_errors = refusal.errors
        else:
            log(session, "wagtail.edit", user=request.user)
            messages.success(
                request,
                ngettext(
                    "%(count)s decision imported.", "%(count)s decisions imported.", len(imported)
                )
                % {"count": len(imported)},
            )
            return redirect("scorecards_council_decisions", session.pk)
    return TemplateResponse(
        request,
        "scorecards/council/admin/decisions.html",
        {
            "session": session,
            "formset": formset,
            "upload": upload,
            "row_errors": row_errors,
            "editable": editable,
            "can_publish": bool(rules.can_publish_session(request.user, session)),
            "decisions": session.decisions.prefetch_related("priorities"),
        },
        status=400 if (row_errors or (action == "save" and formset.errors)) else 200,
    )


def publish(request, session_id):
    """Publish a session and its decisions: first a confirmation (GET), then
    the publication (POST), logged."""
    session = get_object_or_404(
        CouncilSession.objects.select_related("municipality"), pk=session_id
    )
    if not (decision := rules.can_view_session(request.user, session)) or not (
        decision := rules.can_publish_session(request.user, session)
    ):
        return _refusal(request, decision)
    if request.method == "POST":
        try:
            session.publish(request.user)
        except CouncilRefused as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(
                request, _("Council session “%(name)s” published.") % {"name": session}
            )
        return redirect("wagtailsnippets_scorecards_councilsession:list")
    return TemplateResponse(
        request,
        "scorecards/council/admin/publish.html",
        {"session": session, "decisions": session.decisions.prefetch_related("priorities")},
    )
