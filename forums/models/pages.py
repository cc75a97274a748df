"""The public forum events: an index of upcoming and past forums, and one
page per forum where candidates meet citizens, present their offers and sign
the Social Contract. Translated with wagtail-localize: texts are translated,
dates, places and references to records are synchronised from Albanian.
Each page owns its context and its routes (the calendar file, asking and
upvoting questions); `forums.rules.questions` decides who may ask and upvote."""

import datetime

from django.conf import settings
from django.contrib import messages
from django.db import models
from django.db.models import OuterRef, Subquery
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.documents import get_document_model_string
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from cms_pages.blocks import ImageBlock
from cms_pages.models import Election, LocalizedQuerySet, Municipality, PartnerOrganisation
from cms_pages.models.pages import PAGE_TRANSLATABLE_FIELDS
from cms_pages.related import page_url
from consultations.models import ConsultationPage, Priority, SocialContract
from consultations.models.following import reader_state

from ..blocks import AgendaBlock
from ..rules import questions as question_rules
from ..rules.candidates import TIRANE
from .candidates import Candidacy
from .questions import Question, QuestionForm, Upvote
from .refusals import Refused

DEFAULT_LENGTH = datetime.timedelta(hours=2)


class ForumPageQuerySet(PageQuerySet, LocalizedQuerySet):
    """Forum pages, which can read their municipality's and election's names
    in the reader's language (`localized("municipality__name", …)`)."""


