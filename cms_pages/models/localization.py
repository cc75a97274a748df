"""One way to show a translatable row in the visitor's language.

Participation records, foreign keys and lists point at the source-language
(Albanian) rows; what a page, the API or a download shows of them is the text
of the row in the reader's language that shares their `translation_key`,
falling back to the source text where nobody has translated it yet.

`localized()` adds that text to every row of a queryset as an annotation, in
the same query (one correlated subquery per field and language, none at all
for the source language), so no page pays a query per row:

    Priority.objects.localized("title", "description", "sector__name")
    # each row: .localized_title, .localized_description, .localized_sector_name

    Municipality.objects.localized("name", language="en")
    # each row: .localized_name_en (a language asked for by name is in the name)

Any model's QuerySet can offer it (an Assessment reads its priority's title
through `priority__title`); the models that are translatable themselves use
`TranslatableQuerySet`, which adds `source()`.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, OuterRef, Subquery, Value
from django.db.models.constants import LOOKUP_SEP
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import get_language


def active_language():
    """The language the current request (or activation) reads in."""
    return get_language() or settings.LANGUAGE_CODE


def localized_name(path, language=None):
    """The attribute `localized()` sets for `path` (and an explicit language)."""
    name = "localized_" + path.replace(LOOKUP_SEP, "_")
    return f"{name}_{language}" if language else name


def localized_expression(model, path, language):
    """The expression for `path` (a field of `model`, or of a model reached
    through foreign keys) in `language`: the translated row's value where it
    exists and is not empty, the row's own value otherwise."""
    *relations, field = path.split(LOOKUP_SEP)
    target = model
    for relation in relations:
        target = target._meta.get_field(relation).related_model
    if language == settings.LANGUAGE_CODE:
        return F(path)
    key = LOOKUP_SEP.join([*relations, "translation_key"])
    translated = (
        target._default_manager.filter(
            translation_key=OuterRef(key), locale__language_code=language
        )
        .order_by()
        .values(field)[:1]
    )
    output_field = target._meta.get_field(field)
    return Coalesce(
        NullIf(Subquery(translated, output_field=output_field), Value("")),
        F(path),
        output_field=output_field,
    )


class LocalizedQuerySet(models.QuerySet):
    """A QuerySet that can read translatable fields in a language."""

    def localized(self, *paths, language=None):
        """Annotate `localized_<path>` for each path in the active language,
        or `localized_<path>_<language>` for a language asked for by name."""
        read_in = language or active_language()
        return self.annotate(
            **{
                localized_name(path, language): localized_expression(self.model, path, read_in)
                for path in paths
            }
        )

    def localized_in_every_language(self, *paths):
        """`localized()` for every language of the site at once (the open
        data shows all of them); read them back with `texts_by_language`."""
        queryset = self
        for code, _name in settings.LANGUAGES:
            queryset = queryset.localized(*paths, language=code)
        return queryset


def texts_by_language(obj, path):
    """`{language: text}` of a row annotated by `localized_in_every_language`."""
    return {code: getattr(obj, localized_name(path, code)) for code, _name in settings.LANGUAGES}


class TranslatableQuerySet(LocalizedQuerySet):
    """The QuerySet of a translatable model (`TranslatableMixin`)."""

    def source(self):
        """The rows in the default language: the ones other records point at."""
        return self.filter(locale__language_code=settings.LANGUAGE_CODE)

    def localized_names(self):
        """`{translation_key: name}` of the source rows in the active language
        (for choices and labels); one query."""
        return dict(
            self.source().localized("name").values_list("translation_key", "localized_name")
        )
