"""The scorecard pages: the network's, comparing municipalities for one
election's contracts, and each municipality's, priority by priority. Each
page reads what it asks for (`election`, `as_of`) with `scorecards.parameters`
and computes its figures from published assessments in a fixed number of
queries, whatever the number of municipalities, priorities and rounds."""

from django.conf import settings
from django.db import models
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.html import format_html
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from cms_pages.caching import cached
from cms_pages.models import Municipality
from forums.models import Position

from .. import parameters
from ..charts import BADGE_HEIGHT, BADGE_WIDTH, timeline_columns
from ..fragments import fill, kept_body
from ..scoring import NOT_YET_ASSESSED, NOT_YET_ASSESSED_LABEL, Scorecard
from .assessments import Assessment, end_of_day, monitored_priorities
from .council_routes import CouncilRoutesMixin
from .mandates import Mandate, choose_election, contracts, elections
from .release_pages import ReleaseRoutesMixin
from .replies import ReplyRoutes

#: Seconds a badge may be cached: short, so a publication shows within the hour.
BADGE_MAX_AGE = 15 * 60


def figures_dates(asked, mandate):
    """The date the figures are for (the one asked, or today with a message
    saying why the one asked could not be used), the ends of the mandate's
    years passed and the over-time chart's dates."""
    as_of_error = ""
    if "as_of" in asked.errors:
        as_of_error = gettext(
            "“%(value)s” is not a date written as YYYY-MM-DD: the figures below are as of today."
        ) % {"value": asked.written["as_of"][:20]}
    return {
        "as_of": asked.day,
        "as_of_error": as_of_error,
        "quick_dates": mandate.year_ends() if mandate else [],
        "timeline_dates": mandate.timeline_dates() if mandate else [],
    }


def election_error(asked, shown):
    """The message for an `election` asked for that is not one the page can
    show (`shown`: the name of the one it shows instead); "" when none was
    asked for."""
    if "election" not in asked.written:
        return ""
    return gettext(
        "“%(value)s” is not one of the elections shown here: the figures below are for "
        "%(election)s."
    ) % {"value": asked.written["election"][:20], "election": shown}


