"""The public side of the council sessions: a municipality's sessions and
decisions as routes of its scorecard page (`CouncilRoutesMixin`), the
decisions shown beside each priority of the scorecard (the section the
priority page asks for is in `scorecards.council_sections`). A module of
the models package: the scorecard page is built with its mixin."""

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone

from wagtail.contrib.routable_page.models import path

from consultations.models import Priority

from .council import (
    AGENDA_WINDOW,
    CouncilDecision,
    CouncilSession,
    CouncilSessionDocument,
    council_priorities,
)
from .mandates import contracts

SESSIONS_PER_PAGE = 20


class CouncilRoutesMixin:
    """Routes of a municipality's scorecard page (a `RoutablePageMixin` page
    with a `municipality`): `council/`, the published sessions and the
    contract's priorities the council has not decided on in 12 months;
    `council/<pk>/`, one session with its decisions. The scorecard itself
    gets each priority's decisions (`council_decisions`), in one query."""

    def council_context(self):
        """`council_decisions` and `council_url` for the scorecard's body
        (read only when it is rendered, not when it is kept)."""
        return {
            "council_decisions": CouncilDecision.objects.by_priority(
                council_priorities(self.municipality_id).values("pk")
            ),
            "council_url": self.url + self.reverse_subpage("council_sessions"),
        }

    def _council_context(self, request, **extra):
        return {"page": self, "self": self, "request": request, **extra}

    @path("council/", name="council_sessions")
    def council_sessions_view(self, request):
        sessions = (
            CouncilSession.objects.published()
            .for_municipality(self.municipality_id)
            .annotate(decision_count=Count("decisions"))
            .latest_first()
        )
        listed = Paginator(sessions, SESSIONS_PER_PAGE).get_page(request.GET.get("page"))
        contract = (
            contracts()
            .finalised()
            .held()
            .of_municipality(self.municipality_id)
            .select_related("election")
            .localized("election__name")
            .latest_first()
            .first()
        )
        since = timezone.localdate() - AGENDA_WINDOW
        not_on_agenda = []
        if contract is not None:
            not_on_agenda = list(
                CouncilDecision.objects.not_on_agenda(contract, since).localized("title")
            )
        return TemplateResponse(
            request,
            "scorecards/council/sessions.html",
            self._council_context(
                request,
                sessions=listed,
                contract=contract,
                since=since,
                not_on_agenda=not_on_agenda,
                council_url=self.url + self.reverse_subpage("council_sessions"),
            ),
        )

    @path("council/<int:pk>/", name="council_session")
    def council_session_view(self, request, pk):
        session = (
            CouncilSession.objects.published()
            .for_municipality(self.municipality_id)
            .prefetch_related(
                Prefetch(
                    "documents",
                    queryset=CouncilSessionDocument.objects.select_related("document"),
                ),
                Prefetch(
                    "decisions",
                    queryset=CouncilDecision.objects.order_by("order", "pk").prefetch_related(
                        Prefetch(
                            "priorities",
                            queryset=Priority.objects.localized("title").order_by("order", "pk"),
                        )
                    ),
                ),
            )
            .filter(pk=pk)
            .first()
        )
        if session is None:
            raise Http404
        return TemplateResponse(
            request,
            "scorecards/council/session.html",
            self._council_context(
                request,
                session=session,
                council_url=self.url + self.reverse_subpage("council_sessions"),
            ),
        )
