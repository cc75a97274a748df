from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    """The anonymous page cache: invalidation is wired here, so changes made
    outside a web request (the django-q2 worker, the shell, commands) are
    seen too."""

    name = "pagecache"
    verbose_name = "Page cache"

    def ready(self):
        from . import invalidation

        invalidation.connect()
