"""The public forum events: an index of upcoming and past forums, and one
page per forum where candidates meet citizens, present their offers and sign
the Social Contract. Translated with wagtail-localize: texts are translated,
dates, places and references to records are synchronised from Albanian."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.documents import get_document_model_string
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from cms_pages.blocks import ImageBlock
from cms_pages.models import Election, Municipality, PartnerOrganisation
from cms_pages.models.pages import PAGE_TRANSLATABLE_FIELDS

from ..blocks import AgendaBlock

DEFAULT_LENGTH = datetime.timedelta(hours=2)


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
        """The live forums under this index, with what their cards show."""
        return (
            ForumPage.objects.child_of(self)
            .live()
            .public()
            .select_related("municipality", "election")
            .order_by("starts_at", "pk")
        )

    def get_context(self, request, *args, **kwargs):
        from ..forum_views import index_context

        context = super().get_context(request, *args, **kwargs)
        context.update(index_context(request, self))
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
        return ForumPage.objects.get(
            translation_key=self.translation_key, locale__language_code=settings.LANGUAGE_CODE
        )

    def get_context(self, request, *args, **kwargs):
        from ..forum_views import forum_context

        context = super().get_context(request, *args, **kwargs)
        context.update(forum_context(request, self))
        return context

    # Sub-views: thin routes into forums.forum_views.
    @path("")
    def forum_view(self, request):
        return self.render(request)

    @path("calendar/", name="calendar")
    def calendar_view(self, request):
        from .. import forum_views

        return forum_views.calendar(request, self)

    @path("questions/ask/", name="ask")
    def ask_view(self, request):
        from .. import forum_views

        return forum_views.ask(request, self)

    @path("questions/<int:question_id>/upvote/", name="upvote")
    def upvote_view(self, request, question_id):
        from .. import forum_views

        return forum_views.upvote(request, self, question_id)
