from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from accounts.views import admin_login_redirect
from cms_pages import views as cms_views
from scorecards.api import api as opendata_api

# Outside the language prefix: the staff admin and documents.
urlpatterns = [
    # Staff sign in through allauth (verified e-mail, rate limits), never
    # through Wagtail's own form.
    path("admin/login/", admin_login_redirect, name="wagtailadmin_login"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", cms_views.sitemap, name="sitemap"),
    path("robots.txt", cms_views.robots_txt, name="robots_txt"),
    # The open-data JSON API: one address for every language.
    path("api/v1/", opendata_api.urls),
]

# Public pages carry the language: /sq/…, /en/…; "/" redirects by the browser.
urlpatterns += i18n_patterns(
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("search/", cms_views.search, name="search"),
    path("consultations/", include("consultations.urls")),
    path("candidates/", include("forums.urls")),
    path("open-data/scorecards/", include("scorecards.urls")),
    path("respondents/", include("scorecards.replies_urls")),
    path("", include("scorecards.report_urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
