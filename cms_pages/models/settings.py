"""Site-wide choices editors make in Wagtail's settings."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.snippets.blocks import SnippetChooserBlock

from ..blocks import SocialLinkBlock
from .snippets import FooterText


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    """Site-wide choices editors make: the pages that hold the terms of use
    and the privacy notice (sign-up asks for consent to both), and what the
    footer shows. Texts are chosen snippets, so they are translated."""

    terms_page = models.ForeignKey(
        Page,
        verbose_name=_("terms of use page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Linked from the sign-up form's consent box."),
    )
    privacy_page = models.ForeignKey(
        Page,
        verbose_name=_("privacy notice page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Linked from the sign-up form's consent box."),
    )
    footer_text = models.ForeignKey(
        FooterText,
        verbose_name=_("footer text"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown at the foot of every page, in the visitor's language."),
    )
    contact_address = models.TextField(
        _("contact address"),
        blank=True,
        help_text=_("The postal address, each part on its own line."),
    )
    contact_email = models.EmailField(
        _("contact e-mail"), blank=True, help_text=_("Shown in the footer.")
    )
    social_links = StreamField(
        [("link", SocialLinkBlock())],
        blank=True,
        verbose_name=_("social links"),
        help_text=_("The network's pages on social networks, in the order shown."),
    )
    funders = StreamField(
        [
            (
                "funder",
                SnippetChooserBlock(
                    "cms_pages.Funder", label=pgettext_lazy("block type", "Funder")
                ),
            )
        ],
        blank=True,
        verbose_name=_("funders"),
        help_text=_("Credited with their logos in the footer, in this order."),
    )

    panels = [
        MultiFieldPanel([FieldPanel("terms_page"), FieldPanel("privacy_page")], heading=_("Legal")),
        MultiFieldPanel(
            [
                FieldPanel("footer_text"),
                FieldPanel("contact_address"),
                FieldPanel("contact_email"),
                FieldPanel("social_links"),
                FieldPanel("funders"),
            ],
            heading=_("Footer"),
        ),
    ]

    class Meta:
        verbose_name = _("site settings")

    def funder_ids(self):
        """The chosen funders' ids, in order, without loading them."""
        return [block["value"] for block in self.funders.raw_data if block.get("value")]
