"""Public views of consultations. Thin: rules decide, models count."""

import csv
from collections import defaultdict

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core import signing
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cms_pages.models import Municipality

from . import limits, rules
from .forms import CommentForm, ReportForm, SuggestionForm
from .models import (
    Comment,
    CommentState,
    ConsultationPage,
    Phase,
    Priority,
    PrioritySuggestion,
    Report,
    Sector,
    SocialContract,
    Vote,
)
from .models.participation import REPORTS_TO_HIDE
from .notifications import UNSUBSCRIBE_SALT, queue_reply_notification

SORTS = ("network", "support")


# --- the index page -----------------------------------------------------------


def index_context(request, index_page):
    """Open, upcoming and past consultations under this index, by municipality."""
    pages = (
        ConsultationPage.objects.child_of(index_page)
        .live()
        .select_related("contract__municipality", "contract__election")
        .order_by("-contract__election__date", "contract__municipality__name")
    )
    slug = request.GET.get("municipality", "")
    if slug:
        pages = pages.filter(contract__municipality__slug=slug)
    names = dict(Municipality.objects.localized_names())
    groups = {Phase.OPEN: [], Phase.UPCOMING: [], "past": []}
    now = timezone.now()
    for page in pages:
        phase = page.contract.phase_at(now)
        page.municipality_name = names.get(
            page.contract.municipality.translation_key, page.contract.municipality.name
        )
        if phase == Phase.DRAFT:
            continue
        groups[phase if phase in (Phase.OPEN, Phase.UPCOMING) else "past"].append(page)
    municipalities = sorted(
        (
            (m.slug, names.get(m.translation_key, m.name))
            for m in Municipality.objects.source().filter(social_contracts__isnull=False).distinct()
        ),
        key=lambda item: item[1],
    )
    return {
        "open_pages": groups[Phase.OPEN],
        "upcoming_pages": groups[Phase.UPCOMING],
        "past_pages": groups["past"],
        "municipalities": municipalities,
        "selected_municipality": slug,
    }


# --- the contract page --------------------------------------------------------


def _priorities(contract, sort="network", sector=""):
    priorities = (
        Priority.objects.source().filter(contract=contract).with_results().select_related("sector")
    )
    if sector:
        priorities = priorities.filter(sector__slug=sector)
    if sort == "support":
        return priorities.order_by("-support_count", "order", "pk")
    return priorities.order_by("order", "pk")


def _localize(priorities):
    """Set `display_title`, `display_description` and `sector_name` in the
    active language: no query in Albanian, two in English, whatever the
    number of priorities."""
    texts = {}
    sector_names = {}
    language = get_language() or settings.LANGUAGE_CODE
    if priorities and language != settings.LANGUAGE_CODE:
        texts = Priority.objects.filter(pk__in=[p.pk for p in priorities]).localized_texts()
        sector_names = dict(
            Sector.objects.filter(locale__language_code=language).values_list(
                "translation_key", "name"
            )
        )
    for priority in priorities:
        priority.display_title, priority.display_description = texts.get(
            priority.translation_key, (priority.title, priority.description)
        )
        priority.sector_name = sector_names.get(
            priority.sector.translation_key, priority.sector.name
        )
    return priorities


def _discussion(priorities, user):
    """Comments of every priority, threaded one level deep, in one query.
    Hidden or removed comments appear only as a placeholder above replies."""
    threads = defaultdict(list)
    comments = (
        Comment.objects.filter(priority__in=[p.pk for p in priorities])
        .select_related("author")
        .order_by("created_at", "pk")
    )
    replies = defaultdict(list)
    tops = []
    for comment in comments:
        shown = comment.state == CommentState.VISIBLE or (
            comment.state == CommentState.PENDING
            and user.is_authenticated
            and comment.author_id == user.pk
        )
        comment.shown = shown
        if comment.parent_id:
            if shown:
                replies[comment.parent_id].append(comment)
        else:
            tops.append(comment)
    for comment in tops:
        comment.shown_replies = replies.get(comment.pk, [])
        if comment.shown or comment.shown_replies:
            threads[comment.priority_id].append(comment)
    return threads


