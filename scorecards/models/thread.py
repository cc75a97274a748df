"""One public thread per municipality and per priority: the municipality page
and the priority page, served by one `MunicipalityIndexPage` (under the home
page, one per language) whose routes are the permanent addresses:

- ``<municipality-slug>/``: the municipality page (mayor in office and what
  they signed, each election's contract, forums, candidates and winner, the
  live scorecard with the latest changes, news, partner organisations);
- ``<municipality-slug>/<word>/<pk>/``: the priority page, `pk` being the
  source-language `Priority` of a finalised contract (in the contract),
  `word` being ``prioritete`` in Albanian and ``priorities`` in English
  (`PRIORITY_WORDS`; the other language's word redirects to the right one,
  which is what the language switcher leads to);
- ``<municipality-slug>/feed/atom/`` and ``…/feed/rss/``: the municipality's
  changes (see `scorecards.feeds`).

Everyone else builds these addresses with `municipality_url(municipality)`
and `priority_url(priority)` (no query per row: the index page's address is
read once per language and request).

Extension points: other apps add sections to these pages through two
Wagtail hooks, ``municipality_page_sections`` and ``priority_page_sections``.
Each registered function is called as ``fn(request, municipality)``, resp.
``fn(request, priority)`` (the source-language `Municipality` / `Priority`
row) and returns None or ``{"order": int, "template": "<path>", "context":
{...}}``. The page renders the sections sorted by order, each with
``{% include section.template with section=section.context %}``: after the
scorecard summary on the municipality page, after the assessments on the
priority page. A section keeps its own queries fixed in number.
"""

from django.conf import settings
from django.db.models import Count, OuterRef, Q, Subquery
from django.http import Http404
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField
from wagtail.models import Page

from cms_pages.caching import cached
from cms_pages.models import Municipality, NewsPage, PartnerOrganisation
from cms_pages.related import page_url
from cms_pages.search import plain_text
from consultations.kept import kept as kept_for_all
from consultations.models import Comment, CommentState, ConsultationPage, SocialContract
from forums.models import Candidacy, Endorsement, ForumPage, Stance

from ..feeds import FEED_LENGTH, MunicipalityAtomFeed, MunicipalityRssFeed
from ..fragments import fill, kept_body
from ..scoring import NOT_YET_ASSESSED_LABEL, Scorecard
from .assessments import Assessment, monitored_priorities, priority_history
from .pages import MunicipalityScorecardPage

MUNICIPALITY_SECTIONS_HOOK = "municipality_page_sections"
PRIORITY_SECTIONS_HOOK = "priority_page_sections"

#: The word between the municipality and the priority's number, per language.
PRIORITY_WORDS = {"sq": "prioritete", "en": "priorities"}
LATEST_CHANGES = 8
LATEST_NEWS = 5
TOP_COMMENTS = 3


def _language(language=None):
    language = language or get_language() or settings.LANGUAGE_CODE
    return language if language in PRIORITY_WORDS else settings.LANGUAGE_CODE


def thread_index_url(language=None, request=None):
    """The address of the live `MunicipalityIndexPage` in `language` (default:
    the active one), or None: read once per request and language (and kept
    by the fragment cache until content changes)."""
    language = _language(language)
    memo = getattr(request, "_thread_index_urls", None) if request is not None else None
    if memo is not None and language in memo:
        return memo[language]

    def compute():
        index = (
            MunicipalityIndexPage.objects.live()
            .filter(locale__language_code=language)
            .values("pk", "url_path")
            .first()
        )
        return page_url(index["pk"], index["url_path"], None) if index else None

    url = cached(("scorecards:thread-index", language), compute)
    if request is not None:
        if memo is None:
            memo = request._thread_index_urls = {}
        memo[language] = url
    return url


def municipality_url(municipality, language=None, request=None):
    """The municipality page's address (`municipality`: a `Municipality` or
    its slug), or None while there is no municipality index page."""
    base = thread_index_url(language, request)
    slug = getattr(municipality, "slug", municipality)
    return f"{base}{slug}/" if base and slug else None


def priority_url(priority, language=None, request=None, municipality_slug=None):
    """The priority page's address (`priority`: the source-language row).
    Without `municipality_slug` it is read from the row's
    `municipality_slug` annotation, else `priority.contract.municipality`
    (select it with the priorities to make no query per row)."""
    slug = (
        municipality_slug
        or getattr(priority, "municipality_slug", None)
        or priority.contract.municipality.slug
    )
    base = municipality_url(slug, language, request)
    return f"{base}{PRIORITY_WORDS[_language(language)]}/{priority.pk}/" if base else None


