"""The forum, the offers side by side and the elected mayor among the pages
about one municipality and election (cms_pages' `register_related_pages`
hook)."""

from django.db.models import Exists, Subquery
from django.urls import reverse
from django.utils.translation import gettext

from wagtail import hooks

from cms_pages.related import RELATED_HOOK, RelatedLink, RelatedSource, page_url
from consultations.models import SocialContract

from ..models import Candidacy, ForumPage


def forum_expressions(municipality, election, language):
    pages = (
        ForumPage.objects.live()
        .filter(municipality=municipality, election=election, locale__language_code=language)
        .order_by("-starts_at", "pk")
    )
    return {
        "forum_page": Subquery(pages.values("pk")[:1]),
        "forum_path": Subquery(pages.values("url_path")[:1]),
    }


def forum_link(values, request):
    url = page_url(values["forum_page"], values["forum_path"], request)
    return RelatedLink(gettext("The public forum"), url) if url else None


def offers_expressions(municipality, election, language):
    finalised = SocialContract.objects.filter(
        municipality=municipality, election=election, finalised_at__isnull=False
    )
    return {"offers_finalised": Exists(finalised)}


def offers_link(values, request):
    if not values["offers_finalised"] or values["election_date"] is None:
        return None
    url = reverse(
        "forums:side_by_side", args=[values["municipality_slug"], values["election_date"].year]
    )
    return RelatedLink(gettext("The candidates' offers side by side"), url)


def winner_expressions(municipality, election, language):
    won = Candidacy.objects.confirmed().filter(
        municipality=municipality, election=election, won=True
    )
    return {
        "winner": Subquery(won.order_by("pk").values("pk")[:1]),
        "winner_name": Subquery(won.order_by("pk").values("full_name")[:1]),
    }


def winner_link(values, request):
    if not values["winner"]:
        return None
    label = gettext("Elected mayor: %(name)s") % {"name": values["winner_name"]}
    return RelatedLink(label, reverse("forums:candidate", args=[values["winner"]]))


@hooks.register(RELATED_HOOK)
def forum_offers_and_winner():
    return [
        RelatedSource(20, forum_expressions, forum_link),
        RelatedSource(30, offers_expressions, offers_link),
        RelatedSource(40, winner_expressions, winner_link),
    ]
