"""Public addresses of the annual reports and the contracts' PDFs (inside
the language prefix: /sq/reports/pop-2023/, /en/reports/pop-2023/)."""

from django.urls import path, re_path

from . import report_views

urlpatterns = [
    path("reports/<slug:slug>/", report_views.report_page, name="scorecards_report"),
    re_path(
        r"^reports/(?P<slug>[-a-zA-Z0-9_]+)/report\.(?P<fmt>pdf|xlsx)$",
        report_views.report_file,
        name="scorecards_report_file",
    ),
    path(
        "contracts/<int:contract_id>/<slug:kind>.pdf",
        report_views.contract_document,
        name="scorecards_contract_pdf",
    ),
]
