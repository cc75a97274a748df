"""Settings shared by every environment. Values come from the environment."""

import os
from pathlib import Path

import dj_database_url

from django.utils.translation import gettext_lazy as _

SITE_DIR = Path(__file__).resolve().parent.parent.parent  # site/
BASE_DIR = SITE_DIR.parent  # the project folder


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Project apps, in lifecycle order (each may use those before it, never after).
    # The demo content (`demo`) and the benchmark (`bench`) are added only by
    # the settings that use them: dev and test (demo), bench (both).
    "accounts",
    "cms_pages",
    "consultations",
    "forums",
    "scorecards",
    "pagecache",
    "operations",
    # Wagtail and wagtail-localize
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales
    "wagtail.contrib.forms",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "cms_pages.wagtail_apps.RedirectsAppConfig",  # wagtail.contrib.redirects, without the v3 API
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "accounts.apps.UsersAppConfig",  # wagtail.users with our user forms
    "cms_pages.wagtail_apps.SnippetsAppConfig",  # wagtail.snippets, without the v3 API
    "cms_pages.wagtail_apps.DocumentsAppConfig",  # wagtail.documents, without the v3 API
    "cms_pages.wagtail_apps.ImagesAppConfig",  # wagtail.images, without the v3 API
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # The open-data API's docs page: ninja's bundled Swagger UI files
    # (without the app, ninja would load them from a CDN).
    "ninja",
    # Accounts
    "allauth",
    "allauth.account",
    # Background work
    "django_q",
    # Django
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",  # the sitemap.xml template (cms_pages.views)
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before WhiteNoise and the page cache: static files and cached pages
    # carry the policies too.
    "config.middleware.ContentSecurityPolicyMiddleware",
    "config.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before sessions: a cached anonymous page is served without them.
    "pagecache.middleware.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "config.middleware.StaffAdminLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Wagtail's routing kept under the structure generation (page cache on).
    "pagecache.routing.RouteCacheMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SITE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

# Database: DATABASE_URL, else SQLite in the project folder.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web process and the django-q2 worker write to the same file:
    # write-ahead log, immediate transactions and a busy timeout avoid
    # "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
# Django's and allauth's, each loading the account with whether its address
# is verified (accounts.backends).
AUTHENTICATION_BACKENDS = [
    "accounts.backends.ModelBackend",
    "accounts.backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Cache: Redis when REDIS_URL is set (shared by every process, which allauth's
# rate limits need in production); otherwise local memory.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "config.cache.ReusedClientRedisCache",
            "LOCATION": REDIS_URL,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# The anonymous page cache (pagecache): seconds a public page may be served
# from the cache to visitors who are not signed in; 0 turns it off. Any change
# to what pages show retires every cached page at once, so this only bounds
# what changes with the clock (a consultation opening at its hour).
# It needs a cache shared by every process: production turns it on with Redis.
POP_PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "0"))
POP_PAGE_CACHE_EXCLUDED_PATHS = ("/admin/", "/documents/", "/accounts/")
# The site chrome (menu, footer, partners, language links) kept per generation
# with the same switch, for signed-in visitors and uncached pages too: a
# `cached(key_parts, compute)` callable that cms_pages calls (empty: computed
# on every page).
POP_FRAGMENT_CACHE = "pagecache.fragments.cached"

# Languages: Albanian first and default, English second.
LANGUAGE_CODE = "sq"
LANGUAGES = [("sq", _("Albanian")), ("en", _("English"))]
# Our own catalogue first so it wins; then the Albanian catalogues of the
# packages we do not own (locale/upstream/<name>/), which makemessages never touches.
LOCALE_PATHS = [BASE_DIR / "locale", *sorted((BASE_DIR / "locale" / "upstream").glob("*"))]
TIME_ZONE = "Europe/Tirane"
USE_I18N = True
USE_TZ = True
# Our own date formats (config/formats/sq: "23 dhjetor 2026, ora 17:00").
FORMAT_MODULE_PATH = ["config.formats"]

WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# The admin is Albanian by default (LANGUAGE_CODE) with the catalogues in
# locale/upstream; each person may choose English in their account page.
WAGTAILADMIN_PERMITTED_LANGUAGES = [("sq", "Shqip"), ("en", "English")]

# Static and media files
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [SITE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Wagtail
WAGTAIL_SITE_NAME = "Rrjeti POP"
WAGTAILADMIN_BASE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
WAGTAILIMAGES_IMAGE_MODEL = "cms_pages.CustomImage"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Accents folded, no stemming: see cms_pages' migration 0006_search_configuration
    # (Albanian word forms are made at query time: cms_pages.search).
    WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] = "pop_search"
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# The admin signs in through allauth (verified e-mail, rate limits).
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_RESET_ENABLED = False  # allauth resets passwords
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:profile"
# Content Security Policy (django-csp), enforced. Public pages: nothing
# inline, nothing from elsewhere but the video players embeds show.
# /admin/ gets POP_ADMIN_CONTENT_SECURITY_POLICY instead (config.middleware):
# Wagtail's admin writes style attributes and frames its own previews.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        # Embed blocks (wagtail.embeds) show these players; embeds that need
        # a provider's script (posts) show their plain-link fallback.
        "frame-src": [
            "https://www.youtube.com",
            "https://www.youtube-nocookie.com",
            "https://player.vimeo.com",
        ],
        "media-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