def contract_context(request, page):
    contract = SocialContract.objects.select_related("municipality", "election").get(
        pk=page.contract_id
    )
    decision = rules.can_view(request.user, contract)
    if not decision:
        raise Http404(decision.message)
    sort = request.GET.get("sort", "network")
    sort = sort if sort in SORTS else "network"
    sector = request.GET.get("sector", "")
    priorities = _localize(list(_priorities(contract, sort, sector)))
    supported = set()
    if request.user.is_authenticated:
        supported = set(
            Vote.objects.filter(citizen=request.user, priority__contract=contract).values_list(
                "priority_id", flat=True
            )
        )
    threads = _discussion(priorities, request.user)
    for priority in priorities:
        priority.supported = priority.pk in supported
        priority.threads = threads.get(priority.pk, [])
    page_url = page.get_url(request)
    taking_part = rules.can_take_part(request.user, contract, next_url=page_url)
    support_decision = (
        rules.can_support(request.user, contract, len(supported), next_url=page_url)
        if taking_part
        else taking_part
    )
    sectors = {}
    for priority in priorities if not sector else _localize(list(_priorities(contract))):
        sectors[priority.sector.slug] = priority.sector_name
    suggestions = []
    if request.user.is_authenticated:
        suggestions = list(
            PrioritySuggestion.objects.filter(contract=contract, author=request.user)
        )
    phase = contract.phase
    return {
        "suggestions": suggestions,
        "contract": contract,
        "phase": phase,
        "municipality_name": contract.localized_municipality_name(),
        "election_name": contract.localized_election_name(),
        "priorities": priorities,
        "in_contract": [p for p in priorities if p.in_contract],
        "supports_used": len(supported),
        "taking_part": taking_part,
        "support_decision": support_decision,
        "sort": sort,
        "sector": sector,
        "sectors": sorted(sectors.items(), key=lambda item: item[1] or ""),
        "comment_form": CommentForm(),
        "now": timezone.now(),
    }


# --- responses shared by the actions -----------------------------------------


def _wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def _back(request, page, anchor):
    return redirect(f"{page.get_url(request)}#{anchor}")


def _refuse(request, page, decision, anchor, status=403):
    if _wants_json(request):
        return JsonResponse(
            {
                "ok": False,
                "reason": decision.reason,
                "message": decision.message,
                "link_url": decision.link_url,
                "link_text": decision.link_text,
            },
            status=status,
        )
    messages.error(request, decision.message)
    return _back(request, page, anchor)


def _source_priority(page, priority_id):
    return get_object_or_404(
        Priority.objects.source().select_related("contract__municipality"),
        pk=priority_id,
        contract_id=page.contract_id,
    )


def _support_state(request, page, priority, message, supported, supports_used):
    if _wants_json(request):
        return JsonResponse(
            {
                "ok": True,
                "message": message,
                "count": priority.votes.count(),
                "supported": supported,
                "supports_used": supports_used,
                "max_supports": priority.contract.max_supports,
            }
        )
    messages.success(request, message)
    return _back(request, page, priority.anchor)


# --- supporting --------------------------------------------------------------


