from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumsConfig(AppConfig):
    name = "forums"
    verbose_name = _("Forums and candidates")

    def ready(self):
        from . import (
            question_signals,  # noqa: F401 - questions' receivers
            signals,  # noqa: F401 - connects the accounts receivers
        )
