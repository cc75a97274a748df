"""The network's reference data and the site's image model.

Municipalities, partner organisations and elections are the spine every other
app points at; they are translatable snippets so their names read naturally in
both languages, while every record elsewhere points at the Albanian row.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.images.models import AbstractImage, AbstractRendition, Image
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from .localization import TranslatableQuerySet


class CustomImage(AbstractImage):
    """The site's image model, customised from the first migration so that a
    photo credit (required by most partner photographers) never needs a
    costly swap later."""

    credit = models.CharField(
        _("credit"),
        max_length=255,
        blank=True,
        help_text=_("Photographer or source, shown with the image where it is used."),
    )

    admin_form_fields = (*Image.admin_form_fields, "credit")

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")


class CustomRendition(AbstractRendition):
    """Resized copies of `CustomImage`."""

    image = models.ForeignKey(CustomImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


class Municipality(TranslatableMixin, index.Indexed, models.Model):
    """One of the network's municipalities: the unit of every Social Contract,
    forum and scorecard."""

    name = models.CharField(_("name"), max_length=100, help_text=_("For example: Durrës."))
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        help_text=_("Used in addresses and open data; the same in every language."),
    )

    objects = TranslatableQuerySet.as_manager()

    panels = [FieldPanel("name"), FieldPanel("slug")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    translatable_fields = [TranslatableField("name"), SynchronizedField("slug")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["slug", "locale"], name="unique_municipality_slug_per_locale"
            )
        ]

    def __str__(self):
        return self.name


class PartnerOrganisation(TranslatableMixin, index.Indexed, models.Model):
    """A civil-society organisation of the network, rooted in one municipality;
    its staff are the monitors there."""

    name = models.CharField(_("name"), max_length=200)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="partner_organisations",
        limit_choices_to={"locale__language_code": settings.LANGUAGE_CODE},
        help_text=_("Where the organisation works."),
    )
    website = models.URLField(_("website"), blank=True)
    logo = models.ForeignKey(
        CustomImage,
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    short_description = models.TextField(
        _("short description"),
        blank=True,
        max_length=500,
        help_text=_("Two or three sentences about the organisation."),
    )

    objects = TranslatableQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("municipality"),
        FieldPanel("website"),
        FieldPanel("logo"),
        FieldPanel("short_description"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("short_description"),
        index.FilterField("municipality"),
    ]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("short_description"),
        SynchronizedField("municipality"),
        SynchronizedField("website"),
        SynchronizedField("logo"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Election(TranslatableMixin, index.Indexed, models.Model):
    """A local election: the date around which consultations, forums and the
    four years of monitoring are organised."""

    name = models.CharField(
        _("name"), max_length=150, help_text=_("For example: Local elections 2023.")
    )
    date = models.DateField(_("election day"))

    objects = TranslatableQuerySet.as_manager()

    panels = [FieldPanel("name"), FieldPanel("date")]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("date"),
    ]
    translatable_fields = [TranslatableField("name"), SynchronizedField("date")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("election")
        verbose_name_plural = _("elections")
        ordering = ["-date"]

    def __str__(self):
        return self.name


class Funder(TranslatableMixin, index.Indexed, models.Model):
    """An organisation that funds the network's work: credited in the footer
    (chosen in the site settings) and on the programme pages it supported."""

    name = models.CharField(_("name"), max_length=200)
    support_line = models.CharField(
        _("support line"),
        max_length=255,
        blank=True,
        help_text=_("How the support is credited, e.g. “with funds from the Swedish Government”."),
    )
    website = models.URLField(_("website"), blank=True)
    logo = models.ForeignKey(
        CustomImage,
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown in the footer; a wide logo on a light background works best."),
    )

    objects = TranslatableQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("support_line"),
        FieldPanel("website"),
        FieldPanel("logo"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("support_line"),
        SynchronizedField("website"),
        SynchronizedField("logo"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("funder")
        verbose_name_plural = _("funders")
        ordering = ["name"]

    def __str__(self):
        return self.name


class FooterText(TranslatableMixin, models.Model):
    """The short text at the foot of every page, chosen in the site settings;
    a snippet so that it is translated like everything else."""

    body = models.TextField(
        _("text"), max_length=600, help_text=_("One short paragraph, shown on every page.")
    )

    objects = TranslatableQuerySet.as_manager()

    panels = [FieldPanel("body")]
    translatable_fields = [TranslatableField("body")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("footer text")
        verbose_name_plural = _("footer texts")
        ordering = ["pk"]

    def __str__(self):
        return self.body[:60]