class ForumIndexPage(Page):
    """Lists the forums under it, upcoming first, then past ones; filterable
    by municipality and election."""

    intro = models.TextField(
        _("introduction"), blank=True, help_text=_("What the public forums are, in a few lines.")
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    translatable_fields = [*PAGE_TRANSLATABLE_FIELDS, TranslatableField("intro")]

    parent_page_types = ["cms_pages.HomePage"]
    subpage_types = ["forums.ForumPage"]
    max_count_per_parent = 1
    template = "forums/forum_index_page.html"

    class Meta:
        verbose_name = _("forums index")

    def forums(self):
        """The live forums under this index, with what their cards show (the
        municipality's and the election's names in the reader's language)."""
        return (
            ForumPage.objects.child_of(self)
            .live()
            .public()
            .select_related("municipality", "election")
            .localized("municipality__name", "election__name")
            .order_by("starts_at", "pk")
        )

    def get_context(self, request, *args, **kwargs):
        """Upcoming forums (soonest first) and past ones (latest first),
        filtered by municipality slug and election year."""
        context = super().get_context(request, *args, **kwargs)
        all_pages = list(self.forums())
        municipality = request.GET.get("municipality", "")
        year = request.GET.get("election", "")
        pages = all_pages
        if municipality:
            pages = [p for p in pages if p.municipality.slug == municipality]
        if year:
            pages = [p for p in pages if str(p.election.date.year) == year]
        now = timezone.now()
        context.update(
            {
                "upcoming_pages": [p for p in pages if p.is_upcoming(now)],
                "past_pages": sorted(
                    (p for p in pages if not p.is_upcoming(now)),
                    key=lambda p: p.starts_at,
                    reverse=True,
                ),
                "municipalities": sorted(
                    {(p.municipality.slug, p.localized_municipality_name) for p in all_pages},
                    key=lambda item: item[1],
                ),
                "elections": sorted(
                    {(str(p.election.date.year), p.localized_election_name) for p in all_pages},
                    reverse=True,
                ),
                "selected_municipality": municipality,
                "selected_election": year,
            }
        )
        return context


class ForumPage(RoutablePageMixin, Page):
    """One public forum before a local election: where and when, who
    organises and moderates it, its agenda, the candidates invited, the
    questions citizens send beforehand, and afterwards the recording,
    photos, outcome and the scanned signed contract."""

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="forum_pages",
        limit_choices_to={"locale__language_code": settings.LANGUAGE_CODE},
        help_text=_("The municipality whose candidates meet its citizens."),
    )
    election = models.ForeignKey(
        Election,
        verbose_name=_("election"),
        on_delete=models.PROTECT,
        related_name="forum_pages",
        limit_choices_to={"locale__language_code": settings.LANGUAGE_CODE},
        help_text=_("The local election the forum comes before."),
    )
    contract = models.ForeignKey(
        "consultations.SocialContract",
        verbose_name=_("social contract"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="forum_pages",
        help_text=_("The contract presented and signed at the forum, once finalised."),
    )
    starts_at = models.DateTimeField(
        _("starts at"), help_text=_("Date and time in Tirana's time zone.")
    )
    ends_at = models.DateTimeField(
        _("ends at"),
        null=True,
        blank=True,
        help_text=_("Leave empty if unknown: calendars then show two hours."),
    )
    venue = models.CharField(
        _("venue"), max_length=200, help_text=_("For example: the hall of the Palace of Culture.")
    )
    address = models.CharField(
        _("address"), max_length=300, blank=True, help_text=_("Street and number, if any.")
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        help_text=_("For the map link; leave empty to link a search for the address."),
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    partners = ParentalManyToManyField(
        PartnerOrganisation,
        blank=True,
        limit_choices_to={"locale__language_code": settings.LANGUAGE_CODE},
        related_name="+",
        verbose_name=_("organising partners"),
        help_text=_("The network's organisations that organise the forum."),
    )
    moderator_name = models.CharField(
        _("moderator"),
        max_length=150,
        blank=True,
        help_text=_("Who moderates the debate, with their role if useful."),
    )
    intro = models.TextField(
        _("introduction"), blank=True, help_text=_("One or two sentences about the forum.")
    )
    agenda = StreamField(AgendaBlock(), blank=True, verbose_name=_("agenda"))
    livestream_url = models.URLField(
        _("livestream link"), blank=True, help_text=_("Where to watch the forum live.")
    )
    recording_url = models.URLField(
        _("recording link"), blank=True, help_text=_("Where to watch it afterwards.")
    )
    gallery = StreamField([("image", ImageBlock())], blank=True, verbose_name=_("photo gallery"))
    outcome = RichTextField(
        _("outcome report"),
        blank=True,
        help_text=_("After the forum: what was said, promised and signed."),
    )
    signed_contract = models.ForeignKey(
        get_document_model_string(),
        verbose_name=_("signed contract (scan)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The scanned contract as signed at the forum."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("municipality"), FieldPanel("election"), FieldPanel("contract")],
            heading=_("What the forum is about"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                FieldPanel("venue"),
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("When and where"),
        ),
        FieldPanel("partners"),
        FieldPanel("moderator_name"),
        FieldPanel("agenda"),
        MultiFieldPanel(
            [
                FieldPanel("livestream_url"),
                FieldPanel("recording_url"),
                FieldPanel("gallery"),
                FieldPanel("outcome"),
                FieldPanel("signed_contract"),
            ],
            heading=_("During and after the forum"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("venue"),
        index.SearchField("outcome"),
        index.RelatedFields("municipality", [index.SearchField("name")]),
    ]
    translatable_fields = [
        *PAGE_TRANSLATABLE_FIELDS,
        TranslatableField("intro"),
        TranslatableField("venue"),
        TranslatableField("agenda"),
        TranslatableField("gallery"),
        TranslatableField("outcome"),
        SynchronizedField("address"),
        SynchronizedField("moderator_name"),
        SynchronizedField("municipality"),
        SynchronizedField("election"),
        SynchronizedField("contract"),
        SynchronizedField("starts_at"),
        SynchronizedField("ends_at"),
        SynchronizedField("latitude"),
        SynchronizedField("longitude"),
        SynchronizedField("partners"),
        SynchronizedField("livestream_url"),
        SynchronizedField("recording_url"),
        SynchronizedField("signed_contract"),
    ]

    objects = PageManager.from_queryset(ForumPageQuerySet)()

    parent_page_types = ["forums.ForumIndexPage"]
    subpage_types = []
    template = "forums/forum_page.html"

    class Meta:
        verbose_name = _("forum page")

    def finishes_at(self):
        return self.ends_at or self.starts_at + DEFAULT_LENGTH

    def is_upcoming(self, now=None):
        """Before the forum starts: citizens may still send questions."""
        return (now or timezone.now()) < self.starts_at

    def map_url(self):
        """A plain link to OpenStreetMap: nothing is loaded until followed."""
        if self.latitude is not None and self.longitude is not None:
            query = urlencode({"mlat": self.latitude, "mlon": self.longitude})
            return f"https://www.openstreetmap.org/?{query}#map=17/{self.latitude}/{self.longitude}"
        place = ", ".join(part for part in (self.address, self.municipality.name) if part)
        return f"https://www.openstreetmap.org/search?{urlencode({'query': place})}"

    def source_page(self):
        """The Albanian page: questions and upvotes always point at it."""
        if self.locale.language_code == settings.LANGUAGE_CODE:
            return self
        if not hasattr(self, "_source_page"):
            self._source_page = ForumPage.objects.select_related("locale").get(
                translation_key=self.translation_key, locale__language_code=settings.LANGUAGE_CODE
            )
        return self._source_page

    def load_localized_references(self):
        """Read the forum's municipality and election with their names in the
        reader's language (`localized_name`) in one query: the municipality's
        row, the election's fields as subqueries."""
        election = Election.objects.filter(pk=self.election_id).localized("name")
        names = [field.attname for field in Election._meta.concrete_fields]
        row = (
            Municipality.objects.localized("name")
            .annotate(
                **{
                    f"election__{name}": Subquery(election.values(name)[:1])
                    for name in [*names, "localized_name"]
                }
            )
            .get(pk=self.municipality_id)
        )
        self.election = Election.from_db(
            row._state.db, names, [getattr(row, f"election__{name}") for name in names]
        )
        self.election.localized_name = row.election__localized_name
        self.municipality = row

    def load_contract(self, request):
        """Read the forum's contract with the address of its page in the
        forum's language (None without one): one query."""
        if self.contract_id is None:
            return None
        pages = (
            ConsultationPage.objects.live()
            .filter(contract=OuterRef("pk"), locale_id=self.locale_id)
            .order_by("path")
        )
        self.contract = SocialContract.objects.annotate(
            page_pk=Subquery(pages.values("pk")[:1]),
            page_path=Subquery(pages.values("url_path")[:1]),
        ).get(pk=self.contract_id)
        return page_url(self.contract.page_pk, self.contract.page_path, request)

    def question_priorities(self):
        """The priorities a question may be about, titles in the reader's
        language: the contract's (only those in it, once it is finalised)."""
        if self.contract_id is None:
            return Priority.objects.none()
        priorities = Priority.objects.source().filter(contract_id=self.contract_id)
        if self.contract.finalised_at is not None:
            priorities = priorities.filter(in_contract=True)
        return priorities.order_by("order", "pk").localized("title")

    def localized_partners(self):
        """The organising partners, with their names in the reader's language."""
        partners = self.partners.all()
        if not isinstance(partners, LocalizedQuerySet):  # a preview: the partners in the form
            partners = PartnerOrganisation.objects.filter(pk__in=[p.pk for p in partners])
        return partners.localized("name")

    def get_context(self, request, *args, question_form=None, **kwargs):
        """What the page shows: the forum, its candidates, the top approved
        questions (those the reader upvoted marked), the reader's own
        questions waiting for moderation, and the form to ask one."""
        context = super().get_context(request, *args, **kwargs)
        user = request.user
        source = self.source_page()
        now = timezone.now()
        own = []
        if user.is_authenticated:
            # The reader's unread count, follows and verified address in one
            # query, before the rules below ask for the address.
            reader_state(request)
            own = list(Question.objects.waiting_of(source, user))
        questions = list(Question.objects.shown_on(source, reader=user))
        for question in questions:
            question.upvoted = getattr(question, "upvoted_by_reader", False)
            question.own = user.is_authenticated and question.author_id == user.pk
        self.load_localized_references()
        contract_url = self.load_contract(request)
        ask_decision = question_rules.can_ask(user, self, next_url=self.get_url(request), now=now)
        if question_form is None and ask_decision:
            question_form = QuestionForm(priorities=self.question_priorities())
        context.update(
            {
                "now": now,
                "is_upcoming": self.is_upcoming(now),
                "municipality_name": self.municipality.localized_name,
                "election_name": self.election.localized_name,
                "partners": [(p.localized_name, p.website) for p in self.localized_partners()],
                "candidates": list(
                    Candidacy.objects.confirmed()
                    .filter(municipality_id=self.municipality_id, election_id=self.election_id)
                    .localized("party__name")
                    .order_by("full_name")
                ),
                "side_by_side_url": reverse(
                    "forums:side_by_side",
                    kwargs={
                        "municipality": self.municipality.slug,
                        "year": self.election.date.year,
                    },
                ),
                "questions": questions,
                "own_questions": own,
                "contract_url": contract_url,
                "ask_decision": ask_decision,
                "question_form": question_form,
            }
        )
        return context

    def to_icalendar(self, request):
        """The forum as an iCalendar event, in Tirana's time zone."""
        import icalendar  # lazy: ~2 MiB per web worker, only for the calendar file

        url = request.build_absolute_uri(self.get_url(request))
        event = icalendar.Event()
        event.add("uid", f"forum-{self.source_page().pk}@{request.get_host()}")
        event.add("dtstamp", timezone.now())
        event.add("dtstart", timezone.localtime(self.starts_at, TIRANE))
        event.add("dtend", timezone.localtime(self.finishes_at(), TIRANE))
        event.add("summary", self.title)
        event.add("location", ", ".join(part for part in (self.venue, self.address) if part))
        event.add("description", "\n\n".join(part for part in (self.intro, url) if part))
        event.add("url", url)
        calendar = icalendar.Calendar()
        calendar.add("prodid", "-//Rrjeti POP//POP Platform//EN")
        calendar.add("version", "2.0")
        calendar.add_component(event)
        calendar.add_missing_timezones()
        return calendar.to_ical()

    # Routes: the page itself, its calendar file, asking and upvoting.

    @path("")
    def forum_view(self, request):
        return self.render(request)

    @path("calendar/", name="calendar")
    def calendar_view(self, request):
        response = HttpResponse(
            self.to_icalendar(request), content_type="text/calendar; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{self.slug}.ics"'
        return response

    def _back(self, request, anchor):
        return redirect(f"{self.get_url(request)}#{anchor}")

    def _refuse(self, request, decision, anchor):
        messages.error(request, decision.message)
        return self._back(request, anchor)

    def _form_again(self, request, form, message):
        """The page again with what the citizen typed and why it was refused."""
        messages.error(request, message)
        response = self.render(request, question_form=form)
        response.status_code = 400
        return response

    @path("questions/ask/", name="ask")
    def ask_view(self, request):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        decision = question_rules.can_ask(request.user, self, next_url=self.get_url(request))
        if not decision:
            return self._refuse(request, decision, "ask")
        form = QuestionForm(request.POST, priorities=self.question_priorities())
        if not form.is_valid():
            errors = "; ".join(e for errors in form.errors.values() for e in errors)
            return self._form_again(
                request,
                form,
                gettext("Your question was not sent: %(errors)s") % {"errors": errors},
            )
        try:
            Question.objects.ask(
                self, request.user, form.cleaned_data["text"], form.cleaned_data.get("priority")
            )
        except Refused as refused:
            return self._form_again(request, form, refused.message)
        messages.success(
            request, gettext("Thank you. Your question will appear once a moderator has read it.")
        )
        return self._back(request, "your-questions")

    @path("questions/<int:question_id>/upvote/", name="upvote")
    def upvote_view(self, request, question_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        question = get_object_or_404(Question, pk=question_id, forum=self.source_page())
        decision = question_rules.can_upvote(
            request.user, question, self, next_url=self.get_url(request)
        )
        if not decision:
            return self._refuse(request, decision, question.anchor)
        try:
            Upvote.objects.cast(question, request.user)
        except Refused as refused:
            messages.info(request, refused.message)
            return self._back(request, question.anchor)
        messages.success(request, gettext("You upvoted this question."))
        return self._back(request, question.anchor)

    @path("questions/<int:question_id>/upvote/withdraw/", name="withdraw_upvote")
    def withdraw_upvote_view(self, request, question_id):
        """Take back an upvote, while the forum still takes questions."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        question = get_object_or_404(Question, pk=question_id, forum=self.source_page())
        decision = question_rules.can_upvote(
            request.user, question, self, next_url=self.get_url(request)
        )
        if not decision:
            return self._refuse(request, decision, question.anchor)
        if Upvote.objects.withdraw(question, request.user):
            messages.success(request, gettext("You took back your upvote."))
        else:
            messages.info(request, gettext("You had not upvoted this question."))
        return self._back(request, question.anchor)
