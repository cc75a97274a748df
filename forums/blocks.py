"""The blocks of a forum page: its agenda, item by item."""

import datetime

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wagtail import blocks


class AgendaItemBlock(blocks.StructBlock):
    """One moment of the forum: when, what, and who speaks."""

    time = blocks.TimeBlock(
        label=_("time"), required=False, help_text=_("Local time (Tirana), if known.")
    )
    title = blocks.CharBlock(label=_("item"), max_length=150)
    speakers = blocks.CharBlock(
        label=_("speakers"),
        max_length=200,
        required=False,
        help_text=_("Who speaks or leads this part, if anyone in particular."),
    )
    description = blocks.TextBlock(label=_("description"), required=False)

    class Meta:
        label = pgettext_lazy("block type", "Agenda item")
        icon = "time"
        template = "forums/components/agenda_item_block.html"
        preview_value = {
            "time": datetime.time(10, 0),
            "title": "Prezantimi i Kontratës Sociale",
            "speakers": "Rrjeti POP",
            "description": "",
        }
        description = _("One item of the forum's agenda.")


class AgendaBlock(blocks.StreamBlock):
    item = AgendaItemBlock()

    class Meta:
        template = "forums/components/agenda_block.html"