def page_sections(hook_name, request, row):
    """The sections other apps add (see the module docstring), by order."""
    sections = [
        section for fn in hooks.get_hooks(hook_name) if (section := fn(request, row)) is not None
    ]
    return sorted(sections, key=lambda section: section["order"])


def public_contracts():
    """Contracts whose page is public: the consultation has a date, or the
    contract is finalised (a draft is not public)."""
    return SocialContract.objects.filter(Q(opens_at__isnull=False) | Q(finalised_at__isnull=False))


class MunicipalityIndexPage(RoutablePageMixin, Page):
    """The municipalities, each with its permanent page (one thread from the
    citizens' consultation to the mandate's results) and each priority of
    its finalised contracts with its own page: the addresses people share."""

    intro = RichTextField(
        _("introduction"),
        blank=True,
        help_text=_("What a municipality's page shows, in a few lines."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["cms_pages.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "scorecards/thread/municipality_index_page.html"

    class Meta:
        verbose_name = _("municipalities index")

    # -- the index -------------------------------------------------------------

    def municipalities(self, request):
        """The index's list: every municipality, by name in the reader's
        language (read for the index only, not for the pages under it)."""
        return [
            {"name": row.localized_name, "url": f"{self.get_url(request)}{row.slug}/"}
            for row in Municipality.objects.source().localized("name").order_by("localized_name")
        ]

    @path("")
    def index_view(self, request):
        return self.render(
            request, context_overrides={"municipalities": self.municipalities(request)}
        )

    # -- the municipality page ------------------------------------------------

    def _remember_address(self, request):
        """This page is the index: its address needs no query to know."""
        memo = getattr(request, "_thread_index_urls", None)
        if memo is None:
            memo = request._thread_index_urls = {}
        memo[_language()] = self.get_url(request)

    def _municipality(self, slug, **annotations):
        municipality = (
            Municipality.objects.source()
            .filter(slug=slug)
            .localized("name")
            .annotate(**annotations)
            .first()
        )
        if municipality is None:
            raise Http404
        return municipality

    @path("<slug:slug>/", name="municipality")
    def municipality_view(self, request, slug):
        # With its scorecard page's id and address (subqueries): one query.
        scorecard_pages = (
            MunicipalityScorecardPage.objects.live()
            .filter(municipality=OuterRef("pk"), locale__language_code=_language())
            .order_by("path")
        )
        municipality = self._municipality(
            slug,
            scorecard_page_pk=Subquery(scorecard_pages.values("pk")[:1]),
            scorecard_page_path=Subquery(scorecard_pages.values("url_path")[:1]),
        )
        self._remember_address(request)
        kept = kept_body(
            request,
            ("scorecards:municipality-page", self.pk, municipality.pk, timezone.localdate()),
            "scorecards/thread/municipality_body.html",
            lambda: {
                "page": self,
                "self": self,
                **self.municipality_context(request, municipality),
            },
        )
        return self.render(
            request,
            template="scorecards/thread/municipality_page.html",
            context_overrides={
                **self.municipality_head(request, municipality),
                "body": fill(request, kept),
            },
        )

    def municipality_head(self, request, municipality):
        """What the municipality page shows around its kept content (its
        title, the follow form, the social meta): no query."""
        return {
            "municipality": municipality,
            "name": municipality.localized_name,
            "thread_url": municipality_url(municipality, request=request),
            "meta_description": gettext(
                "%(name)s: its mayor's promises, the Social Contracts, the candidates and "
                "what was done, priority by priority."
            )
            % {"name": municipality.localized_name},
        }

    def municipality_context(self, request, municipality):
        """Everything the municipality page shows, in a fixed number of
        queries whatever the number of elections, priorities, assessments
        (`municipality` as `municipality_view` reads it, with its scorecard
        page's `scorecard_page_pk` and `scorecard_page_path`)."""
        language = _language()
        today = timezone.localdate()
        # Each contract with its page's id and address (subqueries).
        contract_pages = (
            ConsultationPage.objects.live()
            .filter(contract=OuterRef("pk"), locale__language_code=language)
            .order_by("-path")
        )
        contracts = list(
            public_contracts()
            .filter(municipality=municipality)
            .select_related("election")
            .localized("election__name")
            .annotate(
                page_pk=Subquery(contract_pages.values("pk")[:1]),
                page_path=Subquery(contract_pages.values("url_path")[:1]),
            )
            .order_by("-election__date")
        )
        forums = list(
            ForumPage.objects.live()
            .filter(municipality=municipality, locale__language_code=language)
            .order_by("-starts_at")
            .values("pk", "url_path", "title", "starts_at", "election_id")
        )
        candidacies = list(
            Candidacy.objects.confirmed()
            .filter(municipality=municipality)
            .select_related("party")
            .localized("party__name")
            .order_by("-won", "full_name")
        )
        endorsements = {
            (e.candidacy_id, e.contract_id): e
            for e in Endorsement.objects.live()
            .filter(contract__in=[c.pk for c in contracts])
            .order_by("signed_at")
        }
        finalised = [c for c in contracts if c.finalised_at is not None]
        cards = Assessment.objects.scorecards(
            monitored_priorities().filter(contract__in=[c.pk for c in finalised]), today
        )
        changes = list(
            Assessment.objects.changes()
            .for_municipality(municipality)
            .moved()
            .localized("priority__title")
            .annotate_municipality_slug()[:LATEST_CHANGES]
        )
        for change in changes:
            change.url = priority_url(
                change.priority, request=request, municipality_slug=municipality.slug
            )

        elections = []
        for contract in contracts:
            running = [c for c in candidacies if c.election_id == contract.election_id]
            for candidacy in running:
                candidacy.endorsement = endorsements.get((candidacy.pk, contract.pk))
            elections.append(
                {
                    "contract": contract,
                    "contract_url": page_url(contract.page_pk, contract.page_path, request),
                    "phase": contract.get_phase_display(),
                    "forums": [
                        {**f, "url": page_url(f["pk"], f["url_path"], request)}
                        for f in forums
                        if f["election_id"] == contract.election_id
                    ],
                    "candidacies": running,
                    "winner": next((c for c in running if c.won), None),
                    "offers_url": self.offers_url(municipality, contract),
                    "card": cards.get(contract.pk, Scorecard()) if contract.finalised_at else None,
                }
            )
        held = [e for e in elections if e["contract"].election.date <= today and e["winner"]]
        mayor = held[0] if held else None
        return {
            "municipality": municipality,
            "name": municipality.localized_name,
            "elections": elections,
            "mayor": mayor["winner"] if mayor else None,
            "mayor_election": mayor,
            "changes": changes,
            "scorecard_url": page_url(
                municipality.scorecard_page_pk, municipality.scorecard_page_path, request
            ),
            "news": list(
                NewsPage.objects.live()
                .filter(
                    locale__language_code=language,
                    municipalities__translation_key=municipality.translation_key,
                )
                .distinct()
                .order_by("-date", "-pk")[:LATEST_NEWS]
            ),
            "partners": list(
                PartnerOrganisation.objects.source()
                .filter(municipality=municipality)
                .localized("name", "short_description")
            ),
            "sections": page_sections(MUNICIPALITY_SECTIONS_HOOK, request, municipality),
            **self.municipality_head(request, municipality),
        }

    @staticmethod
    def offers_url(municipality, contract):
        """The candidates' offers side by side, once the contract is final."""
        if contract.finalised_at is None:
            return None
        return reverse("forums:side_by_side", args=[municipality.slug, contract.election.date.year])

    # -- the priority page ----------------------------------------------------

    @staticmethod
    def _priority(slug, pk):
        """The monitored priority `pk` of the municipality `slug` (or None),
        as the priority page reads it (see `priority_view`): one query."""
        contract_pages = ConsultationPage.objects.live().filter(
            contract=OuterRef("contract"), locale__language_code=_language()
        )
        return (
            monitored_priorities()
            .filter(pk=pk, contract__municipality__slug=slug)
            .select_related("contract__election", "contract__municipality")
            .localized(
                "title", "description", "contract__election__name", "contract__municipality__name"
            )
            .annotate(
                contract_page_pk=Subquery(contract_pages.order_by("path").values("pk")[:1]),
                contract_page_path=Subquery(contract_pages.order_by("path").values("url_path")[:1]),
            )
            .first()
        )

    @re_path(r"^(?P<slug>[-\w]+)/(?P<word>[a-z]+)/(?P<pk>[0-9]+)/$", name="priority")
    def priority_view(self, request, slug, word, pk):
        if word not in PRIORITY_WORDS.values():
            raise Http404
        # The priority, its municipality (the source row, with its name in
        # the reader's language) and its contract's page: one query, kept
        # for every reader until anything changes (its counts included).
        priority = kept_for_all(
            ("scorecards:priority", self.pk, int(pk), slug, _language()),
            lambda: self._priority(slug, pk),
        )
        if priority is None:
            raise Http404
        municipality = priority.contract.municipality
        municipality.localized_name = priority.localized_contract_municipality_name
        self._remember_address(request)
        expected = PRIORITY_WORDS[_language()]
        if word != expected:
            return redirect(priority_url(priority, request=request, municipality_slug=slug))
        head = self.priority_head(request, municipality, priority)
        kept = kept_body(
            request,
            ("scorecards:priority-page", self.pk, priority.pk, timezone.localdate()),
            "scorecards/thread/priority_body.html",
            lambda: {
                "page": self,
                "self": self,
                **self.priority_context(request, municipality, priority),
            },
            extra=lambda context: {"meta_description": context["meta_description"]},
        )
        # What citizens said, the same for every reader: kept until anything
        # changes (a support or a comment included).
        participation = kept_for_all(
            (
                "scorecards:priority-participation",
                self.pk,
                priority.pk,
                _language(),
                request.get_host(),
            ),
            lambda: render_to_string(
                "scorecards/thread/priority_participation.html",
                self.priority_participation(request, priority),
            ),
        )
        return self.render(
            request,
            template="scorecards/thread/priority_page.html",
            context_overrides={
                **head,
                "meta_description": kept["meta_description"],
                "body": fill(request, kept, {"participation": participation}),
            },
        )

    @staticmethod
    def priority_links(request, priority):
        """The addresses of the priority's contract page and of its
        discussion there (None without the page): no query."""
        if priority.contract_page_pk is None:
            return {"contract_url": None, "discussion_url": None}
        contract_page = ConsultationPage(
            pk=priority.contract_page_pk, url_path=priority.contract_page_path
        )
        contract_url = contract_page.get_url(request)
        return {
            "contract_url": contract_url,
            "discussion_url": contract_url
            + contract_page.reverse_subpage("discussion", args=[priority.pk]),
        }

    def priority_participation(self, request, priority):
        """What citizens said: kept under the generation every change renews,
        supports and comments included (`consultations.kept`), not with the
        page's kept content, which they do not retire; one query."""
        # The most discussed first: the visible top-level comments with the
        # most visible replies, then the newest.
        comments = list(
            Comment.objects.visible()
            .filter(priority=priority, parent__isnull=True)
            .select_related("author")
            .annotate(reply_count=Count("replies", filter=Q(replies__state=CommentState.VISIBLE)))
            .order_by("-reply_count", "-created_at", "-pk")[:TOP_COMMENTS]
        )
        return {
            "priority": priority,
            "comments": comments,
            "discussion_url": self.priority_links(request, priority)["discussion_url"],
        }

    def priority_head(self, request, municipality, priority):
        """What the priority page shows around its kept content: no query."""
        title = priority.localized_title
        name = municipality.localized_name
        return {
            "municipality": municipality,
            "name": name,
            "priority": priority,
            "title": title,
            "municipality_url": municipality_url(municipality, request=request),
            "thread_url": priority_url(
                priority, request=request, municipality_slug=municipality.slug
            ),
            "share_title": f"{title} – {name}",
        }

    def priority_context(self, request, municipality, priority):
        """The priority's journey but what citizens said (see
        `priority_participation`), in order: a fixed number of queries."""
        contract = priority.contract
        signatories = Endorsement.objects.signatories(contract)
        candidates = []
        for endorsement in signatories["signed"]:
            entry = next((p for p in endorsement.positions if p.get("priority") == priority.pk), {})
            candidates.append(
                {
                    "candidacy": endorsement.candidacy,
                    "endorsement": endorsement,
                    "stance": entry.get("stance", ""),
                    "stance_label": _stance_label(entry.get("stance", "")),
                    "statement": entry.get("statement", ""),
                }
            )
        for candidacy in signatories["not_signed"]:
            candidates.append({"candidacy": candidacy, "endorsement": None})
        mayor = next((c for c in candidates if c["candidacy"].won), None)
        history = priority_history(priority, request)
        current = history[0] if history else None
        current_label = current.get_status_display() if current else NOT_YET_ASSESSED_LABEL
        title = priority.localized_title
        name = municipality.localized_name
        if current:
            status_words = gettext("Status on %(date)s: %(status)s.") % {
                "date": _date(current.as_of),
                "status": current_label,
            }
        else:
            status_words = gettext("Status: not yet assessed.")
        description = f"{title} ({name}, {priority.localized_contract_election_name}). " + (
            status_words
        )
        return {
            **self.priority_head(request, municipality, priority),
            **self.priority_links(request, priority),
            "contract": contract,
            "candidates": candidates,
            "withdrawn": signatories["withdrawn"],
            "mayor": mayor,
            "offers_url": self.offers_url(municipality, contract),
            "history": history,
            "current": current,
            "current_label": current_label,
            "status_words": status_words,
            "sections": page_sections(PRIORITY_SECTIONS_HOOK, request, priority),
            "meta_description": plain_text(description),
        }

    # -- the feed ---------------------------------------------------------------

    @path("<slug:slug>/feed/rss/", name="rss")
    def rss_view(self, request, slug):
        return MunicipalityRssFeed()(request, index=self, municipality=self._municipality(slug))

    @path("<slug:slug>/feed/atom/", name="atom")
    def atom_view(self, request, slug):
        return MunicipalityAtomFeed()(request, index=self, municipality=self._municipality(slug))

    def municipality_path(self, municipality):
        return self.url + self.reverse_subpage("municipality", args=[municipality.slug])

    def feed_entries(self, request, municipality):
        """The municipality's changes for its feeds, newest first: each
        `{"title", "description", "url", "date", "guid"}`; four queries."""
        language = _language()
        self._remember_address(request)
        entries = []
        for change in (
            Assessment.objects.changes()
            .for_municipality(municipality)
            .localized("priority__title")
            .select_related("priority")[:FEED_LENGTH]
        ):
            entries.append(
                {
                    "title": gettext("%(priority)s: %(old)s → %(new)s")
                    % {
                        "priority": change.localized_priority_title,
                        "old": change.previous_status_label,
                        "new": change.get_status_display(),
                    },
                    "description": plain_text(change.evidence, 400),
                    "url": priority_url(
                        change.priority, request=request, municipality_slug=municipality.slug
                    ),
                    "date": change.published_at,
                    "guid": f"assessment-{change.pk}",
                }
            )
        finalised = list(
            SocialContract.objects.filter(municipality=municipality, finalised_at__isnull=False)
            .localized("election__name")
            .order_by("-finalised_at")[:FEED_LENGTH]
        )
        contract_pages = {
            row["contract_id"]: page_url(row["pk"], row["url_path"], request)
            for row in ConsultationPage.objects.live()
            .filter(contract__in=[c.pk for c in finalised], locale__language_code=language)
            .values("pk", "url_path", "contract_id")
        }
        for contract in finalised:
            entries.append(
                {
                    "title": gettext("The Social Contract for %(election)s is final")
                    % {"election": contract.localized_election_name},
                    "description": gettext(
                        "The priorities that entered the contract are the ones candidates "
                        "sign and monitors follow."
                    ),
                    "url": contract_pages.get(contract.pk) or self.municipality_path(municipality),
                    "date": contract.finalised_at,
                    "guid": f"contract-{contract.pk}",
                }
            )
        for forum in (
            ForumPage.objects.live()
            .filter(municipality=municipality, locale__language_code=language)
            .order_by("-first_published_at")
            .values("pk", "url_path", "title", "starts_at", "first_published_at")[:FEED_LENGTH]
        ):
            entries.append(
                {
                    "title": gettext("Public forum announced: %(title)s") % forum,
                    "description": gettext("On %(date)s.")
                    % {
                        "date": date_format(
                            timezone.localtime(forum["starts_at"]), "DATETIME_FORMAT"
                        )
                    },
                    "url": page_url(forum["pk"], forum["url_path"], request),
                    "date": forum["first_published_at"] or forum["starts_at"],
                    "guid": f"forum-{forum['pk']}",
                }
            )
        entries.sort(key=lambda entry: entry["date"], reverse=True)
        return entries

    # -- the sitemap ----------------------------------------------------------

    def get_sitemap_urls(self, request=None):
        base = self.get_full_url(request)
        if not base:
            return []
        word = PRIORITY_WORDS.get(self.locale.language_code, PRIORITY_WORDS["sq"])
        urls = [{"location": base, "lastmod": self.last_published_at}]
        slugs = dict(Municipality.objects.source().values_list("pk", "slug"))
        urls.extend({"location": f"{base}{slug}/"} for slug in sorted(slugs.values()))
        for pk, municipality_id in (
            monitored_priorities()
            .order_by("contract__municipality__slug", "contract__election__date", "order", "pk")
            .values_list("pk", "contract__municipality_id")
        ):
            urls.append({"location": f"{base}{slugs[municipality_id]}/{word}/{pk}/"})
        return urls


def _stance_label(stance):
    return Stance(stance).label if stance in Stance.values else ""


def _date(day):
    return date_format(day, "DATE_FORMAT")


__all__ = [
    "MUNICIPALITY_SECTIONS_HOOK",
    "PRIORITY_SECTIONS_HOOK",
    "PRIORITY_WORDS",
    "MunicipalityIndexPage",
    "municipality_url",
    "priority_url",
    "thread_index_url",
]
