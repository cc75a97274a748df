"""Staff views in the Wagtail admin: assessments limited to the monitor's own
municipality (refused with 403 otherwise), and publication by editors."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.defaults import permission_denied

from wagtail.log_actions import log
from wagtail.snippets.views.snippets import CreateView, EditView

from . import rules
from .models import Assessment, Priority


def _refusal(request, decision):
    """A plain 403 (Wagtail's admin would turn PermissionDenied into a redirect)."""
    return permission_denied(request, PermissionDenied(decision.message))


def _posted_priority(request):
    pk = request.POST.get("priority", "")
    return Priority.objects.filter(pk=pk).first() if pk.isdigit() else None


class AssessmentCreateView(CreateView):
    def post(self, request, *args, **kwargs):
        # A priority outside the user's municipality is refused outright, not
        # merely reported as an invalid choice.
        priority = _posted_priority(request)
        if priority is not None and not (decision := rules.can_assess(request.user, priority)):
            return _refusal(request, decision)
        return super().post(request, *args, **kwargs)


class AssessmentEditView(EditView):
    def dispatch(self, request, *args, **kwargs):
        decision = rules.can_edit(request.user, self.object)
        if decision and request.method == "POST":
            priority = _posted_priority(request)
            if priority is not None:
                decision = rules.can_assess(request.user, priority)
        if not decision:
            return _refusal(request, decision)
        return super().dispatch(request, *args, **kwargs)


@require_POST
def publish(request, assessment_id):
    assessment = get_object_or_404(Assessment, pk=assessment_id)
    if not (decision := rules.can_publish(request.user, assessment)):
        return _refusal(request, decision)
    with transaction.atomic():
        assessment.publish(request.user)
        log(assessment, "scorecards.assessment.publish", user=request.user)
    messages.success(request, _("Assessment “%(name)s” published.") % {"name": assessment})
    return redirect("wagtailsnippets_scorecards_assessment:list")
