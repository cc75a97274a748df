"""Downloads of the scorecard tables (CSV and XLSX), in the page's language."""

from django.urls import re_path

from . import views

urlpatterns = [
    re_path(
        r"^network\.(?P<fmt>csv|xlsx)$",
        views.network_download,
        name="scorecards_download_network",
    ),
    re_path(
        r"^municipalities/(?P<slug>[-a-zA-Z0-9_]+)\.(?P<fmt>csv|xlsx)$",
        views.municipality_download,
        name="scorecards_download_municipality",
    ),
]
