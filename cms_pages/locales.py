"""Keeps the English page tree in step with the Albanian one after migrate.

The data migrations create both Wagtail locales and tell wagtail-localize to
synchronise `en` from `sq`; wagtail-localize only copies pages created in the
admin, so after every migrate any Albanian page without an English
counterpart gets an alias (which translators later turn into a translation).
"""

from django.conf import settings


def synchronise_locales(**kwargs):
    from wagtail.models import Locale
    from wagtail_localize.models import LocaleSynchronization
    from wagtail_localize.synctree import synchronize_tree

    source = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
    if source is None:
        return
    for sync in LocaleSynchronization.objects.filter(sync_from=source).select_related("locale"):
        synchronize_tree(source, sync.locale)
