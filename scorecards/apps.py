from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScorecardsConfig(AppConfig):
    name = "scorecards"
    verbose_name = _("Scorecards")

    def ready(self):
        from . import (
            notifications,  # noqa: F401 - tells followers of published assessments
            personal_data,  # noqa: F401 - respondents' part of export and deletion
            replies_signals,  # noqa: F401 - the right of reply's receivers
            report_signals,  # noqa: F401 - the reports' and contract documents' receivers
        )