POP_ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        # Wagtail 8's own templates (date widgets, inline panels, filters) and
        # wagtail-localize's editors write inline scripts, without nonces.
        # Still no eval, and nothing from another origin.
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "media-src": ["'self'", "blob:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        # The page editor shows its live preview in a frame of its own.
        "frame-ancestors": ["'self'"],
    }
}
# Features no page of ours uses, refused to the page and every frame in it.
POP_PERMISSIONS_POLICY = {
    "accelerometer": "()",
    "camera": "()",
    "display-capture": "()",
    "geolocation": "()",
    "gyroscope": "()",
    "hid": "()",
    "magnetometer": "()",
    "microphone": "()",
    "midi": "()",
    "payment": "()",
    "serial": "()",
    "usb": "()",
    "xr-spatial-tracking": "()",
    "browsing-topics": "()",
}
# Wagtail's admin would ask third parties from staff browsers: Gravatar for
# avatars (the staff's e-mail hashes) and releases.wagtail.org for updates.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False

# Wagtail's own background tasks (reference index, file clean-up) run through
# the django-tasks backport. There is no django-tasks backend for django-q2, so
# they run immediately, in the process that triggers them: they are small and
# only editors trigger them. wagtail-localize's jobs likewise.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
WAGTAILLOCALIZE_JOBS = {"BACKEND": "wagtail_localize.tasks.ImmediateBackend"}

# django-allauth: e-mail and password, verified e-mail required.
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {"signup": "accounts.forms.SignupForm"}
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
# A signed-in citizen sent to the admin sign-in must see the form, not loop.
ACCOUNT_AUTHENTICATED_LOGIN_REDIRECTS = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Rrjeti POP] "
# Behind a reverse proxy every request comes from the proxy's address: the
# visitor's is read from X-Forwarded-For, believing only as many entries (from
# the right) as there are proxies of ours (nginx in front of gunicorn: 1).
# allauth's rate limits and ours (cms_pages.client) read it the same way.
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
# Failed sign-ins are limited per address only, not per account: a per-account
# limit lets anyone lock a member of staff out by failing on their e-mail
# address from elsewhere (README, Decisions).
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "5/300s/ip",
    "signup": "10/m/ip",
    "reset_password": "10/m/ip,3/m/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/180s/key",
}

# E-mail: every message is queued and sent by the django-q2 worker.
EMAIL_BACKEND = "accounts.mail.QueuedEmailBackend"
POP_EMAIL_DELIVERY_BACKEND = os.environ.get(
    "EMAIL_DELIVERY_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Rrjeti POP <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# django-q2: the ORM broker by default (no extra server), Redis with REDIS_URL.
# `timeout` must stay below `retry`.
Q_CLUSTER = {
    "name": "pop",
    "workers": int(os.environ.get("Q_WORKERS", "2")),
    "timeout": 90,
    "retry": 120,
    "max_attempts": 3,
    "catch_up": False,
    "label": "Background tasks",
    # Task history: the last 100 successes at most (and none older than
    # POP_QUEUE_HISTORY_SECONDS, purged hourly). Task arguments are ids.
    "save_limit": 100,
    # A failed task stays queued on the ORM broker and is tried again (up to
    # max_attempts): tasks that compose e-mail may safely run twice, the
    # outbox keeps one message per event. E-mail delivery itself never fails
    # a task: the outbox retries it (accounts.tasks).
    "ack_failures": False,
}
if REDIS_URL:
    Q_CLUSTER["redis"] = REDIS_URL
else:
    Q_CLUSTER["orm"] = "default"
# The outbox (README, "E-mail delivery"): a claimed message is handed back
# when its worker has not finished within the task timeout and a margin;
# failed tries back off up to an hour, and stop after this many.
POP_OUTBOX_LEASE_SECONDS = Q_CLUSTER["timeout"] + 30
POP_OUTBOX_MAX_ATTEMPTS = 8
# How cms_pages (which imports no other app) queues a task that composes
# e-mail: a durable job in the outbox, written in the caller's transaction.
POP_ENQUEUE_EMAIL_COMPOSITION = "accounts.mail.enqueue_composition"
# How long sent outbox rows (addresses only) and finished tasks are kept.
POP_QUEUE_HISTORY_SECONDS = 24 * 3600

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# A finalised Social Contract's PDFs (scorecards.report_tasks) are rewritten
# by the worker after each signature, withdrawal or finalisation.
POP_CONTRACT_DOCUMENTS = True
