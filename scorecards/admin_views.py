"""Staff views in the Wagtail admin: assessments limited to the monitor's own
municipality (refused with 403 otherwise), assessment rounds entered on one
screen, and their publication by editors, round by round, after a preview
of what changes on the public scorecard. Every act is written to Wagtail's
log."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.defaults import permission_denied

from wagtail.snippets.views.snippets import CreateView, EditView

from consultations.models import Priority, SocialContract

from . import rules
from .forms import RoundForm, RoundRowForm
from .models import Assessment, RoundRefused, monitored_priorities
from .notifications import notify_editors_of_round
from .scoring import NOT_YET_ASSESSED_LABEL, Status


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


def _posted_contract(data):
    pk = data.get("contract", "")
    return SocialContract.objects.filter(pk=pk).first() if pk.isdigit() else None


def _round_url(contract, as_of, view="scorecards_round"):
    query = urlencode({"contract": contract.pk, "as_of": as_of.isoformat()})
    return f"{reverse(view)}?{query}"


def round_publication_url(assessment):
    """Where a draft is published: the preview of its round's publication
    (a draft is published with the other drafts of its contract and date,
    after seeing what changes on the public scorecard and confirming)."""
    return _round_url(assessment.priority.contract, assessment.as_of, "scorecards_publish_round")


def assessment_round(request):
    """Record the status of every priority of one contract on one date: one
    row per priority, rows left empty skipped, drafts created. Editors see
    the round's drafts and publish them in one action."""
    contracts = rules.assessable_contracts(request.user)
    if not contracts.exists():
        return _refusal(request, rules.can_enter_round(request.user, SocialContract()))
    data = request.POST if request.method == "POST" else request.GET
    # Another municipality's contract is refused outright, not merely
    # reported as an invalid choice.
    asked = _posted_contract(data)
    if asked is not None and not (decision := rules.can_enter_round(request.user, asked)):
        return _refusal(request, decision)
    choice = RoundForm(data if "contract" in data else None, contracts=contracts)
    context = {"choice": choice, "rows": [], "drafts": []}
    if not choice.is_bound or not choice.is_valid():
        return TemplateResponse(request, "scorecards/admin/round.html", context)
    contract, as_of = choice.cleaned_data["contract"], choice.cleaned_data["as_of"]
    priorities = list(monitored_priorities().filter(contract=contract))
    published = Assessment.objects.status_on(
        monitored_priorities().filter(contract=contract), as_of
    )
    posted = request.method == "POST"
    rows = [
        {
            "priority": priority,
            "published": published.get(priority.pk),
            "form": RoundRowForm(data if posted else None, prefix=f"p{priority.pk}"),
        }
        for priority in priorities
    ]
    if posted:
        filled = [row for row in rows if not row["form"].is_empty()]
        if filled and not all(row["form"].is_valid() for row in rows):
            messages.error(
                request, _("Some rows need correcting: nothing was saved. See the messages below.")
            )
        else:
            try:
                drafts = Assessment.objects.draft_round(
                    request.user,
                    contract,
                    as_of,
                    [(row["priority"], row["form"].cleaned_data) for row in filled],
                )
            except RoundRefused as refusal:
                messages.error(request, refusal.message)
            else:
                notify_editors_of_round(request.user, contract, as_of, drafts)
                messages.success(
                    request,
                    ngettext(
                        "%(count)s draft assessment recorded as of %(date)s.",
                        "%(count)s draft assessments recorded as of %(date)s.",
                        len(drafts),
                    )
                    % {"count": len(drafts), "date": date_format(as_of, "DATE_FORMAT")},
                )
                return redirect(_round_url(contract, as_of))
    drafts = (
        Assessment.objects.drafts()
        .of_round(contract, as_of)
        .select_related("priority", "author")
        .order_by("priority__order", "priority__pk", "pk")
    )
    context.update(
        {
            "contract": contract,
            "as_of": as_of,
            "rows": rows,
            "drafts": drafts,
            "can_publish": bool(rules.can_publish_round(request.user)),
        }
    )
    return TemplateResponse(request, "scorecards/admin/round.html", context)


def publish_round(request):
    """Publish every draft of one contract's round (one as-of date) at once,
    each publication logged. First (GET, or POST without confirmation) it
    shows what will change on the public scorecard and asks to confirm;
    nothing is published before the confirmation."""
    if not (decision := rules.can_publish_round(request.user)):
        return _refusal(request, decision)
    data = request.POST if request.method == "POST" else request.GET
    contract = _posted_contract(data)
    choice = RoundForm(data, contracts=rules.assessable_contracts(request.user))
    if contract is None or not choice.is_valid():
        messages.error(request, _("Choose the contract and date of the round to publish."))
        return redirect("scorecards_round")
    as_of = choice.cleaned_data["as_of"]
    if request.method != "POST" or data.get("confirm") != "yes":
        rows, before, after = Assessment.objects.publication_preview(contract, as_of)
        for row in rows:
            row["before_label"], row["after_label"] = _label(row["before"]), _label(row["after"])
        drafts = Assessment.objects.drafts().of_round(contract, as_of).count()
        return TemplateResponse(
            request,
            "scorecards/admin/publish_round.html",
            {
                "contract": contract,
                "as_of": as_of,
                "rows": rows,
                "before": before,
                "after": after,
                "figures": _figures(before, after),
                "drafts": drafts,
                "round_url": _round_url(contract, as_of),
            },
        )
    drafts = Assessment.objects.publish_round(request.user, contract, as_of)
    if drafts:
        messages.success(
            request,
            ngettext(
                "%(count)s assessment published.", "%(count)s assessments published.", len(drafts)
            )
            % {"count": len(drafts)},
        )
    else:
        messages.warning(request, _("This round has no draft left to publish."))
    return redirect(_round_url(contract, as_of))


def _label(status):
    return Status(status).label if status else NOT_YET_ASSESSED_LABEL


def _figures(before, after):
    """The municipality's figures before and after, as the scorecard shows them."""
    return [
        (label, b_count, b_percent, a_count, a_percent)
        for (_key, label, b_count, b_percent), (_k, _l, a_count, a_percent) in zip(
            before.rows(), after.rows(), strict=True
        )
    ]
