"""Citable releases in the open-data API: `/releases` (paginated, newest
first) and `/releases/{slug}` with the frozen figures, network-wide and per
municipality, and each priority's status as it stood. Answers are
cacheable like the rest of the API; what a release holds never changes."""

import datetime
from typing import Annotated

from ninja import Field, Path, Router, Schema
from ninja.decorators import decorate_view
from ninja.errors import HttpError
from ninja.pagination import paginate

from django.utils.translation import gettext as _

from ..models import Release
from .answers import Page, cacheable
from .schemas import Error, Figures, InvalidInput, Texts

SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"

router = Router(tags=["releases"])


class ReleaseOut(Schema):
    slug: str = Field(description="Permanent: /releases/{slug} always answers the same.")
    title: Texts
    election_id: int
    as_of: datetime.date = Field(description="The date the frozen figures describe.")
    frozen_at: datetime.datetime = Field(description="When the release was frozen.")
    network: Figures

    @staticmethod
    def resolve_title(obj):
        if isinstance(obj, dict):
            return obj["title"]
        return obj.titles

    @staticmethod
    def resolve_network(obj):
        if isinstance(obj, dict):
            return obj["network"]
        return Figures.of(obj.card)


class FrozenMunicipality(Schema):
    slug: str
    name: Texts
    figures: Figures


class FrozenSource(Schema):
    title: str
    url: str


class FrozenPriority(Schema):
    priority_id: int
    municipality: str = Field(description="The municipality's slug.")
    order: int
    title: Texts
    status: str = Field(description="fully, partially, not, or not_yet.")
    assessment_id: int | None
    assessed_as_of: datetime.date | None
    evidence_html: str
    sources: list[FrozenSource]
    documents: list[FrozenSource]


class Correction(Schema):
    priority_id: int
    status_in_release: str
    status_today: str
    published_at: datetime.datetime | None = Field(
        description="When the assessment that changed it was published."
    )


class ReleaseDetailOut(ReleaseOut):
    municipalities: list[FrozenMunicipality]
    priorities: list[FrozenPriority]
    corrections: list[Correction] = Field(
        description="Priorities whose status as of the release's date reads differently today."
    )


@router.get("", response={200: list[ReleaseOut], 422: InvalidInput})
@decorate_view(cacheable)
@paginate(Page)
def list_releases(request):
    """The frozen, citable scorecards, newest first."""
    return Release.objects.latest_first()


@router.get("/{slug}", response={200: ReleaseDetailOut, 404: Error, 422: InvalidInput})
@decorate_view(cacheable)
def release_detail(request, slug: Annotated[str, Path(pattern=SLUG_PATTERN, max_length=80)]):
    """One release: its figures and each priority as frozen, and the
    corrections published since."""
    release = Release.objects.filter(slug=slug).first()
    if release is None:
        raise HttpError(404, _("There is no release at this address."))
    items = list(release.frozen_priorities())
    slugs = {}
    municipalities = []
    for row in release.municipalities.order_by("pk"):
        slugs[row.municipality_id] = row.slug
        municipalities.append(
            {"slug": row.slug, "name": row.names, "figures": Figures.of(row.card)}
        )
    return {
        "slug": release.slug,
        "title": release.titles,
        "election_id": release.election_id,
        "as_of": release.as_of,
        "frozen_at": release.frozen_at,
        "network": Figures.of(release.card),
        "municipalities": municipalities,
        "priorities": [
            {
                "priority_id": item.priority_id,
                "municipality": slugs.get(item.municipality_id, ""),
                "order": item.order,
                "title": item.titles,
                "status": item.status_key,
                "assessment_id": item.assessment_id,
                "assessed_as_of": item.assessed_as_of,
                "evidence_html": item.evidence,
                "sources": item.sources,
                "documents": item.documents,
            }
            for item in items
        ],
        "corrections": [
            {
                "priority_id": change["item"].priority_id,
                "status_in_release": change["item"].status_key,
                "status_today": change["assessment"].status if change["assessment"] else "not_yet",
                "published_at": change["assessment"].published_at if change["assessment"] else None,
            }
            for change in release.corrections(items)
        ],
    }
