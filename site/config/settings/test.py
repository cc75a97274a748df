"""Test settings: fast and self-contained. Tasks and e-mails run synchronously."""

from .base import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "demo"]  # noqa: F405 - the demo content is tested too

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
POP_EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# django-q2 reads its configuration once, at import: sync is set here, not by
# override_settings.
Q_CLUSTER = {**Q_CLUSTER, "sync": True}  # noqa: F405
Q_CLUSTER.pop("redis", None)
Q_CLUSTER["orm"] = "default"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
WHITENOISE_AUTOREFRESH = True  # no collectstatic before tests
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
POP_SHOW_DEMO_PASSWORDS = False
# No proxy in front of the test client; tests that need one say so.
ALLAUTH_TRUSTED_PROXY_COUNT = 0
# The page cache is tested on its own (tests/config); elsewhere pages are fresh.
POP_PAGE_CACHE_SECONDS = 0
# The contracts' PDFs cost a WeasyPrint rendering per signature: only the
# tests of those documents turn them on (tests/scorecards/test_contract_pdf.py).
POP_CONTRACT_DOCUMENTS = False
