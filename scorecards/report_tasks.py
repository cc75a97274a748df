"""The documents the django-q2 worker writes (never inside a request): the
annual report of a programme (figures, then a PDF and an XLSX in each
language) and a Social Contract's PDFs. WeasyPrint is imported here only,
so the site starts even on a machine without its system libraries
(libpango, see the Makefile's `pdf-libs`)."""

import logging

from weasyprint import CSS, HTML

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from cms_pages.models import ProgrammePage
from consultations.models import SocialContract

from . import contract_pdf, indicators, reports
from .models import ContractDocument, ProgrammeReport, ReportState

logger = logging.getLogger(__name__)


def pdf_bytes(html):
    """`html` as a PDF, with the reports' print stylesheet."""
    stylesheet = CSS(filename=finders.find("scorecards/reports.css"))
    return HTML(string=html, base_url=settings.WAGTAILADMIN_BASE_URL).write_pdf(
        stylesheets=[stylesheet]
    )


def programme_in(programme, language):
    """The programme page in `language` (the source page if not translated)."""
    return (
        ProgrammePage.objects.filter(
            translation_key=programme.translation_key, locale__language_code=language
        ).first()
        or programme
    )


def generate_report(report_id):
    """Compute the figures of a queued report, then write its files; the
    report's state and progress say how far it got (`failed` with the error
    if anything goes wrong)."""
    report = ProgrammeReport.objects.select_related("programme").filter(pk=report_id).first()
    if report is None or report.state != ReportState.QUEUED:
        return None
    report.advance(5)
    try:
        report.figures = indicators.compute(
            report.period_start, report.period_end, progress=report.advance
        )
        report.finished_at = timezone.now()
        languages = [code for code, _name in settings.LANGUAGES]
        for n, language in enumerate(languages):
            with translation.override(language):
                programme = programme_in(report.programme, language)
                context = {**reports.report_context(report, programme), "language": language}
                html = render_to_string("scorecards/reports/report_pdf.html", context)
                name = f"{report.programme.slug}-{report.period_end:%Y}-{language}"
                report.file_for("pdf", language).save(
                    f"{name}.pdf", ContentFile(pdf_bytes(html)), save=False
                )
                report.file_for("xlsx", language).save(
                    f"{name}.xlsx", ContentFile(reports.report_xlsx(context)), save=False
                )
            report.advance(60 + 40 * (n + 1) // len(languages) - 1)
        report.state, report.progress = ReportState.DONE, 100
        report.save()
    except Exception as error:
        logger.exception("Report %s failed", report_id)
        ProgrammeReport.objects.filter(pk=report_id).update(
            state=ReportState.FAILED, error=str(error)[:2000], finished_at=timezone.now()
        )
        return None
    return report.pk


def render_contract_documents(contract_id):
    """(Re)write the PDFs of a finalised contract whose content changed
    (the signed contract in every language; the signing sheet while a
    forum is ahead); returns how many were written."""
    contract = SocialContract.objects.filter(pk=contract_id, finalised_at__isnull=False).first()
    if contract is None:
        return 0
    written = 0
    for kind, language, template, context in contract_pdf.documents_to_write(contract):
        print_ = contract_pdf.fingerprint(context)
        document, _created = ContractDocument.objects.get_or_create(
            contract=contract, kind=kind, language=language
        )
        if document.file and document.fingerprint == print_:
            ContractDocument.objects.filter(pk=document.pk).update(preparing=False)
            continue
        content = pdf_bytes(contract_pdf.render_html(template, context, language))
        name = f"{contract.municipality.slug}-{contract.election.date:%Y}-{kind}-{language}.pdf"
        with transaction.atomic():
            old = document.file.name if document.file else None
            document.file.save(name, ContentFile(content), save=False)
            document.fingerprint, document.preparing = print_, False
            document.save()
        if old and old != document.file.name:
            document.file.storage.delete(old)
        written += 1
    return written
