"""The public pages: the index of consultations and one page per contract.

Each page owns its context and, for the contract page, the routes of what
citizens do on it (support, comment, report, suggest) and its results. The
acts themselves are model methods (`Vote.objects.cast`, `Comment.objects.post`,
`comment.report`…); the routes ask the rules, call them and answer: JSON for
the page's script, otherwise a message and a redirect back to the priority.
"""

import copy
import csv
from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from cms_pages.models import Municipality
from cms_pages.spreadsheets import neutralised
from pagecache.fragments import cached, kept_here

from .. import forms, rules
from ..kept import kept
from ..states import LATEST_THREADS, PAGE_THREADS, PRIORITIES_PAGE_SIZE, Phase
from .contracts import NETWORK_ORDER, PRIORITY_SORTS, Priority, SocialContract
from .following import reader_state
from .participation import (
    AlreadyReported,
    AlreadySupported,
    CapReached,
    Comment,
    CommentState,
    RateLimited,
    Vote,
)
from .personal import personal_state
from .suggestions import PrioritySuggestion


def supports_summary(contract, supports_used):
    """ "You support 2 of at most 3 priorities.", in the active language."""
    if contract.max_supports is None:
        return gettext("Support as many priorities as you like.")
    return gettext("You support %(used)s of at most %(max)s priorities.") % {
        "used": supports_used,
        "max": contract.max_supports,
    }


def support_totals(contract, supports_used):
    """What the page's script needs to update the counter and the buttons."""
    return {
        "supports_used": supports_used,
        "max_supports": contract.max_supports,
        "at_cap": contract.cap_refusal(supports_used) is not None,
        "supports_summary": supports_summary(contract, supports_used),
    }


def listing_query(sort, sector, number=None):
    """`?page=3&sort=support&sector=…`: where in the consultation page's
    listing the visitor is (only what differs from the first page in the
    network's order), for the links of the pager and the addresses of the
    acts sent from the page, so that they come back to it; "" on the first
    page of the whole list."""
    query = {}
    if str(number or "").isdigit() and int(number) > 1:
        query["page"] = int(number)
    if sort in PRIORITY_SORTS and sort != NETWORK_ORDER:
        query["sort"] = sort
    if sector:
        query["sector"] = sector
    return f"?{urlencode(query)}" if query else ""


def pager(listing, page_url, sort, sector):
    """The links of the consultation page's pager: the previous and next
    pages and the page numbers (the far ones elided), keeping the order and
    the sector; None when the list is one page."""
    if listing is None or listing.paginator.num_pages < 2:
        return None

    def url(number):
        return page_url + listing_query(sort, sector, number)

    numbers = listing.paginator.get_elided_page_range(listing.number, on_each_side=2, on_ends=1)
    return {
        "previous": url(listing.previous_page_number()) if listing.has_previous() else None,
        "next": url(listing.next_page_number()) if listing.has_next() else None,
        "pages": [
            {"number": n, "url": url(n), "current": n == listing.number}
            if isinstance(n, int)
            else {"number": n}
            for n in numbers
        ],
    }


