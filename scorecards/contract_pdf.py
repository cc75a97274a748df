"""A finalised Social Contract as a document, in one language: its numbered
priorities, the date it was finalised, every candidate who signed it (name,
party, online or at the forum, date) with their position on each priority
as signed (the endorsement's snapshot, never today's positions), the
withdrawals, and a QR code to its public page; before the forum, the
signing sheet for the candidates present. What the documents show is read
here; the worker writes the PDFs (`scorecards.report_tasks`), and the
contract page links to them (`contract_section`)."""

import hashlib

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from consultations.models import ConsultationPage, SocialContract
from forums.models import Candidacy, Endorsement, ForumPage, Stance, contract_priorities

from .models import ContractDocument, ContractDocumentKind


def public_url(contract, language):
    """The address of the contract's public page in `language` (the site's
    address when it has none yet)."""
    page = (
        ConsultationPage.objects.live()
        .filter(contract=contract, locale__language_code=language)
        .first()
    )
    if page is None:
        return f"{settings.WAGTAILADMIN_BASE_URL}/{language}/"
    return page.get_full_url() or f"{settings.WAGTAILADMIN_BASE_URL}{page.url}"


def qr_data_uri(url):
    """A QR code of `url`, as a PNG data URI (embedded, never fetched)."""
    import segno  # noqa: PLC0415 - ~11 MiB, for the worker that draws the PDFs only

    return segno.make(url, error="m").png_data_uri(scale=6, border=2)


def upcoming_forum(contract, now=None):
    """The contract's next forum (source-language page), or None."""
    return (
        ForumPage.objects.live()
        .filter(
            contract=contract,
            locale__language_code=settings.LANGUAGE_CODE,
            starts_at__gte=now or timezone.now(),
        )
        .order_by("starts_at")
        .first()
    )


def contract_context(contract, language):
    """What the contract's document shows, in `language` (active)."""
    contract = (
        SocialContract.objects.localized("municipality__name", "election__name")
        .select_related("municipality", "election")
        .get(pk=contract.pk)
    )
    priorities = list(contract_priorities(contract).localized("title", "description"))
    numbers = {p.pk: n for n, p in enumerate(priorities, start=1)}
    stances = dict(Stance.choices)
    people = Endorsement.objects.signatories(contract)

    def as_signed(endorsement):
        snapshot = {row["priority"]: row for row in endorsement.positions or []}
        return [
            {
                "number": numbers[p.pk],
                "stance": stances.get((snapshot.get(p.pk) or {}).get("stance"), "–"),
                "statement": (snapshot.get(p.pk) or {}).get("statement", ""),
            }
            for p in priorities
        ]

    for endorsement in [*people["signed"], *people["withdrawn"]]:
        endorsement.as_signed = as_signed(endorsement)
    url = public_url(contract, language)
    return {
        "contract": contract,
        "language": language,
        "priorities": priorities,
        "signed": people["signed"],
        "withdrawn": people["withdrawn"],
        "url": url,
        "qr": qr_data_uri(url),
    }


def sheet_context(contract, language, forum):
    """The signing sheet: the confirmed candidates, a line each to sign."""
    context = contract_context(contract, language)
    context["forum"] = forum
    context["candidates"] = list(
        Candidacy.objects.confirmed()
        .for_contract(contract)
        .select_related("party")
        .localized("party__name")
        .order_by("full_name")
    )
    return context


def fingerprint(context):
    """What a document shows, in short: rewritten only when it changes."""
    parts = [
        str(context["contract"].finalised_at),
        context["url"],
        *(f"{p.pk}:{p.localized_title}" for p in context["priorities"]),
        *(f"{e.pk}:{e.signed_at}:{e.withdrawn_at}" for e in context["signed"]),
        *(f"{e.pk}:{e.signed_at}:{e.withdrawn_at}" for e in context["withdrawn"]),
        *(f"c{c.pk}:{c.full_name}:{c.party_id}" for c in context.get("candidates", [])),
        str(context.get("forum") and context["forum"].starts_at),
    ]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


def documents_to_write(contract, now=None):
    """`[(kind, language, template, context)]` for `contract`: the signed
    contract once finalised, in every language, and the signing sheet while
    a forum is ahead."""
    forum = upcoming_forum(contract, now)
    found = []
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            found.append(
                (
                    ContractDocumentKind.CONTRACT,
                    language,
                    "scorecards/contract_pdf/contract.html",
                    contract_context(contract, language),
                )
            )
            if forum is not None:
                found.append(
                    (
                        ContractDocumentKind.SIGNING_SHEET,
                        language,
                        "scorecards/contract_pdf/signing_sheet.html",
                        sheet_context(contract, language, forum),
                    )
                )
    return found


def render_html(template, context, language):
    with translation.override(language):
        return render_to_string(template, context)


def contract_section(request, page, contract):
    """On a finalised contract's page: the link to its PDF in the page's
    language (or that it is being prepared), and the signing sheet while a
    forum is ahead. One query."""
    if contract.finalised_at is None:
        return ""
    language = translation.get_language() or settings.LANGUAGE_CODE
    documents = ContractDocument.objects.for_contract(contract, language)
    return render_to_string(
        "scorecards/contract_pdf/section.html",
        {
            "contract": contract,
            "document": documents.get(ContractDocumentKind.CONTRACT),
            "sheet": documents.get(ContractDocumentKind.SIGNING_SHEET),
        },
        request,
    )
