"""The read side of the open data, shared by the JSON API and the CSV/XLSX
downloads: translations fetched with the rows (never one query per row),
the election and contract a request asks for, and the scorecard tables.

Everything here reads published data only and knows nothing about people:
no author, no publisher, no voter.
"""

import hashlib
import re
from html import unescape

from django.conf import settings
from django.db.models import Count, Max, Q
from django.utils.html import strip_tags
from django.utils.text import normalize_newlines

from wagtail.models import ModelLogEntry
from wagtail.rich_text import expand_db_html

from cms_pages.models import Election, Municipality
from consultations.models import Priority

from ..models import (
    Assessment,
    Scorecard,
    choose_election,
    contracts,
    elections,
    monitored_priorities,
)

# Rows with their texts in every language -----------------------------------


def municipalities():
    return Municipality.objects.source().order_by("name", "pk").localized_in_every_language("name")


def election_list():
    return Election.objects.source().order_by("-date", "pk").localized_in_every_language("name")


def contract_list():
    """Finalised contracts: the ones candidates sign and monitors follow."""
    return (
        contracts()
        .finalised()
        .select_related("municipality", "election")
        .annotate(
            priority_count=Count(
                "priorities",
                filter=Q(
                    priorities__in_contract=True,
                    priorities__locale__language_code=settings.LANGUAGE_CODE,
                ),
            )
        )
        .order_by("-election__date", "municipality__name", "pk")
        .localized_in_every_language("election__name")
    )


def priorities():
    """The priorities of finalised contracts, with both languages' texts and
    their sector's names."""
    return (
        monitored_priorities()
        .select_related("contract__municipality", "contract__election", "sector")
        .order_by("-contract__election__date", "contract__municipality__name", "order", "pk")
        .localized_in_every_language("title", "description", "sector__name")
    )


def assessments():
    """Published assessments, newest first, with what the API shows of them
    in a fixed number of queries (sources and documents prefetched)."""
    return (
        Assessment.objects.published()
        .select_related("priority__contract__municipality", "priority__contract__election", "reply")
        .prefetch_related("sources", "documents__document", "reply__documents")
        .order_by("-as_of", "-published_at", "-pk")
    )


def expand_evidence(assessments):
    """Set `evidence_html` (links resolved, as on the pages) and
    `evidence_text` on each assessment, expanding the rich text of all of
    them at once so that internal links cost the same few queries whatever
    their number."""
    assessments = list(assessments)
    marker = "<!--pop-evidence-->"
    joined = marker.join(a.evidence.replace(marker, "") for a in assessments)
    expanded = expand_db_html(joined).split(marker) if assessments else []
    for assessment, html in zip(assessments, expanded, strict=True):
        assessment.evidence_html = html
        assessment.evidence_text = html_to_text(html)
    return assessments


def html_to_text(html):
    """Plain text of evidence HTML: one line per paragraph or list item."""
    html = re.sub(r"</(p|li|h\d)>|<br\s*/?>", "\n", html)
    text = strip_tags(html)
    lines = (" ".join(line.split()) for line in normalize_newlines(unescape(text)).split("\n"))
    return "\n".join(line for line in lines if line)


# What a request asks for ----------------------------------------------------


def default_election():
    """The election the scorecards show when none is asked for (see
    `choose_election`), with its names in every language; one query."""
    return choose_election(list(elections().monitored().localized_in_every_language("name")))


def find_election(pk):
    """The source-language election with this id, with its translated names,
    or None."""
    if pk is None:
        return None
    return election_list().filter(pk=pk).first()


def find_municipality(slug):
    return municipalities().filter(slug=slug).first()


def municipality_contract(municipality, election_pk=None):
    """The municipality's finalised contract for the election asked for, or by
    default its latest."""
    found = contracts().finalised().of_municipality(municipality).select_related("election")
    if election_pk is not None:
        return found.filter(election_id=election_pk).first()
    return found.latest_first().first()


# Scorecard tables -----------------------------------------------------------


def network_table(election, as_of):
    """`(network Scorecard, rows)` for the contracts of `election` on `as_of`,
    a row per monitored municipality: `(municipality, Scorecard)`, the
    municipality annotated with its translated names. Four queries."""
    network, per_municipality = Assessment.objects.network_scorecard(election, as_of)
    rows = [(m, per_municipality[m.pk]) for m in municipalities().filter(pk__in=per_municipality)]
    return network, rows


def municipality_table(contract, as_of):
    """`(Scorecard, rows)` for one contract on `as_of`, a row per priority:
    `(priority, current assessment or None)`, the priority annotated with
    translated texts and sector names. Four queries."""
    monitored = monitored_priorities().filter(contract=contract)
    card = Assessment.objects.scorecards(monitored, as_of).get(contract.pk, Scorecard())
    current = Assessment.objects.status_on(monitored, as_of)
    rows = [
        (priority, current.get(priority.pk)) for priority in priorities().filter(contract=contract)
    ]
    return card, rows


# Caching --------------------------------------------------------------------


def fingerprint():
    """`(version, last modified)` of everything the open data shows, cheaply:
    the latest and number of published assessments, and the latest entry of
    Wagtail's log (every edit of a municipality, election, contract, priority
    or assessment in the admin writes one), and the numbers of priorities and
    contracts. Three queries."""
    published = Assessment.objects.published().aggregate(
        latest=Max("published_at"), count=Count("pk")
    )
    log = ModelLogEntry.objects.aggregate(last=Max("pk"), at=Max("timestamp"))
    counts = Priority.objects.aggregate(
        priorities=Count("pk"), contracts=Count("contract", distinct=True)
    )
    version = "|".join(
        str(value)
        for value in (
            published["latest"],
            published["count"],
            log["last"],
            counts["priorities"],
            counts["contracts"],
        )
    )
    moments = [moment for moment in (published["latest"], log["at"]) if moment]
    return hashlib.sha256(version.encode()).hexdigest()[:32], max(moments, default=None)