class ConsultationIndexPage(Page):
    """Lists open, upcoming and past consultations, filterable by municipality."""

    intro = RichTextField(
        _("introduction"), blank=True, help_text=_("How consultations work, in a few lines.")
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["cms_pages.HomePage"]
    subpage_types = ["consultations.ConsultationPage"]
    max_count_per_parent = 1
    template = "consultations/consultation_index_page.html"

    class Meta:
        verbose_name = _("consultations index")

    def get_context(self, request, *args, **kwargs):
        """Open, upcoming and past consultations under this index (drafts are
        not listed), of one municipality or all, with its name in the
        visitor's language."""
        context = super().get_context(request, *args, **kwargs)
        pages = (
            ConsultationPage.objects.child_of(self)
            .live()
            .select_related("contract__municipality", "contract__election")
            .order_by("-contract__election__date", "contract__municipality__name")
        )
        slug = request.GET.get("municipality", "")
        if slug:
            pages = pages.filter(contract__municipality__slug=slug)
        municipalities = list(
            Municipality.objects.source()
            .filter(social_contracts__isnull=False)
            .distinct()
            .localized("name")
        )
        names = {municipality.pk: municipality.localized_name for municipality in municipalities}
        groups = {Phase.OPEN: [], Phase.UPCOMING: [], "past": []}
        now = timezone.now()
        for page in pages:
            phase = page.contract.phase_at(now)
            if phase == Phase.DRAFT:
                continue
            municipality = page.contract.municipality
            page.municipality_name = names.get(municipality.pk, municipality.name)
            groups[phase if phase in (Phase.OPEN, Phase.UPCOMING) else "past"].append(page)
        context.update(
            {
                "open_pages": groups[Phase.OPEN],
                "upcoming_pages": groups[Phase.UPCOMING],
                "past_pages": groups["past"],
                "municipalities": sorted(
                    ((m.slug, m.localized_name) for m in municipalities), key=lambda item: item[1]
                ),
                "selected_municipality": slug,
            }
        )
        return context


class ConsultationPage(RoutablePageMixin, Page):
    """The public face of one Social Contract: its priorities, supports and
    discussion while open; results and the finalised contract afterwards."""

    contract = models.ForeignKey(
        "consultations.SocialContract",
        verbose_name=_("social contract"),
        on_delete=models.PROTECT,
        related_name="pages",
        help_text=_("The contract this page presents."),
    )
    intro = RichTextField(
        _("introduction"), blank=True, help_text=_("What this consultation is about.")
    )

    content_panels = [*Page.content_panels, FieldPanel("contract"), FieldPanel("intro")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.RelatedFields(
            "contract", [index.RelatedFields("municipality", [index.SearchField("name")])]
        ),
    ]

    parent_page_types = ["consultations.ConsultationIndexPage"]
    subpage_types = []
    template = "consultations/consultation_page.html"

    class Meta:
        verbose_name = _("consultation page")

    # --- what the page shows ---------------------------------------------------

    def get_context(self, request, *args, every_priority=False, **kwargs):
        """The contract, its priorities (sorted, filtered by sector) with
        their results, texts in the visitor's language and discussion, and
        what the visitor may do: a fixed number of queries whatever the
        number of priorities and comments.

        At national scale (hundreds of priorities, tens of thousands of
        comments) the page stays small for the people who take part:

        - a consultation of more than `PRIORITIES_PAGE_SIZE` priorities is
          paged (`?page=N`, keeping `sort` and `sector`; a page number that
          is not one gives the first or the last page, as the discussion
          pages do). The whole list is still read in the one query (it is
          small rows), so the sectors, the contract list and the citizen's
          supports ("You support N of M") are those of the whole contract on
          every page; only the shown page's discussions are read. The print
          version and the results download (`every_priority`) list every
          priority;
        - each priority shows its latest threads with their newest reply
          (`Comment.objects.latest_threads`), its share of the
          `PAGE_THREADS` the page shows in all (3 threads each for a few
          priorities, 1 beyond 15), the rest on the discussion page: the
          size does not grow with the number of comments, and has a bound;
        - what every priority repeated is said once or moved to the
          discussion page: the comment help text (each box is described by
          the one paragraph), the cap note (written only where a button is
          disabled: by the server without JavaScript, by the script with
          it), the reply forms (each thread links to its form, open, on the
          discussion page), long comments (the page shows their beginning,
          linked to the whole); the markup carries no indentation.

        The acts sent from a page (support, withdraw, comment) carry its
        listing (`listing_query`) and come back to it."""
        context = super().get_context(request, *args, **kwargs)
        user = request.user
        sort = request.GET.get("sort", NETWORK_ORDER)
        sort = sort if sort in PRIORITY_SORTS else NETWORK_ORDER
        sector = request.GET.get("sector", "")
        # The contract and its list are the same for everyone until anything
        # changes: kept as the list's order, sectors and first page.
        language = get_language()
        listed = kept(
            ("listing", language, self.contract_id, sort, sector),
            lambda: self._shared_listing(sort, sector),
        )
        contract = listed["contract"]
        decision = rules.can_view(user, contract)
        if not decision:
            raise Http404(decision.message)
        listing = None
        if every_priority:
            priorities = list(
                Priority.objects.source().filter(contract=contract).listed(sort, sector)
            )
        elif len(listed["ids"]) > PRIORITIES_PAGE_SIZE:
            listing = Paginator(listed["ids"], PRIORITIES_PAGE_SIZE)
            listing = listing.get_page(request.GET.get("page"))
            priorities = listed["first"]
            if listing.number > 1:
                start = listing.start_index() - 1
                priorities = kept(
                    ("listing_page", language, self.contract_id, sort, sector, listing.number),
                    lambda: list(
                        Priority.objects.source()
                        .filter(contract=contract)
                        .listed(sort, sector)[start : start + PRIORITIES_PAGE_SIZE]
                    ),
                )
        else:
            priorities = listed["first"]
        # The citizen's supports, and what of the discussion only they see;
        # the header's and the rules' reader state read once, here.
        if user.is_authenticated:
            reader_state(request)
        personal = personal_state(user, contract)
        supported = personal.supported
        for priority in priorities:
            priority.supported = priority.pk in supported
        page_url = self.get_url(request)
        taking_part = rules.can_take_part(user, contract, next_url=page_url)
        support_decision = (
            rules.can_support(user, contract, len(supported), next_url=page_url)
            if taking_part
            else taking_part
        )
        suggestions = []
        if personal.suggested:
            suggestions = list(PrioritySuggestion.objects.filter(contract=contract, author=user))
        context.update(
            {
                "supports_summary": supports_summary(contract, len(supported)),
                "at_cap": contract.cap_refusal(len(supported)) is not None,
                "suggestions": suggestions,
                "contract": contract,
                "phase": contract.phase,
                "municipality_name": contract.localized_municipality_name,
                "election_name": contract.localized_election_name,
                "priorities": priorities,
                "personal": personal,
                # The cards (`priority_cards`) read each priority's latest
                # threads; the print version shows counts, not the discussion.
                "threads_per_priority": max(
                    1, min(LATEST_THREADS, PAGE_THREADS // max(1, len(priorities)))
                ),
                "listing": listing,
                "listing_query": listing_query(sort, sector, listing and listing.number),
                "pager": pager(listing, page_url, sort, sector),
                "in_contract": listed["in_contract"],
                "supports_used": len(supported),
                "taking_part": taking_part,
                "support_decision": support_decision,
                "sort": sort,
                "sector": sector,
                "sectors": listed["sectors"],
                "comment_form": forms.CommentForm(),
                "now": timezone.now(),
            }
        )
        return context

    def _shared_listing(self, sort, sector):
        """What the consultation page keeps of its contract's list (see
        `get_context`): the contract, the priorities' ids in the listing's
        order, the sectors of the whole contract, the priorities that
        entered the contract (each with its page of the listing) and the
        first page of priorities, in the active language."""
        contract = (
            SocialContract.objects.select_related("municipality", "election")
            .localized("municipality__name", "election__name")
            .get(pk=self.contract_id)
        )
        every = list(Priority.objects.source().filter(contract=contract).listed(sort, sector))
        every_sector = every
        if sector:
            every_sector = Priority.objects.source().filter(contract=contract).listed()
        sectors = {p.sector.slug: p.localized_sector_name for p in every_sector}
        for position, priority in enumerate(every):
            priority.listing_page = position // PRIORITIES_PAGE_SIZE + 1
        return {
            "contract": contract,
            "ids": tuple(p.pk for p in every),
            "sectors": sorted(sectors.items(), key=lambda item: item[1] or ""),
            "in_contract": [p for p in every if p.in_contract],
            "first": every[:PRIORITIES_PAGE_SIZE],
        }

    @path("priorities/<int:priority_id>/discussion/", name="discussion")
    def discussion_view(self, request, priority_id, comment_refusal=None, status=200, number=None):
        """A priority's whole discussion, newest threads first, paged
        (`?page=N`); the consultation page shows only the latest threads."""
        context = self._discussion_context(request, priority_id, number or request.GET.get("page"))
        context["comment_refusal"] = comment_refusal
        return TemplateResponse(request, "consultations/discussion.html", context, status=status)

    def _discussion_context(self, request, priority_id, number):
        user = request.user
        contract = (
            SocialContract.objects.select_related("municipality", "election")
            .localized("municipality__name", "election__name")
            .get(pk=self.contract_id)
        )
        if not rules.can_view(user, contract):
            raise Http404
        priority = get_object_or_404(
            Priority.objects.source().filter(contract=contract).listed(), pk=priority_id
        )
        page_url = self.get_url(request)
        taking_part = rules.can_take_part(user, contract, next_url=page_url)
        comments = Comment.objects.discussion_page(user, priority, number)
        reply = request.GET.get("reply", "")
        return {
            "open_reply": int(reply) if reply.isdigit() else None,
            "page": self,
            "self": self,
            "contract": contract,
            "phase": contract.phase,
            "municipality_name": contract.localized_municipality_name,
            "election_name": contract.localized_election_name,
            "priority": priority,
            "comments": comments,
            "taking_part": taking_part,
            "on_discussion": True,
        }

    @path("")
    def contract_view(self, request):
        return self.render(request)

    @path("print/", name="printable")
    def printable_view(self, request):
        return self.render(
            request, template="consultations/consultation_page_print.html", every_priority=True
        )

    @path("results/", name="results_csv")
    def results_csv_view(self, request):
        """Counts only: nobody's support is ever exported. Titles may be
        citizens' (accepted suggestions): no cell is ever run as a formula."""
        contract = self.contract
        if not rules.can_download_results(request.user, contract):
            raise Http404
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        filename = f"{contract.municipality.slug}-{contract.election.date:%Y}-results.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        writer = csv.writer(response)
        writer.writerow(
            [
                gettext("priority"),
                gettext("sector"),
                gettext("supports"),
                gettext("comments"),
                gettext("in contract"),
            ]
        )
        for priority in Priority.objects.source().filter(contract=contract).listed():
            writer.writerow(
                [
                    neutralised(priority.localized_title),
                    neutralised(priority.localized_sector_name),
                    priority.support_count,
                    priority.comment_count,
                    gettext("yes") if priority.in_contract else gettext("no"),
                ]
            )
        return response

    # --- how the routes answer ---------------------------------------------------

    @staticmethod
    def _listing(request):
        """Where in the listing the act was sent from (it travels in the
        form's or the link's address)."""
        return listing_query(
            request.GET.get("sort"), request.GET.get("sector", ""), request.GET.get("page")
        )

    def _back(self, request, anchor):
        """Back to the page the act was sent from, at `anchor`."""
        return redirect(f"{self.get_url(request)}{self._listing(request)}#{anchor}")

    def _refuse(self, request, decision, anchor, status=403):
        """The refusal as JSON for the page's script, or as a message back
        on the page."""
        if "application/json" in request.headers.get("Accept", ""):
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
        return self._back(request, anchor)

    def _support_state(self, request, priority, message, supported, supports_used):
        """After a support or a withdrawal: the priority's count as the act
        left it (`support_count`, read in the act's transaction) and the
        citizen's supports, as JSON for the page's script; otherwise the
        message, back on the page."""
        if "application/json" in request.headers.get("Accept", ""):
            return JsonResponse(
                {
                    "ok": True,
                    "message": message,
                    "count": priority.support_count,
                    "supported": supported,
                    **support_totals(priority.contract, supports_used),
                }
            )
        messages.success(request, message)
        return self._back(request, priority.anchor)

    def _source_priority(self, priority_id):
        """One of the contract's source-language priorities, with its title
        in the visitor's language (`localized_title`)."""
        return get_object_or_404(
            Priority.objects.source().select_related("contract__municipality").localized("title"),
            pk=priority_id,
            contract_id=self.contract_id,
        )

    def _supported_priority(self, request, priority_id):
        """What a support or a withdrawal is about: as `_source_priority`,
        with its contract; kept under the structure token (a priority or a
        contract saved draws a new one) in the process (`kept_here`) and,
        for the other processes, in the shared cache (`cached`), so the
        busiest write of the site reads nothing before its transaction.
        A copy each time: the act leaves its count on it. Whether the
        citizen's address is verified came with their account
        (`accounts.backends`)."""
        key = ("supported-priority", get_language(), self.contract_id, int(priority_id))
        priority = kept_here(key, lambda: cached(key, lambda: self._source_priority(priority_id)))
        return copy.copy(priority)

    def _may_support(self, request, priority):
        """The rules' answer for supporting or withdrawing (the page's
        address, where signing in comes back to, only for a visitor)."""
        user = request.user
        next_url = "" if user.is_authenticated else self.get_url(request)
        return rules.can_take_part(user, priority.contract, next_url=next_url)

    def _comment(self, comment_id):
        return get_object_or_404(
            Comment.objects.select_related("priority__contract"),
            pk=comment_id,
            priority__contract_id=self.contract_id,
        )

    # --- supporting ----------------------------------------------------------------

    @path("support/<int:priority_id>/", name="support")
    @method_decorator(require_POST)
    def support_view(self, request, priority_id):
        """One query for the priority (and the rules' e-mail check), one
        transaction for the support (`Vote.objects.cast`); the answer is
        built from what they read."""
        priority = self._supported_priority(request, priority_id)
        decision = self._may_support(request, priority)
        if not decision:
            return self._refuse(request, decision, priority.anchor)
        try:
            used = Vote.objects.cast(request.user, priority)
        except CapReached as refused:
            if "application/json" in request.headers.get("Accept", ""):
                return JsonResponse(
                    {
                        "ok": False,
                        "reason": refused.decision.reason,
                        "message": refused.decision.message,
                        **support_totals(priority.contract, refused.supports_used),
                    },
                    status=409,
                )
            return self._refuse(request, refused.decision, priority.anchor, status=409)
        except AlreadySupported as already:
            message = gettext("You already support this priority.")
            return self._support_state(request, priority, message, True, already.supports_used)
        message = gettext("You support “%(title)s”.") % {"title": priority.localized_title}
        return self._support_state(request, priority, message, True, used)

    @path("withdraw/<int:priority_id>/", name="withdraw")
    @method_decorator(require_POST)
    def withdraw_view(self, request, priority_id):
        """As `support_view`, with `Vote.objects.withdraw`."""
        priority = self._supported_priority(request, priority_id)
        decision = self._may_support(request, priority)
        if not decision:
            return self._refuse(request, decision, priority.anchor)
        used = Vote.objects.withdraw(request.user, priority)
        message = gettext("You no longer support “%(title)s”.") % {
            "title": priority.localized_title
        }
        return self._support_state(request, priority, message, False, used)

    # --- the discussion --------------------------------------------------------------

    @path("comment/<int:priority_id>/", name="comment")
    @method_decorator(require_POST)
    def comment_view(self, request, priority_id):
        """Post a comment or a reply. A refusal answers beside the form that
        was sent, with the text as typed: the consultation page (or the
        discussion page, when the form was there) rendered again, the form
        open, the error under it; the form's address ends with its anchor,
        so the browser shows it."""
        priority = self._source_priority(priority_id)
        on_discussion = request.POST.get("on") == "discussion"

        def refused(message, status):
            if "application/json" in request.headers.get("Accept", ""):
                return JsonResponse({"ok": False, "message": message}, status=status)
            parent_id = request.POST.get("parent", "")
            refusal = {
                "priority_id": priority.pk,
                "parent_id": int(parent_id) if parent_id.isdigit() else None,
                "body": request.POST.get("body", ""),
                "message": message,
            }
            if on_discussion:
                # A refused reply comes back on the page of its thread.
                parent = Comment.objects.filter(pk=refusal["parent_id"], priority=priority).first()
                number = Comment.objects.page_number_of(request.user, parent) if parent else 1
                return self.discussion_view(
                    request, priority.pk, comment_refusal=refusal, status=status, number=number
                )
            response = self.render(request, context_overrides={"comment_refusal": refusal})
            response.status_code = status
            return response

        decision = rules.can_comment(
            request.user, priority.contract, next_url=self.get_url(request)
        )
        if not decision:
            return refused(decision.message, 403)
        form = forms.CommentForm(request.POST)
        if not form.is_valid():
            errors = "; ".join(e for errors in form.errors.values() for e in errors)
            return refused(
                gettext("Your comment was not saved: %(errors)s") % {"errors": errors}, 400
            )
        parent = None
        if form.cleaned_data["parent"]:
            parent = get_object_or_404(
                Comment.objects.select_related("priority__contract", "author"),
                pk=form.cleaned_data["parent"],
                priority=priority,
            )
            decision = rules.can_reply(request.user, parent)
            if not decision:
                return refused(decision.message, 403)
        try:
            comment = Comment.objects.post(
                priority, request.user, form.cleaned_data["body"], parent=parent
            )
        except RateLimited as refusal:
            return refused(refusal.decision.message, 429)
        if comment.state == CommentState.PENDING:
            messages.info(
                request,
                gettext("Thank you. Your comment will appear once a moderator has read it."),
            )
        else:
            messages.success(request, gettext("Your comment is published."))
        if on_discussion:
            number = Comment.objects.page_number_of(request.user, comment)
            url = self.get_url(request) + self.reverse_subpage("discussion", args=[priority.pk])
            return redirect(f"{url}?page={number}#{comment.anchor}")
        return self._back(request, comment.anchor)

    @path("comments/<int:comment_id>/edit/", name="edit_comment")
    @method_decorator(require_http_methods(["GET", "POST"]))
    def edit_comment_view(self, request, comment_id):
        comment = self._comment(comment_id)
        decision = rules.can_edit_comment(request.user, comment)
        if not decision:
            return self._refuse(request, decision, comment.anchor)
        form = forms.CommentForm(request.POST or None, initial={"body": comment.body})
        if request.method == "POST" and form.is_valid():
            comment.edit(form.cleaned_data["body"])
            messages.success(request, gettext("Your comment is updated."))
            return self._back(request, comment.anchor)
        return render(
            request,
            "consultations/edit_comment.html",
            {
                "page": self,
                "comment": comment,
                "form": form,
                "listing_query": self._listing(request),
            },
        )

    @path("comments/<int:comment_id>/remove/", name="remove_comment")
    @method_decorator(require_POST)
    def remove_comment_view(self, request, comment_id):
        comment = self._comment(comment_id)
        decision = rules.can_remove_comment(request.user, comment)
        if not decision:
            return self._refuse(request, decision, comment.anchor)
        comment.remove()
        messages.success(request, gettext("Your comment is removed."))
        return self._back(request, f"priority-{comment.priority_id}")

    @path("comments/<int:comment_id>/report/", name="report_comment")
    @method_decorator(require_http_methods(["GET", "POST"]))
    def report_comment_view(self, request, comment_id):
        comment = self._comment(comment_id)
        decision = rules.can_report(request.user, comment)
        if not decision:
            return self._refuse(request, decision, comment.anchor)
        form = forms.ReportForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                comment.report(request.user, form.cleaned_data["reason"])
            except AlreadyReported:
                messages.info(request, gettext("You have already reported this comment."))
                return self._back(request, comment.anchor)
            messages.success(request, gettext("Thank you. A moderator will look at this comment."))
            return self._back(request, f"priority-{comment.priority_id}")
        return render(
            request,
            "consultations/report_comment.html",
            {
                "page": self,
                "comment": comment,
                "form": form,
                "listing_query": self._listing(request),
            },
        )

    # --- suggesting a priority ----------------------------------------------------

    @path("suggest/", name="suggest")
    @method_decorator(require_http_methods(["GET", "POST"]))
    def suggest_view(self, request):
        contract = self.contract
        decision = rules.can_suggest(request.user, contract, next_url=self.get_url(request))
        if not decision:
            return self._refuse(request, decision, "taking-part")
        form = forms.SuggestionForm(request.POST or None)
        status = 200
        if request.method == "POST" and form.is_valid():
            try:
                PrioritySuggestion.objects.submit(contract, request.user, **form.cleaned_data)
            except RateLimited as refused:
                form.add_error(None, refused.decision.message)
                status = 429
            else:
                messages.success(
                    request,
                    gettext("Thank you. An editor will read your suggestion and tell you here."),
                )
                return self._back(request, "your-suggestions")
        return render(
            request, "consultations/suggest.html", {"page": self, "form": form}, status=status
        )
