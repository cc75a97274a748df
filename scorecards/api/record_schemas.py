"""The shapes of the public record's JSON (forums, candidacies, positions as
signed, endorsements, consultation results, answered questions), documented
in the OpenAPI schema. Nothing here names or identifies a citizen or an
account: counts only, never who."""

import datetime
from typing import Literal

from ninja import Field, Schema

from cms_pages.models import texts_by_language
from forums.models import TIRANE

from .schemas import Texts


def local_date(moment):
    """The date of `moment` in Tirana (None stays None)."""
    return moment.astimezone(TIRANE).date() if moment else None


class MunicipalityRef(Schema):
    slug: str
    name: Texts


class ForumOut(Schema):
    id: int = Field(description="The forum page's id (pass it as `forum=` to /questions).")
    date: datetime.date = Field(description="The day of the forum, in Tirana.")
    starts_at: datetime.datetime
    title: Texts
    venue: Texts
    address: Texts
    municipality: MunicipalityRef
    election_id: int
    contract_id: int | None = Field(description="The contract presented and signed there.")
    outcome: Texts = Field(description="The outcome report, as plain text (empty before).")

    @staticmethod
    def resolve_date(obj):
        return local_date(obj.starts_at)

    @staticmethod
    def resolve_title(obj):
        return texts_by_language(obj, "title")

    @staticmethod
    def resolve_venue(obj):
        return texts_by_language(obj, "venue")

    @staticmethod
    def resolve_address(obj):
        return texts_by_language(obj, "address")

    @staticmethod
    def resolve_municipality(obj):
        return {
            "slug": obj.municipality.slug,
            "name": texts_by_language(obj, "municipality__name"),
        }

    @staticmethod
    def resolve_outcome(obj):
        return obj.outcome_texts


class PartyRef(Schema):
    id: int
    short_name: str
    name: Texts


class CandidacyOut(Schema):
    id: int
    name: str = Field(description="As on the ballot.")
    party: PartyRef | None = Field(description="Null for an independent candidate.")
    municipality: str = Field(description="The municipality's slug.")
    election_id: int
    confirmed: bool = Field(description="Confirmed by the network's editors.")
    won: bool = Field(description="Elected mayor.")

    @staticmethod
    def resolve_name(obj):
        return obj.full_name

    @staticmethod
    def resolve_party(obj):
        if obj.party_id is None:
            return None
        return {
            "id": obj.party_id,
            "short_name": obj.party.short_name,
            "name": texts_by_language(obj, "party__name"),
        }

    @staticmethod
    def resolve_municipality(obj):
        return obj.municipality.slug

    @staticmethod
    def resolve_confirmed(obj):
        return obj.is_confirmed


class PositionOut(Schema):
    endorsement_id: int
    candidacy_id: int
    contract_id: int
    priority_id: int
    position: str = Field(description="The stance signed: commit, partly or decline.")
    statement: str
    signed_on: datetime.date
    withdrawn: bool = Field(description="The endorsement was withdrawn later.")


class EndorsementOut(Schema):
    id: int
    candidacy_id: int
    contract_id: int
    municipality: str = Field(description="The municipality's slug.")
    election_id: int
    method: Literal["online", "forum"] = Field(description="Signed online or at the forum.")
    signed_on: datetime.date = Field(description="In Tirana.")
    withdrawn_on: datetime.date | None
    withdrawal_reason: str

    @staticmethod
    def resolve_municipality(obj):
        return obj.contract.municipality.slug

    @staticmethod
    def resolve_election_id(obj):
        return obj.contract.election_id

    @staticmethod
    def resolve_signed_on(obj):
        return local_date(obj.signed_at)

    @staticmethod
    def resolve_withdrawn_on(obj):
        return local_date(obj.withdrawn_at)


class ConsultationOut(Schema):
    contract_id: int
    municipality: str = Field(description="The municipality's slug.")
    election_id: int
    opens_at: datetime.datetime
    closes_at: datetime.datetime
    finalised_at: datetime.datetime | None
    participants: int = Field(
        description="Distinct citizens who supported or commented on a priority (a count only)."
    )
    supports: int
    comments: int = Field(description="Visible comments.")

    @staticmethod
    def resolve_contract_id(obj):
        return obj.pk

    @staticmethod
    def resolve_municipality(obj):
        return obj.municipality.slug


class ConsultationPriorityOut(Schema):
    id: int
    contract_id: int
    order: int
    title: Texts
    supports: int
    comments: int = Field(description="Visible comments.")
    in_contract: bool

    @staticmethod
    def resolve_title(obj):
        return texts_by_language(obj, "title")

    @staticmethod
    def resolve_supports(obj):
        return obj.support_count

    @staticmethod
    def resolve_comments(obj):
        return obj.comment_count


class QuestionOut(Schema):
    id: int
    forum_id: int
    municipality: str = Field(description="The municipality's slug.")
    election_id: int
    priority_id: int | None
    text: str
    answer_summary: str
    asked_on: datetime.date
    answered_on: datetime.date

    @staticmethod
    def resolve_municipality(obj):
        return obj.forum.municipality.slug

    @staticmethod
    def resolve_election_id(obj):
        return obj.forum.election_id

    @staticmethod
    def resolve_asked_on(obj):
        return local_date(obj.created_at)

    @staticmethod
    def resolve_answered_on(obj):
        return local_date(obj.answered_at)
