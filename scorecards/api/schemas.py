"""What the open-data API returns: the shapes of its JSON, documented in its
OpenAPI schema. Texts that are translated come as `{"sq": …, "en": …}`."""

import datetime
from typing import Literal

from ninja import Field, Schema

from django.utils import timezone

from cms_pages.models import texts_by_language

StatusKey = Literal["fully", "partially", "not", "not_yet"]


class Texts(Schema):
    """A text in each language of the site; where no English translation
    exists, `en` repeats the Albanian source."""

    sq: str
    en: str


class Error(Schema):
    detail: str


class Issue(Schema):
    type: str
    loc: list[str | int] = Field(description="Where: `query`, then the parameter's name.")
    msg: str


class InvalidInput(Schema):
    """Why a parameter was refused (422)."""

    detail: list[Issue]


class MunicipalityOut(Schema):
    id: int
    slug: str = Field(description="Stable identifier, used in addresses.")
    name: Texts

    @staticmethod
    def resolve_name(obj):
        return texts_by_language(obj, "name")


class ElectionOut(Schema):
    id: int = Field(description="Pass it as `election=` to the other resources.")
    date: datetime.date
    name: Texts

    @staticmethod
    def resolve_name(obj):
        return texts_by_language(obj, "name")


class ContractOut(Schema):
    id: int
    municipality: str = Field(description="The municipality's slug.")
    municipality_id: int
    election_id: int
    election_date: datetime.date
    election_name: Texts
    finalised_at: datetime.datetime
    endorsement_deadline: datetime.date | None
    priority_count: int = Field(description="Priorities in the contract.")

    @staticmethod
    def resolve_municipality(obj):
        return obj.municipality.slug

    @staticmethod
    def resolve_election_date(obj):
        return obj.election.date

    @staticmethod
    def resolve_election_name(obj):
        return texts_by_language(obj, "election__name")


class SectorOut(Schema):
    slug: str
    name: Texts


class PriorityOut(Schema):
    id: int
    contract_id: int
    municipality: str = Field(description="The municipality's slug.")
    election_id: int
    order: int
    sector: SectorOut
    origin: Literal["network", "citizen"]
    title: Texts
    description: Texts

    @staticmethod
    def resolve_municipality(obj):
        return obj.contract.municipality.slug

    @staticmethod
    def resolve_election_id(obj):
        return obj.contract.election_id

    @staticmethod
    def resolve_sector(obj):
        return {
            "slug": obj.sector.slug,
            "name": texts_by_language(obj, "sector__name"),
        }

    @staticmethod
    def resolve_title(obj):
        return texts_by_language(obj, "title")

    @staticmethod
    def resolve_description(obj):
        return texts_by_language(obj, "description")


class SourceOut(Schema):
    title: str
    url: str


class DocumentOut(Schema):
    title: str
    url: str = Field(description="Absolute address of the file.")


class ReplyOut(Schema):
    """The municipality's own reply to an assessment (never who posted it)."""

    text: str | None = Field(description="The reply as written; null when hidden.")
    posted_on: datetime.date
    hidden: bool = Field(description="Hidden by the editors (the reason says why).")
    hidden_reason: str | None
    documents: list[DocumentOut]

    @staticmethod
    def of(reply, request):
        if reply is None:
            return None
        hidden = reply.is_hidden
        return {
            "text": None if hidden else reply.text,
            "posted_on": timezone.localdate(reply.posted_at),
            "hidden": hidden,
            "hidden_reason": reply.hidden_reason if hidden else None,
            "documents": []
            if hidden
            else [
                {"title": d.name, "url": request.build_absolute_uri(d.file.url)}
                for d in reply.documents.all()
            ],
        }


class AssessmentOut(Schema):
    id: int
    priority_id: int
    municipality: str = Field(description="The municipality's slug.")
    election_id: int
    as_of: datetime.date = Field(description="The date the status describes.")
    status: Literal["fully", "partially", "not"]
    evidence_html: str = Field(description="The evidence as HTML (links resolved).")
    evidence_text: str = Field(description="The evidence as plain text.")
    sources: list[SourceOut]
    documents: list[DocumentOut]
    corrects_id: int | None = Field(
        description="The published assessment this one corrects, if any."
    )
    published_at: datetime.datetime
    reply: ReplyOut | None = Field(
        description="The municipality's reply, if it posted one (within 30 days)."
    )

    @staticmethod
    def resolve_municipality(obj):
        return obj.priority.contract.municipality.slug

    @staticmethod
    def resolve_reply(obj, context):
        return ReplyOut.of(getattr(obj, "reply", None), context["request"])

    @staticmethod
    def resolve_election_id(obj):
        return obj.priority.contract.election_id

    @staticmethod
    def resolve_sources(obj):
        return [{"title": s.title, "url": s.url} for s in obj.sources.all()]

    @staticmethod
    def resolve_documents(obj, context):
        request = context["request"]
        return [
            {"title": d.document.title, "url": request.build_absolute_uri(d.document.url)}
            for d in obj.documents.all()
        ]


class Figures(Schema):
    """A scorecard: priorities by status, as counts and as percentages of all
    the priorities (largest-remainder rounding to one decimal, so the four
    add up to 100), and the score."""

    total: int
    fully: int
    partially: int
    not_addressed: int
    not_assessed: int
    addressed: int = Field(description="Fully + partially addressed.")
    fully_percent: float
    partially_percent: float
    not_addressed_percent: float
    not_assessed_percent: float
    addressed_percent: float
    score: float | None = Field(
        description="(fully + ½ × partially) / assessed × 100; null before any assessment."
    )

    @staticmethod
    def of(card):
        fields = [
            "total",
            "fully",
            "partially",
            "not_addressed",
            "not_assessed",
            "addressed",
            "fully_percent",
            "partially_percent",
            "not_addressed_percent",
            "not_assessed_percent",
            "addressed_percent",
            "score",
        ]
        return {field: getattr(card, field) for field in fields}


class MunicipalityFigures(Schema):
    municipality: MunicipalityOut
    figures: Figures


class NetworkScorecardOut(Schema):
    election: ElectionOut | None = Field(description="Null while no contract is finalised.")
    as_of: datetime.date
    network: Figures
    municipalities: list[MunicipalityFigures] = Field(
        description="Each municipality with a finalised contract for the election."
    )


class PriorityStatus(Schema):
    id: int
    order: int
    title: Texts
    sector: str = Field(description="The sector's slug.")
    status: StatusKey = Field(description="`not_yet` before its first published assessment.")
    assessment_id: int | None = Field(description="Its latest published assessment on `as_of`.")
    assessed_as_of: datetime.date | None


class MunicipalityScorecardOut(Schema):
    municipality: MunicipalityOut
    election: ElectionOut
    contract_id: int
    as_of: datetime.date
    figures: Figures
    priorities: list[PriorityStatus]
