from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CmsPagesConfig(AppConfig):
    name = "cms_pages"
    verbose_name = _("Pages and reference data")

    def ready(self):
        from .locales import synchronise_locales

        post_migrate.connect(synchronise_locales, sender=self)
