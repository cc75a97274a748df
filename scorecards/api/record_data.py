"""The read side of the public record (forums, candidacies, positions as
signed, endorsements, consultation results, answered questions), shared by
the JSON API and the bulk archive. Each read costs a fixed number of queries
whatever the number of rows, and knows nothing about people: no account, no
author, no voter, no moderator; participation is counted, never listed."""

import datetime
import hashlib

from django.conf import settings
from django.db.models import Count, Max, Q
from django.utils import timezone

from cms_pages.models import texts_by_language
from consultations.models import Comment, Priority, SocialContract, Vote
from forums.models import TIRANE, Candidacy, Endorsement, ForumPage, Question

from . import data


def day_start(day):
    """The first moment of `day` in Tirana."""
    return datetime.datetime.combine(day, datetime.time(), tzinfo=TIRANE)


def day_after(day):
    """The first moment of the day after `day` in Tirana (the end of `day`)."""
    return day_start(day) + datetime.timedelta(days=1) if day < datetime.date.max else None


def between(queryset, field, since=None, until=None):
    """`queryset` narrowed to rows whose `field` (a moment) falls on `since`
    or later and on `until` or earlier, as days in Tirana."""
    if since is not None:
        queryset = queryset.filter(**{f"{field}__gte": day_start(since)})
    if until is not None and (end := day_after(until)) is not None:
        queryset = queryset.filter(**{f"{field}__lt": end})
    return queryset


# Forums ---------------------------------------------------------------------


def forums():
    """Live forum pages in the source language, with their texts and their
    municipality's name in every language, earliest first."""
    return (
        ForumPage.objects.live()
        .filter(locale__language_code=settings.LANGUAGE_CODE)
        .select_related("municipality")
        .order_by("starts_at", "pk")
        .localized_in_every_language("title", "venue", "address", "outcome", "municipality__name")
    )


def expand_outcomes(pages):
    """Set `outcome_texts` (`{language: plain text}`) on each forum page."""
    pages = list(pages)
    for page in pages:
        page.outcome_texts = {
            code: data.html_to_text(text or "")
            for code, text in texts_by_language(page, "outcome").items()
        }
    return pages


# Candidates -----------------------------------------------------------------


def candidacies():
    """Confirmed candidacies (the public ones), with their party's name in
    every language."""
    return (
        Candidacy.objects.confirmed()
        .select_related("party", "municipality", "election")
        .order_by("-election__date", "municipality__name", "full_name", "pk")
        .localized_in_every_language("party__name")
    )


def endorsements():
    """Every endorsement of a confirmed candidacy, withdrawn ones included,
    earliest first."""
    return (
        Endorsement.objects.filter(candidacy__status="confirmed")
        .select_related("contract__municipality")
        .order_by("signed_at", "pk")
    )


def positions(endorsements):
    """The positions as signed, one row per priority of each endorsement's
    snapshot (read from the endorsement, never from today's positions)."""
    rows = []
    for endorsement in endorsements:
        for position in endorsement.positions or []:
            rows.append(
                {
                    "endorsement_id": endorsement.pk,
                    "candidacy_id": endorsement.candidacy_id,
                    "contract_id": endorsement.contract_id,
                    "priority_id": position.get("priority"),
                    "position": position.get("stance") or "",
                    "statement": position.get("statement") or "",
                    "signed_on": endorsement.signed_at.astimezone(TIRANE).date(),
                    "withdrawn": endorsement.withdrawn_at is not None,
                }
            )
    return rows


# Consultations --------------------------------------------------------------


def consultations():
    """Contracts whose consultation has opened, with their supports and
    visible comments counted in the same query."""
    now = timezone.now()
    supports = Count("priorities__votes", distinct=True)
    comments = Count(
        "priorities__comments",
        filter=Q(priorities__comments__state="visible"),
        distinct=True,
    )
    return (
        SocialContract.objects.filter(opens_at__lte=now, closes_at__isnull=False)
        .select_related("municipality")
        .annotate(supports=supports, comments=comments)
        .order_by("-opens_at", "pk")
    )


def count_participants(contracts):
    """Set `participants` on each contract: how many distinct citizens
    supported or commented on one of its priorities. Two queries, counts only."""
    contracts = list(contracts)
    ids = [contract.pk for contract in contracts]
    people = {pk: set() for pk in ids}
    for model, person in ((Vote, "citizen_id"), (Comment, "author_id")):
        pairs = (
            model.objects.filter(priority__contract__in=ids)
            .exclude(**{person: None})
            .values_list("priority__contract_id", person)
            .distinct()
        )
        for contract_id, who in pairs:
            people[contract_id].add(who)
    for contract in contracts:
        contract.participants = len(people[contract.pk])
    return contracts


def consultation(pk):
    return consultations().filter(pk=pk).first()


def consultation_priorities(contract):
    """The priorities citizens were consulted on, with their results and
    titles in every language, in the network's order."""
    return (
        Priority.objects.source()
        .filter(contract=contract)
        .order_by("order", "pk")
        .localized_in_every_language("title")
    )


# Questions ------------------------------------------------------------------


def answered_questions():
    """Approved questions the candidates answered at a forum, earliest first."""
    return (
        Question.objects.approved()
        .filter(answered_at__isnull=False)
        .select_related("forum__municipality")
        .order_by("created_at", "pk")
    )


# Caching --------------------------------------------------------------------


def fingerprint():
    """`(version, last modified)` of the public record and of what the rest
    of the open data shows: the scorecards' fingerprint, and the latest row
    and number of supports, comments, questions, endorsements and forum
    pages. Four queries more."""
    version, modified = data.fingerprint()
    parts = [version]
    moments = [modified]
    for model, field in (
        (Vote, "created_at"),
        (Comment, "created_at"),
        (Question, "answered_at"),
        (Endorsement, "withdrawn_at"),
    ):
        row = model.objects.aggregate(count=Count("pk"), last=Max("pk"), at=Max(field))
        parts.extend(str(row[key]) for key in ("count", "last", "at"))
        moments.append(row["at"])
    latest_page = ForumPage.objects.aggregate(at=Max("last_published_at"), count=Count("pk"))
    parts.extend([str(latest_page["at"]), str(latest_page["count"])])
    moments.append(latest_page["at"])
    digest = hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]
    return digest, max(filter(None, moments), default=None)
