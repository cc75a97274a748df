"""The blocks editors compose page bodies from: one shared `BodyBlock`
reused by every page type with a body, and the small blocks of the
programme pages and the site settings."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("heading"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("level"),
        choices=[("h2", _("Section")), ("h3", _("Subsection"))],
        default="h2",
        help_text=_("Sections divide the page; subsections divide a section."),
    )

    class Meta:
        label = pgettext_lazy("block type", "Heading")
        icon = "title"
        template = "components/heading_block.html"
        preview_value = {"text": "Kontrata Sociale", "level": "h2"}
        description = _("A heading that divides the page into sections.")


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    alt_text = blocks.CharBlock(
        label=_("alternative text"),
        max_length=255,
        help_text=_("What the image shows, for readers who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("caption"), max_length=255, required=False)

    class Meta:
        label = pgettext_lazy("block type", "Image")
        icon = "image"
        template = "components/image_block.html"
        description = _("An image with its alternative text and an optional caption.")


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("quotation"))
    attribution = blocks.CharBlock(label=_("attribution"), max_length=150, required=False)

    class Meta:
        label = pgettext_lazy("block type", "Quote")
        icon = "openquote"
        template = "components/quote_block.html"
        preview_value = {"text": "Qytetarët vendosin.", "attribution": "Rrjeti POP"}
        description = _("A quotation, with who said it.")


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(
        label=_("link text"),
        max_length=150,
        required=False,
        help_text=_("Leave empty to use the document's title."),
    )

    class Meta:
        label = pgettext_lazy("block type", "Document")
        icon = "doc-full"
        template = "components/document_link_block.html"
        description = _("A link to download a document.")


class LinkStructValue(blocks.StructValue):
    """The call to action's address: the chosen page, else the external link."""

    def url(self):
        page = self.get("page")
        if page:
            return page.localized.url
        return self.get("external_url") or ""


class CallToActionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("text"), max_length=200)
    button_label = blocks.CharBlock(label=_("button label"), max_length=60)
    page = blocks.PageChooserBlock(
        label=_("page"), required=False, help_text=_("A page of this site…")
    )
    external_url = blocks.URLBlock(
        label=_("external address"), required=False, help_text=_("…or an address elsewhere.")
    )

    class Meta:
        label = pgettext_lazy("block type", "Call to action")
        icon = "pick"
        template = "components/call_to_action_block.html"
        value_class = LinkStructValue
        preview_value = {
            "text": "Shikoni kontratat sociale.",
            "button_label": "Kontratat",
            "external_url": "https://example.org/",
        }
        description = _("A sentence and a button leading to a page.")


class BodyBlock(blocks.StreamBlock):
    """The body of every editorial page."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=pgettext_lazy("block type", "Paragraph"),
        features=["bold", "italic", "link", "document-link", "ol", "ul"],
        icon="pilcrow",
        template="components/paragraph_block.html",
        preview_value="<p>Rrjeti POP monitoron premtimet e kandidatëve.</p>",
        description=_("Rich text: paragraphs, lists and links."),
    )
    image = ImageBlock()
    quote = QuoteBlock()
    embed = EmbedBlock(
        label=pgettext_lazy("block type", "Embedded media"),
        help_text=_("The address of a video or post, e.g. on YouTube."),
        icon="media",
        template="components/embed_block.html",
        description=_("A video or other media from another site."),
    )
    document = DocumentLinkBlock()
    call_to_action = CallToActionBlock()
    table = TableBlock(
        label=pgettext_lazy("block type", "Table"),
        template="components/table_block.html",
        description=_("A table of figures; the first row holds the column headings."),
    )


class ObjectiveBlock(blocks.StructBlock):
    code = blocks.CharBlock(
        label=_("code"), max_length=10, help_text=_("As in the programme document, e.g. SO1.")
    )
    text = blocks.TextBlock(label=_("objective"))

    class Meta:
        label = pgettext_lazy("block type", "Objective")
        icon = "tick"
        template = "components/objective_block.html"
        preview_value = {"code": "SO1", "text": "Zëri i qytetarëve forcohet."}
        description = _("A specific objective of the programme with its code.")


SOCIAL_NETWORKS = [
    ("facebook", "Facebook"),
    ("instagram", "Instagram"),
    ("x", "X"),
    ("youtube", "YouTube"),
    ("linkedin", "LinkedIn"),
]


class SocialLinkStructValue(blocks.StructValue):
    def label(self):
        return dict(SOCIAL_NETWORKS).get(self.get("network"), self.get("network"))


class SocialLinkBlock(blocks.StructBlock):
    network = blocks.ChoiceBlock(label=_("network"), choices=SOCIAL_NETWORKS)
    url = blocks.URLBlock(label=_("address"))

    class Meta:
        label = pgettext_lazy("block type", "Link")
        icon = "link"
        value_class = SocialLinkStructValue
        description = _("The network's page on a social network.")
