"""The scorecard among the pages about one municipality and election
(cms_pages' `register_related_pages` hook): offered once the election has
been held and its contract is finalised, open on that election."""

from django.db.models import Exists, Subquery
from django.utils import timezone
from django.utils.translation import gettext

from wagtail import hooks

from cms_pages.related import RELATED_HOOK, RelatedLink, RelatedSource, page_url
from consultations.models import SocialContract

from .models import MunicipalityScorecardPage


def expressions(municipality, election, language):
    pages = (
        MunicipalityScorecardPage.objects.live()
        .filter(municipality=municipality, locale__language_code=language)
        .order_by("pk")
    )
    monitored = SocialContract.objects.filter(
        municipality=municipality,
        election=election,
        finalised_at__isnull=False,
        election__date__lte=timezone.localdate(),
    )
    return {
        "scorecard_page": Subquery(pages.values("pk")[:1]),
        "scorecard_path": Subquery(pages.values("url_path")[:1]),
        "scorecard_monitored": Exists(monitored),
    }


def link(values, request):
    if not values["scorecard_monitored"]:
        return None
    url = page_url(values["scorecard_page"], values["scorecard_path"], request)
    if not url:
        return None
    return RelatedLink(gettext("The scorecard"), f"{url}?election={values['election_id']}")


@hooks.register(RELATED_HOOK)
def scorecard_page():
    return [RelatedSource(50, expressions, link)]
