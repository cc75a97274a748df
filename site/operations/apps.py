from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """What operators run on the site as a whole: one backup of the database
    and the uploaded media, and its restore (`backup_site`, `restore_site`)."""

    name = "operations"
    verbose_name = "Operations"