def support(request, page, priority_id):
    """Support a priority. The citizen's row is locked while their supports
    are counted, so parallel requests cannot exceed the cap; the database's
    unique constraint refuses a second support of the same priority."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    priority = _source_priority(page, priority_id)
    contract = priority.contract
    decision = rules.can_take_part(request.user, contract, next_url=page.get_url(request))
    if not decision:
        return _refuse(request, page, decision, priority.anchor)
    User = get_user_model()
    try:
        with transaction.atomic():
            User.objects.select_for_update().filter(pk=request.user.pk).order_by().values(
                "pk"
            ).first()
            used = Vote.objects.filter(citizen=request.user, priority__contract=contract).count()
            refusal = rules.cap_refusal(contract, used)
            if refusal is not None:
                return _refuse(request, page, refusal, priority.anchor, status=409)
            Vote.objects.create(citizen=request.user, priority=priority)
    except IntegrityError:
        return _support_state(
            request, page, priority, _("You already support this priority."), True, used
        )
    return _support_state(
        request,
        page,
        priority,
        _("You support “%(title)s”.") % {"title": _title(priority)},
        True,
        used + 1,
    )


def withdraw(request, page, priority_id):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    priority = _source_priority(page, priority_id)
    decision = rules.can_take_part(request.user, priority.contract, next_url=page.get_url(request))
    if not decision:
        return _refuse(request, page, decision, priority.anchor)
    Vote.objects.filter(citizen=request.user, priority=priority).delete()
    used = Vote.objects.filter(citizen=request.user, priority__contract=priority.contract).count()
    return _support_state(
        request,
        page,
        priority,
        _("You no longer support “%(title)s”.") % {"title": _title(priority)},
        False,
        used,
    )


def _title(priority):
    texts = Priority.objects.filter(pk=priority.pk).localized_texts()
    return texts.get(priority.translation_key, (priority.title,))[0]


# --- comments ----------------------------------------------------------------


def _rate_limited(user):
    """A few comments a minute and a daily ceiling, per citizen (limits from
    settings)."""
    per_day = getattr(settings, "CONSULTATIONS_COMMENTS_PER_DAY", 30)
    passed = limits.over_limit(
        "consultations:comments",
        user,
        getattr(settings, "CONSULTATIONS_COMMENTS_PER_MINUTE", 3),
        per_day,
    )
    if passed == limits.MINUTE:
        return _("You are writing quickly: please wait a minute before commenting again.")
    if passed == limits.DAY:
        return _("You have reached today's limit of %(count)s comments. Thank you!") % {
            "count": per_day
        }
    return None


def comment(request, page, priority_id):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    priority = _source_priority(page, priority_id)
    contract = priority.contract
    anchor = priority.anchor
    decision = rules.can_comment(request.user, contract, next_url=page.get_url(request))
    if not decision:
        return _refuse(request, page, decision, anchor)
    form = CommentForm(request.POST)
    if not form.is_valid():
        errors = "; ".join(e for errors in form.errors.values() for e in errors)
        messages.error(request, _("Your comment was not saved: %(errors)s") % {"errors": errors})
        return _back(request, page, anchor)
    parent = None
    if form.cleaned_data["parent"]:
        parent = get_object_or_404(
            Comment.objects.select_related("priority__contract", "author"),
            pk=form.cleaned_data["parent"],
            priority=priority,
        )
        decision = rules.can_reply(request.user, parent)
        if not decision:
            return _refuse(request, page, decision, anchor)
    limited = _rate_limited(request.user)
    if limited:
        messages.error(request, limited)
        return _back(request, page, anchor)
    new = Comment.objects.create(
        priority=priority,
        parent=parent,
        author=request.user,
        body=form.cleaned_data["body"],
        state=CommentState.PENDING if contract.premoderate_comments else CommentState.VISIBLE,
    )
    if new.state == CommentState.PENDING:
        messages.info(
            request, _("Thank you. Your comment will appear once a moderator has read it.")
        )
    else:
        queue_reply_notification(new)
        messages.success(request, _("Your comment is published."))
    return _back(request, page, new.anchor)


def _own_comment(page, comment_id):
    return get_object_or_404(
        Comment.objects.select_related("priority__contract"),
        pk=comment_id,
        priority__contract_id=page.contract_id,
    )


@require_http_methods(["GET", "POST"])
def edit_comment(request, page, comment_id):
    comment = _own_comment(page, comment_id)
    decision = rules.can_edit_comment(request.user, comment)
    if not decision:
        return _refuse(request, page, decision, comment.anchor)
    form = CommentForm(request.POST or None, initial={"body": comment.body})
    if request.method == "POST" and form.is_valid():
        comment.body = form.cleaned_data["body"]
        comment.edited_at = timezone.now()
        comment.save(update_fields=["body", "edited_at"])
        messages.success(request, _("Your comment is updated."))
        return _back(request, page, comment.anchor)
    return render(
        request,
        "consultations/edit_comment.html",
        {"page": page, "comment": comment, "form": form},
    )


def remove_comment(request, page, comment_id):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    comment = _own_comment(page, comment_id)
    decision = rules.can_remove_comment(request.user, comment)
    if not decision:
        return _refuse(request, page, decision, comment.anchor)
    comment.state = CommentState.REMOVED
    comment.save(update_fields=["state"])
    messages.success(request, _("Your comment is removed."))
    return _back(request, page, f"priority-{comment.priority_id}")


@require_http_methods(["GET", "POST"])
def report_comment(request, page, comment_id):
    comment = _own_comment(page, comment_id)
    decision = rules.can_report(request.user, comment)
    if not decision:
        return _refuse(request, page, decision, comment.anchor)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                Report.objects.create(
                    comment=comment, reporter=request.user, reason=form.cleaned_data["reason"]
                )
        except IntegrityError:
            messages.info(request, _("You have already reported this comment."))
            return _back(request, page, comment.anchor)
        reporters = comment.reports.filter(resolved_at__isnull=True).count()
        if reporters >= REPORTS_TO_HIDE:
            Comment.objects.filter(pk=comment.pk, state=CommentState.VISIBLE).update(
                state=CommentState.HIDDEN,
                moderation_reason=_("Hidden after reports, until a moderator decides."),
                moderated_at=timezone.now(),
            )
        messages.success(request, _("Thank you. A moderator will look at this comment."))
        return _back(request, page, f"priority-{comment.priority_id}")
    return render(
        request,
        "consultations/report_comment.html",
        {"page": page, "comment": comment, "form": form},
    )


@require_http_methods(["GET", "POST"])
def suggest(request, page):
    contract = page.contract
    decision = rules.can_suggest(request.user, contract, next_url=page.get_url(request))
    if not decision:
        return _refuse(request, page, decision, "taking-part")
    form = SuggestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        PrioritySuggestion.objects.create(
            contract=contract, author=request.user, **form.cleaned_data
        )
        messages.success(
            request, _("Thank you. An editor will read your suggestion and tell you here.")
        )
        return _back(request, page, "your-suggestions")
    return render(request, "consultations/suggest.html", {"page": page, "form": form})


# --- results -----------------------------------------------------------------


def printable(request, page):
    context = contract_context(request, page)
    context["page"] = page
    context["self"] = page
    return render(request, "consultations/consultation_page_print.html", context)


def results_csv(request, page):
    """Counts only: nobody's support is ever exported."""
    contract = page.contract
    if not rules.can_download_results(request.user, contract):
        raise Http404
    priorities = _localize(list(_priorities(contract)))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"{contract.municipality.slug}-{contract.election.date:%Y}-results.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow([_("priority"), _("sector"), _("supports"), _("comments"), _("in contract")])
    for priority in priorities:
        writer.writerow(
            [
                priority.display_title,
                priority.sector_name,
                priority.support_count,
                priority.comment_count,
                _("yes") if priority.in_contract else _("no"),
            ]
        )
    return response


# --- unsubscribing (no sign-in needed) ---------------------------------------


@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """Turn off one kind of e-mail from a signed link. GET only asks (mail
    scanners follow links); POST does it."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
        user = get_user_model().objects.get(pk=data["user"])
        field = {"replies": "notify_replies", "municipality": "notify_municipality"}[data["kind"]]
    except (signing.BadSignature, KeyError, TypeError, get_user_model().DoesNotExist):
        return render(request, "consultations/unsubscribe.html", {"invalid": True}, status=400)
    done = False
    if request.method == "POST":
        setattr(user, field, False)
        user.save(update_fields=[field])
        done = True
    return render(
        request,
        "consultations/unsubscribe.html",
        {"kind": data["kind"], "done": done, "token": token},
    )
