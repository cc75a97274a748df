"""The contract's page among the pages about one municipality and election
(cms_pages' `register_related_pages` hook)."""

from django.db.models import Q, Subquery
from django.utils.translation import gettext

from wagtail import hooks

from cms_pages.related import RELATED_HOOK, RelatedLink, RelatedSource, page_url

from .models import ConsultationPage


def expressions(municipality, election, language):
    pages = (
        ConsultationPage.objects.live()
        .filter(
            contract__municipality=municipality,
            contract__election=election,
            locale__language_code=language,
        )
        # A draft contract's page is not public.
        .filter(Q(contract__opens_at__isnull=False) | Q(contract__finalised_at__isnull=False))
        .order_by("pk")
    )
    return {
        "consultation_page": Subquery(pages.values("pk")[:1]),
        "consultation_path": Subquery(pages.values("url_path")[:1]),
    }


def link(values, request):
    url = page_url(values["consultation_page"], values["consultation_path"], request)
    return RelatedLink(gettext("The Social Contract"), url) if url else None


@hooks.register(RELATED_HOOK)
def contract_page():
    return [RelatedSource(10, expressions, link)]
