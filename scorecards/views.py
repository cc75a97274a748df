"""Views for the scorecards' addresses that are not pages: the downloads of
the scorecard tables (CSV and XLSX), linked from the scorecard pages with
their `election` and `as_of`, in the page's language. (The pages' context and
routes are on the page models; the JSON API is `scorecards.api`.)

An `election` or `as_of` that cannot be read is refused with 400 and a line
of plain text saying why, in the visitor's language: a download never
silently stands for another date or election than the one asked for. The
tables are small (one row per municipality or priority) and computed in a
fixed handful of queries, so they are written within the request.
"""

from django.http import Http404, HttpResponseBadRequest
from django.utils.translation import gettext as _

from . import exports, parameters
from .api import data
from .models import Reply
from .scoring import NOT_YET_ASSESSED_LABEL, Status


def refusal(asked):
    """400 in plain text, naming what could not be read; None when all was."""
    reasons = []
    if "election" in asked.errors:
        reasons.append(
            _("“%(value)s” is not the id of an election.")
            % {"value": asked.written["election"][:20]}
        )
    if "as_of" in asked.errors:
        reasons.append(
            _("“%(value)s” is not a date written as YYYY-MM-DD, for example 2021-12-31.")
            % {"value": asked.written["as_of"][:20]}
        )
    if not reasons:
        return None
    reasons.append(_("Nothing was downloaded."))
    return HttpResponseBadRequest(
        "\n".join(reasons) + "\n", content_type="text/plain; charset=utf-8"
    )


def network_download(request, fmt):
    """Every municipality's figures for one election's contracts, and the
    network's, as of a date."""
    asked = parameters.read(request.GET)
    if (response := refusal(asked)) is not None:
        return response
    if asked.election is not None:
        election = data.find_election(asked.election)
        if election is None:
            raise Http404(_("There is no election with this id."))
    else:
        election = data.default_election()
        if election is None:
            raise Http404(_("No contract is being monitored yet."))
    as_of = asked.day
    network, rows = data.network_table(election, as_of)
    headers = [_("Municipality"), *exports.figure_headers(), _("As of")]
    table = [[exports.text(m, "name"), *exports.figure_cells(card), as_of] for m, card in rows]
    table.sort(key=lambda row: row[0])
    table.append([_("All municipalities"), *exports.figure_cells(network), as_of])
    name = f"pop-scorecard-network-{election.date.year}-{as_of:%Y-%m-%d}-{exports.language()}"
    return exports.respond(fmt, name, _("Municipalities compared"), headers, table)


def municipality_download(request, slug, fmt):
    """One municipality's contract: each priority's status as of a date."""
    asked = parameters.read(request.GET)
    if (response := refusal(asked)) is not None:
        return response
    municipality = data.find_municipality(slug)
    if municipality is None:
        raise Http404(_("There is no municipality with this slug."))
    contract = data.municipality_contract(municipality, asked.election)
    if contract is None and asked.election is not None:
        raise Http404(_("This municipality has no finalised contract for this election."))
    if contract is None:
        raise Http404(_("No contract of this municipality is being monitored yet."))
    as_of = asked.day
    _card, rows = data.municipality_table(contract, as_of)
    headers = [
        _("No."),
        _("Priority"),
        _("Sector"),
        _("Status"),
        _("Assessed as of"),
        _("As of"),
        *exports.reply_headers(),
    ]
    replies = Reply.objects.by_assessment([current.pk for _p, current in rows if current])
    table = [
        [
            number,
            exports.text(priority, "title"),
            exports.text(priority, "sector__name"),
            str(Status(current.status).label) if current else str(NOT_YET_ASSESSED_LABEL),
            current.as_of if current else None,
            as_of,
            *exports.reply_cells(replies.get(current.pk) if current else None),
        ]
        for number, (priority, current) in enumerate(rows, start=1)
    ]
    name = (
        f"pop-scorecard-{municipality.slug}-{contract.election.date.year}"
        f"-{as_of:%Y-%m-%d}-{exports.language()}"
    )
    return exports.respond(fmt, name, exports.text(municipality, "name"), headers, table)
