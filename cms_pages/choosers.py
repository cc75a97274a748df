"""Choosers that list each translatable record once.

Records point at the source-language row of a translatable snippet
(`TranslatableQuerySet.source()`): a chooser or a list of choices that
offered every locale's row would list each municipality twice ("Durrës,
Durrës") and let an editor pick a translation. The snippet viewsets of
translatable models use `SourceLocaleChooserViewSet`."""

from django.conf import settings

from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView, SnippetChooserViewSet


class SourceRowsMixin:
    """Only the source-language rows; no locale filter or column, since
    there is one locale to show."""

    i18n_enabled = False

    def get_object_list(self):
        return super().get_object_list().filter(locale__language_code=settings.LANGUAGE_CODE)


class SourceChooseView(SourceRowsMixin, ChooseView):
    pass


class SourceChooseResultsView(SourceRowsMixin, ChooseResultsView):
    pass


class SourceLocaleChooserViewSet(SnippetChooserViewSet):
    choose_view_class = SourceChooseView
    choose_results_view_class = SourceChooseResultsView
