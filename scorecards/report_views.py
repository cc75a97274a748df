"""Public addresses of the documents the worker wrote: a programme's latest
annual report as a printable page and its PDF and XLSX, and a finalised
contract's PDFs, each in the reader's language. Nothing is computed here."""

from django.conf import settings
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils.translation import get_language

from wagtail.models import Locale

from cms_pages.models import ProgrammePage

from .models import ContractDocument, ContractDocumentKind, ProgrammeReport
from .reports import report_context

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _language():
    return get_language() or settings.LANGUAGE_CODE


def _programme_and_report(slug):
    """The programme page (in the reader's language) with this slug and the
    latest finished report of its source page; 404 without one."""
    language = _language()
    page = (
        ProgrammePage.objects.live().filter(slug=slug, locale__language_code=language).first()
        or ProgrammePage.objects.live().filter(slug=slug).first()
    )
    if page is None:
        raise Http404
    source = page.get_translation_or_none(Locale.get_default()) or page
    report = ProgrammeReport.objects.latest_done_for(source)
    if report is None:
        raise Http404
    return page.get_translation_or_none(Locale.get_active()) or page, report


def _opened(stored):
    """The stored file, open; 404 if the storage has lost it."""
    try:
        return stored.open("rb")
    except FileNotFoundError:
        raise Http404 from None


def report_page(request, slug):
    programme, report = _programme_and_report(slug)
    context = report_context(report, programme)
    context.update(
        {
            "language": _language(),
            "pdf_url": f"{request.path}report.pdf" if report.file_for("pdf", _language()) else None,
            "xlsx_url": (
                f"{request.path}report.xlsx" if report.file_for("xlsx", _language()) else None
            ),
        }
    )
    return render(request, "scorecards/reports/report_page.html", context)


def report_file(request, slug, fmt):
    programme, report = _programme_and_report(slug)
    stored = report.file_for(fmt, _language())
    if not stored:
        raise Http404
    name = f"{programme.slug}-{report.period_end:%Y}-{_language()}.{fmt}"
    return FileResponse(
        _opened(stored),
        content_type=CONTENT_TYPES[fmt],
        as_attachment=fmt == "xlsx",
        filename=name,
    )


def contract_document(request, contract_id, kind):
    if kind not in ContractDocumentKind.values:
        raise Http404
    document = (
        ContractDocument.objects.ready()
        .filter(contract_id=contract_id, kind=kind, language=_language())
        .select_related("contract__municipality", "contract__election")
        .first()
    )
    if document is None:
        raise Http404
    contract = document.contract
    name = f"{contract.municipality.slug}-{contract.election.date:%Y}-{kind}-{_language()}.pdf"
    return FileResponse(_opened(document.file), content_type="application/pdf", filename=name)
