"""What editors read in the admin's forms for our models is translatable:
the block types the StreamField chooser offers (named in Albanian), every
block's label and help text, and the panels' headings and help texts."""

import pytest

from django.apps import apps
from django.utils import translation
from django.utils.functional import Promise

from wagtail.admin.panels import get_edit_handler
from wagtail.blocks import StreamBlock
from wagtail.fields import StreamField

OUR_APPS = {"cms_pages", "consultations", "forums", "scorecards", "accounts"}


def our_models():
    return [model for model in apps.get_models() if model._meta.app_label in OUR_APPS]


def stream_fields():
    return [
        (f"{model.__name__}.{field.name}", field.stream_block)
        for model in our_models()
        for field in model._meta.get_fields()
        if isinstance(field, StreamField) and field.model is model
    ]


def blocks_in(block, path):
    yield path, block
    children = getattr(block, "child_blocks", {})
    for name, child in children.items():
        yield from blocks_in(child, f"{path}.{name}")
    if getattr(block, "child_block", None) is not None:
        yield from blocks_in(block.child_block, f"{path}.item")


def block_types():
    """Each (path, block) the StreamField block chooser lists."""
    return [
        (f"{path}.{name}", child)
        for field_path, stream in stream_fields()
        for path, block in blocks_in(stream, field_path)
        if isinstance(block, StreamBlock)
        for name, child in block.child_blocks.items()
    ]


def panels(panel):
    yield panel
    for child in getattr(panel, "children", []):
        yield from panels(child)


def in_language(text, language):
    with translation.override(language):
        return str(text)


def test_the_block_chooser_names_every_block_type_in_albanian():
    types = block_types()

    untranslated = [
        path
        for path, block in types
        if not isinstance(block.label, Promise)
        or in_language(block.label, "sq") == in_language(block.label, "en")
    ]

    assert len(types) >= 10
    assert untranslated == []


def test_every_block_label_and_help_text_is_translatable():
    labels = [
        (path, text)
        for field_path, stream in stream_fields()
        for path, block in blocks_in(stream, field_path)
        if path != field_path
        for text in (block.label, getattr(block.meta, "help_text", None))
        if text
    ]

    assert [(path, text) for path, text in labels if not isinstance(text, Promise)] == []


@pytest.mark.parametrize(
    "model",
    [m for m in our_models() if hasattr(m, "panels") or hasattr(m, "content_panels")],
    ids=lambda m: m.__name__,
)
def test_panel_headings_and_help_texts_are_translatable(model):
    handler = get_edit_handler(model)

    plain = [
        (type(panel).__name__, getattr(panel, "field_name", ""), text)
        for panel in panels(handler)
        for attribute in ("heading", "help_text")
        if attribute in panel.__dict__
        and (text := panel.__dict__[attribute])
        and not isinstance(text, Promise)
        and not (
            getattr(panel, "db_field", None) is not None
            and text in (panel.db_field.verbose_name, panel.db_field.help_text)
            and isinstance(
                getattr(panel.db_field, attribute if attribute == "help_text" else "verbose_name"),
                Promise,
            )
        )
    ]

    assert plain == []
