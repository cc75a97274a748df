from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumsConfig(AppConfig):
    name = "forums"
    verbose_name = _("Forums and candidates")

    def ready(self):
        from . import following  # noqa: F401 - tells followers of signatures and forums
        from .candidates import signals as candidates_signals  # noqa: F401 - accounts receivers
        from .events import signals as events_signals  # noqa: F401 - questions' receivers