class ScorecardIndexPage(ReleaseRoutesMixin, Page):
    """The network-wide scorecard: every municipality's figures for one
    election's contracts, compared, as of any date."""

    intro = RichTextField(
        _("introduction"), blank=True, help_text=_("How the network monitors, in a few lines.")
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["cms_pages.HomePage"]
    subpage_types = ["scorecards.MunicipalityScorecardPage"]
    max_count_per_parent = 1
    template = "scorecards/scorecard_index_page.html"

    class Meta:
        verbose_name = _("network scorecard")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        asked = parameters.read(request.GET)
        monitored = list(elections().monitored().held().localized("name"))
        election = choose_election(monitored, asked.election) or choose_election(monitored)
        context["election_error"] = ""
        if election is not None and asked.election != election.pk:
            context["election_error"] = election_error(asked, election.localized_name)
        context.update(
            figures_dates(asked, Mandate(election.date, election.following) if election else None)
        )
        context.update({"elections": monitored, "election": election})

        def body_context():
            figures = {"rows": [], "network": None, "timeline": None}
            if election is not None:
                figures = self.network_figures(
                    election, context["as_of"], context["timeline_dates"]
                )
            return {**context, **figures}

        key = (
            "scorecards:network-scorecard",
            self.pk,
            election.pk if election else None,
            context["as_of"].isoformat(),
            timezone.localdate().isoformat(),
            context["election_error"],
            context["as_of_error"],
        )
        kept = kept_body(
            request, key, "scorecards/includes/network_scorecard_body.html", body_context
        )
        context["body"] = fill(request, kept)
        return context

    def network_figures(self, election, as_of, dates):
        """The network's figures for `election`'s contracts on `as_of`, a row
        per municipality (by name, in the reader's language, with its page),
        and the over-time chart on `dates`: a fixed number of queries."""
        by_day = Assessment.objects.network_timeline([*dates, as_of], election)
        network, per_municipality = by_day[as_of]
        names = dict(
            Municipality.objects.filter(pk__in=per_municipality)
            .localized("name")
            .values_list("pk", "localized_name")
        )
        pages = {
            page.municipality_id: page
            for page in MunicipalityScorecardPage.objects.child_of(self)
            .live()
            .filter(locale_id=self.locale_id)
        }
        rows = [
            {"municipality": names[pk], "page": pages.get(pk), "card": card, "bar_id": f"bar-{pk}"}
            for pk, card in per_municipality.items()
        ]
        rows.sort(key=lambda row: row["municipality"])
        return {
            "rows": rows,
            "network": network,
            "timeline": timeline_columns(dates, [by_day[day][0] for day in dates]),
        }


class MunicipalityScorecardPage(CouncilRoutesMixin, ReplyRoutes, RoutablePageMixin, Page):
    """One municipality's scorecard: per contract figures, and per priority its
    status, evidence and history; and a badge partners can embed."""

    municipality = models.ForeignKey(
        "cms_pages.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"locale__language_code": settings.LANGUAGE_CODE},
        help_text=_("The municipality whose contracts this page follows."),
    )
    intro = RichTextField(
        _("introduction"), blank=True, help_text=_("Who monitors here, and how, in a few lines.")
    )

    content_panels = [*Page.content_panels, FieldPanel("municipality"), FieldPanel("intro")]

    parent_page_types = ["scorecards.ScorecardIndexPage"]
    subpage_types = []
    template = "scorecards/municipality_scorecard_page.html"

    class Meta:
        verbose_name = _("municipality scorecard")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        asked = parameters.read(request.GET)
        # The contracts and who replies for the municipality: the same for
        # every reader, kept until the structure changes.
        here = cached(
            (
                "scorecards:municipality-contracts",
                self.pk,
                self.municipality_id,
                get_language(),
                timezone.localdate().isoformat(),
            ),
            lambda: {
                "contracts": list(
                    contracts()
                    .finalised()
                    .held()
                    .of_municipality(self.municipality_id)
                    .select_related("election", "municipality")
                    .localized("election__name")
                    .with_mandate()
                    .latest_first()
                ),
                "respondents": self.respondents_here(),
            },
        )
        monitored = here["contracts"]
        reader_replies = request.user.pk in here["respondents"]
        for monitored_contract in monitored:
            monitored_contract.reader_replies = reader_replies
        contract = next((c for c in monitored if c.election_id == asked.election), None)
        context["election_error"] = ""
        if contract is None and monitored:
            contract = monitored[0]
            if "election" in asked.written:
                name = contract.localized_election_name
                context["election_error"] = election_error(asked, name)
        mandate = Mandate(contract.election.date, contract.following) if contract else None
        context.update(figures_dates(asked, mandate))
        context.update({"contracts": monitored, "contract": contract})
        context["body"] = self.scorecard_body(request, context)
        return context

    def scorecard_body(self, request, context):
        """The page's content below its title, kept for every reader but a
        respondent of the municipality (whose reply links are theirs): the
        figures are read only when it is rendered."""
        contract = context["contract"]

        def body_context():
            if contract is None:
                return {**context, "priorities": [], "timeline": None}
            figures = self.contract_figures(contract, context["as_of"], context["timeline_dates"])
            self.attach_replies(
                request,
                [a for row in figures["priorities"] for a in row["history"]],
                is_respondent=contract.reader_replies,
            )
            return {
                **context,
                **figures,
                **self.council_context(),
                "badge": self.badge_embedding(request),
            }

        key = None
        if contract is None or not contract.reader_replies:
            key = (
                "scorecards:municipality-scorecard",
                self.pk,
                contract.pk if contract else None,
                context["as_of"].isoformat(),
                timezone.localdate().isoformat(),
                context["election_error"],
                context["as_of_error"],
            )
        kept = kept_body(
            request, key, "scorecards/includes/municipality_scorecard_body.html", body_context
        )
        return fill(request, kept)

    def contract_figures(self, contract, as_of, dates):
        """The contract's figures on `as_of` and on `dates` (the over-time
        chart), and each priority in the reader's language with its status,
        history and the elected mayor's promise: a fixed number of queries."""
        priorities = list(
            monitored_priorities().filter(contract=contract).localized("title", "description")
        )
        pks = [priority.pk for priority in priorities]
        by_priority = Assessment.objects.histories(pks)
        promises = list(Position.objects.of_elected_mayor(contract).filter(priority_id__in=pks))
        mayor = promises[0].candidacy if promises else None
        positions = {position.priority_id: position for position in promises}
        histories = [by_priority.get(pk, []) for pk in pks]

        def card_on(day):
            if contract.finalised_at >= end_of_day(day):
                return Scorecard()  # not finalised yet: nothing to count
            return Scorecard.from_histories(histories, day)

        rows = []
        for priority in priorities:
            history = [a for a in by_priority.get(priority.pk, []) if a.as_of <= as_of]
            current = history[0] if history else None
            rows.append(
                {
                    "priority": priority,
                    "title": priority.localized_title,
                    "description": priority.localized_description,
                    "current": current,
                    "status": current.status if current else NOT_YET_ASSESSED,
                    "status_label": (
                        current.get_status_display() if current else NOT_YET_ASSESSED_LABEL
                    ),
                    "history": history,
                    "position": positions.get(priority.pk),
                }
            )
        return {
            "card": card_on(as_of),
            "priorities": rows,
            "mayor": mayor,
            "timeline": timeline_columns(dates, [card_on(day) for day in dates]),
        }

    def badge_embedding(self, request):
        """The embeddable badge's addresses and the HTML snippet to embed it."""
        page_url = self.get_full_url(request)
        badge_path = self.reverse_subpage("badge")
        badge_url = page_url + badge_path
        alt = gettext("Scorecard of %(name)s: priorities of its Social Contract addressed") % {
            "name": self.title
        }
        return {
            "url": badge_url,
            "preview_url": self.get_url(request) + badge_path,
            "snippet": format_html(
                '<a href="{}"><img src="{}" alt="{}" width="{}" height="{}"></a>',
                page_url,
                badge_url,
                alt,
                BADGE_WIDTH,
                BADGE_HEIGHT,
            ),
        }

    @path("")
    def scorecard_view(self, request):
        return self.render(request)

    @path("badge/", name="badge")
    def badge_view(self, request):
        """An SVG badge with the current split of the municipality's latest
        contract with published assessments: embeddable on partners' sites."""
        contract = (
            contracts()
            .finalised()
            .of_municipality(self.municipality_id)
            .assessed()
            .select_related("election")
            .localized("election__name")
            .latest_first()
            .first()
        )
        today = timezone.localdate()
        card = Scorecard()
        if contract is not None:
            card = Assessment.objects.scorecards(
                monitored_priorities().filter(contract=contract), today
            ).get(contract.pk, Scorecard())
        response = render(
            request,
            "scorecards/badge.svg",
            {
                "page": self,
                "contract": contract,
                "card": card,
                "today": today,
                "width": BADGE_WIDTH,
                "height": BADGE_HEIGHT,
            },
            content_type="image/svg+xml; charset=utf-8",
        )
        patch_cache_control(response, public=True, max_age=BADGE_MAX_AGE)
        return response
