"""The editorial page types: home, standard pages, news, programmes and
partners. The contact form page is in `forms.py`.

Every page type exists in Albanian and English (wagtail-localize): text is
translated, slugs are synchronised (translators may override them), and
references to snippets point at the Albanian rows, shown by their localized
names.
"""

import datetime

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from ..blocks import BodyBlock, ObjectiveBlock
from ..feeds import NewsAtomFeed, NewsRssFeed
from .snippets import CustomImage, Funder, Municipality, PartnerOrganisation

NEWS_PER_PAGE = 12

# What every page type translates: its title and search texts; the slug is
# copied from Albanian unless a translator gives the page its own.
PAGE_TRANSLATABLE_FIELDS = [
    TranslatableField("title"),
    TranslatableField("seo_title"),
    TranslatableField("search_description"),
    SynchronizedField("slug", overridable=True),
]


def image_field(help_text):
    return models.ForeignKey(
        CustomImage,
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=help_text,
    )


def active_locale():
    """The Wagtail locale of the active language (Albanian if unknown)."""
    try:
        return Locale.get_active()
    except Locale.DoesNotExist:
        return Locale.objects.get(language_code=settings.LANGUAGE_CODE)


class HomePage(Page):
    """The root of the public site in each language. Besides its hero it
    shows the sections other apps provide through the `home_page_sections`
    hook (see `cms_pages.templatetags.home_tags`).

    Its children are not restricted here: the other apps' index pages go
    under the home page and say so with their own `parent_page_types`.
    """

    lead = models.TextField(
        _("lead"), blank=True, help_text=_("One or two sentences under the title.")
    )
    image = image_field(_("The hero image, also shown when the site is shared."))
    body = RichTextField(_("body"), blank=True, help_text=_("Introductory text."))

    content_panels = [
        *Page.content_panels,
        FieldPanel("lead"),
        FieldPanel("image"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("lead"), index.SearchField("body")]
    translatable_fields = [
        *PAGE_TRANSLATABLE_FIELDS,
        TranslatableField("lead"),
        TranslatableField("body"),
        SynchronizedField("image"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1
    template = "cms_pages/home_page.html"

    class Meta:
        verbose_name = _("home page")


class StandardPage(Page):
    """A page of text: about the network, the POP method, terms, privacy."""

    intro = models.TextField(
        _("introduction"), blank=True, help_text=_("A sentence or two shown under the title.")
    )
    image = image_field(_("Shown at the top of the page and when it is shared."))
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    translatable_fields = [
        *PAGE_TRANSLATABLE_FIELDS,
        TranslatableField("intro"),
        TranslatableField("body"),
        SynchronizedField("image"),
    ]

    parent_page_types = ["cms_pages.HomePage", "cms_pages.StandardPage"]
    subpage_types = ["cms_pages.StandardPage"]
    template = "cms_pages/standard_page.html"

    class Meta:
        verbose_name = _("standard page")


class NewsIndexPage(RoutablePageMixin, Page):
    """The list of news in one language, filtered by municipality or tag,
    with its RSS and Atom feeds."""

    intro = models.TextField(
        _("introduction"), blank=True, help_text=_("A sentence shown above the news.")
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    translatable_fields = [*PAGE_TRANSLATABLE_FIELDS, TranslatableField("intro")]

    parent_page_types = ["cms_pages.HomePage"]
    subpage_types = ["cms_pages.NewsPage"]
    max_count_per_parent = 1
    template = "cms_pages/news_index_page.html"

    class Meta:
        verbose_name = _("news index")

    def news(self):
        """The live news under this index, newest first."""
        return (
            NewsPage.objects.child_of(self)
            .live()
            .public()
            .select_related("image")
            .order_by("-date", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        news = self.news()
        municipality = request.GET.get("municipality", "")
        tag = request.GET.get("tag", "")
        if municipality:
            news = news.filter(municipalities__slug=municipality)
        if tag:
            news = news.filter(tags__slug=tag)
        paginator = Paginator(news.prefetch_related("image__renditions", "tags"), NEWS_PER_PAGE)
        try:
            news_page = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            news_page = paginator.page(1)
        except EmptyPage:
            news_page = paginator.page(paginator.num_pages)
        context.update(
            news_page=news_page,
            municipality=municipality,
            tag=tag,
            # Each municipality's slug and name in the reader's language: one query.
            municipality_choices=list(
                Municipality.objects.source()
                .localized("name")
                .values_list("slug", "localized_name")
            ),
        )
        return context

    @path("")
    def index(self, request):
        return self.render(request)

    @path("feed/rss/", name="rss")
    def rss_feed(self, request):
        return NewsRssFeed()(request, index=self)

    @path("feed/atom/", name="atom")
    def atom_feed(self, request):
        return NewsAtomFeed()(request, index=self)


class NewsPageTag(TaggedItemBase):
    """The tags of a news page (shared by both languages)."""

    content_object = ParentalKey(
        "cms_pages.NewsPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class NewsPage(Page):
    """A news item: an event, a result, a publication."""

    date = models.DateField(
        _("date"), default=datetime.date.today, help_text=_("The date the news is about.")
    )
    lead = models.TextField(
        _("lead"), max_length=400, help_text=_("One or two sentences: shown in lists and feeds.")
    )
    image = image_field(_("Shown at the top, in lists and when the news is shared."))
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    tags = ClusterTaggableManager(
        through=NewsPageTag, blank=True, help_text=_("A few words that group related news.")
    )
    municipalities = ParentalManyToManyField(
        Municipality,
        blank=True,
        limit_choices_to={"locale__language_code": settings.LANGUAGE_CODE},
        related_name="+",
        verbose_name=_("municipalities"),
        help_text=_("The municipalities the news concerns, if any."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("lead"),
        FieldPanel("image"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("tags"), FieldPanel("municipalities")], heading=_("Classification")
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("lead"), index.SearchField("body")]
    translatable_fields = [
        *PAGE_TRANSLATABLE_FIELDS,
        TranslatableField("lead"),
        TranslatableField("body"),
        SynchronizedField("date"),
        SynchronizedField("image"),
        SynchronizedField("tags"),
        SynchronizedField("municipalities"),
    ]

    parent_page_types = ["cms_pages.NewsIndexPage"]
    subpage_types = []
    template = "cms_pages/news_page.html"

    class Meta:
        verbose_name = _("news page")

    def municipality_names(self):
        names = dict(Municipality.objects.localized_names())
        return [names.get(item.translation_key, item.name) for item in self.municipalities.all()]


class ProgrammeIndexPage(Page):
    """The network's programmes, one child page per programme year."""

    intro = models.TextField(
        _("introduction"), blank=True, help_text=_("What the programmes have in common.")
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    translatable_fields = [*PAGE_TRANSLATABLE_FIELDS, TranslatableField("intro")]

    parent_page_types = ["cms_pages.HomePage"]
    subpage_types = ["cms_pages.ProgrammePage"]
    max_count_per_parent = 1
    template = "cms_pages/programme_index_page.html"

    class Meta:
        verbose_name = _("programme index")

    def programmes(self):
        return ProgrammePage.objects.child_of(self).live().public().order_by("-start_date")


class ProgrammePage(Page):
    """One programme year (POP 2019 … POP 2024): what it set out to do,
    for whom, where, and who funded it."""

    short_name = models.CharField(
        _("short name"), max_length=40, help_text=_("As the network calls it, e.g. POP 2022.")
    )
    start_date = models.DateField(_("start"), help_text=_("When the programme began."))
    end_date = models.DateField(_("end"), help_text=_("When the programme ended or will end."))
    intro = models.TextField(_("introduction"), help_text=_("What the programme was about."))
    image = image_field(_("Shown at the top of the page and when it is shared."))
    overall_objective = models.TextField(
        _("overall objective"), help_text=_("The programme's general aim, in one sentence.")
    )
    objectives = StreamField(
        [("objective", ObjectiveBlock())],
        blank=True,
        verbose_name=_("specific objectives"),
        help_text=_("In the programme document's order, each with its code."),
    )
    target_groups = models.TextField(
        _("target groups"), blank=True, help_text=_("One group per line.")
    )
    municipalities = ParentalManyToManyField(
        Municipality,
        blank=True,
        limit_choices_to={"locale__language_code": settings.LANGUAGE_CODE},
        related_name="+",
        verbose_name=_("municipalities covered"),
        help_text=_("Where the programme worked."),
    )
    funders = ParentalManyToManyField(
        Funder,
        blank=True,
        limit_choices_to={"locale__language_code": settings.LANGUAGE_CODE},
        related_name="+",
        verbose_name=_("funders"),
        help_text=_("Who supported the programme."),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("more about the programme"))

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("short_name"), FieldPanel("start_date"), FieldPanel("end_date")],
            heading=_("Programme"),
        ),
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldPanel("overall_objective"),
        FieldPanel("objectives"),
        FieldPanel("target_groups"),
        FieldPanel("municipalities"),
        FieldPanel("funders"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("short_name"),
        index.SearchField("intro"),
        index.SearchField("overall_objective"),
        index.SearchField("objectives"),
        index.SearchField("body"),
    ]
    translatable_fields = [
        *PAGE_TRANSLATABLE_FIELDS,
        TranslatableField("short_name"),
        TranslatableField("intro"),
        TranslatableField("overall_objective"),
        TranslatableField("objectives"),
        TranslatableField("target_groups"),
        TranslatableField("body"),
        SynchronizedField("start_date"),
        SynchronizedField("end_date"),
        SynchronizedField("image"),
        SynchronizedField("municipalities"),
        SynchronizedField("funders"),
    ]

    parent_page_types = ["cms_pages.ProgrammeIndexPage"]
    subpage_types = []
    template = "cms_pages/programme_page.html"

    class Meta:
        verbose_name = _("programme page")

    def target_group_list(self):
        return [line.strip(" •-") for line in self.target_groups.splitlines() if line.strip()]

    def municipality_names(self):
        names = dict(Municipality.objects.localized_names())
        return sorted(
            (names.get(item.translation_key, item.name) for item in self.municipalities.all()),
            key=str.casefold,
        )

    def localized_funders(self):
        """The funders in the active language, each falling back to its own row."""
        chosen = list(self.funders.all())
        keys = [funder.translation_key for funder in chosen]
        translated = {
            funder.translation_key: funder
            for funder in Funder.objects.filter(translation_key__in=keys, locale=active_locale())
        }
        return [translated.get(funder.translation_key, funder) for funder in chosen]


class PartnersPage(Page):
    """The network's partner organisations, grouped by municipality."""

    intro = models.TextField(
        _("introduction"), blank=True, help_text=_("A sentence about the network's members.")
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    translatable_fields = [*PAGE_TRANSLATABLE_FIELDS, TranslatableField("intro")]

    parent_page_types = ["cms_pages.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "cms_pages/partners_page.html"

    class Meta:
        verbose_name = _("partners page")

    def partners_by_municipality(self):
        """`[(municipality name, [partner, …]), …]` in the active language,
        each partner falling back to its Albanian row."""
        rows = (
            PartnerOrganisation.objects.source()
            .localized("name", "short_description", "municipality__name")
            .select_related("logo")
            .prefetch_related("logo__renditions")
        )
        groups = {}
        for partner in rows:
            groups.setdefault(partner.localized_municipality_name, []).append(partner)
        return [
            (place, sorted(partners, key=lambda partner: partner.localized_name.casefold()))
            for place, partners in sorted(groups.items(), key=lambda item: item[0].casefold())
        ]
