"""The public pages of candidates' offers: "Përballja e ofertave", one
contract's priorities against its confirmed candidates side by side, and a
candidate's profile. Read-only; the reads are the models' QuerySet methods,
every translated text read with `localized()` in the same query."""

from django.conf import settings
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language, gettext

from consultations.kept import kept
from consultations.models import SocialContract
from consultations.revisions import as_signed, changes_since

from ..models import Candidacy, Endorsement, Position, contract_priorities


def side_by_side(request, municipality, year):
    """ "Përballja e ofertave": the priorities of one contract as rows and the
    confirmed candidates as columns. A fixed number of queries whatever the
    number of candidates and priorities, and none while nothing has changed:
    the offers are kept under the page generation (`consultations.kept`),
    as the cached page is for visitors, so signed-in readers get them
    without reading them again. Only the two columns a narrow screen
    compares are the request's own."""
    key = ("side-by-side", get_language(), municipality, int(year))
    contract, candidacies, rows = kept(key, lambda: _offers(municipality, year))
    compared = _compared(request, candidacies)
    for candidacy in candidacies:
        candidacy.compared = candidacy.pk in compared
    return render(
        request,
        "forums/side_by_side.html",
        {
            "contract": contract,
            "municipality_name": contract.localized_municipality_name,
            "election_name": contract.localized_election_name,
            "candidacies": candidacies,
            "rows": rows,
            "first": compared[0] if compared else None,
            "second": compared[1] if len(compared) > 1 else None,
            "meta_description": gettext(
                "Each candidate's position on every priority of the Social Contract of "
                "%(municipality)s, for %(election)s."
            )
            % {
                "municipality": contract.localized_municipality_name,
                "election": contract.localized_election_name,
            },
        },
    )


def _offers(municipality, year):
    """The contract, its confirmed candidacies (each with its latest
    `endorsement`) and the rows of priorities with each candidacy's stated
    position: what every reader of the page sees."""
    contract = get_object_or_404(
        SocialContract.objects.select_related("municipality", "election").localized(
            "municipality__name", "election__name"
        ),
        municipality__slug=municipality,
        municipality__locale__language_code=settings.LANGUAGE_CODE,
        election__date__year=year,
        election__locale__language_code=settings.LANGUAGE_CODE,
        finalised_at__isnull=False,
    )
    candidacies = list(
        Candidacy.objects.confirmed()
        .for_contract(contract)
        .select_related("party")
        .localized("party__name")
        .order_by("full_name")
    )
    priorities = list(contract_priorities(contract).localized("title", "description"))
    cells = {
        (p.candidacy_id, p.priority_id): p
        for p in Position.objects.stated().filter(
            candidacy__in=candidacies, priority__in=priorities
        )
    }
    endorsements = Endorsement.objects.latest_by_candidacy(contract, candidacies)
    for candidacy in candidacies:
        candidacy.endorsement = endorsements.get(candidacy.pk)
    signed = [e.signed_at for e in endorsements.values() if e.withdrawn_at is None]
    changes_since(priorities, min(signed, default=None))
    rows = [(p, [(c, cells.get((c.pk, p.pk))) for c in candidacies]) for p in priorities]
    return contract, candidacies, rows


def _compared(request, candidacies):
    """The two candidacies a narrow screen shows (`?first=&second=`), by
    default the first two; unknown or repeated choices fall back quietly."""
    known = [c.pk for c in candidacies]
    chosen = []
    for name in ("first", "second"):
        value = request.GET.get(name, "")
        pk = int(value) if value.isdigit() else None
        if pk in known and pk not in chosen:
            chosen.append(pk)
    for pk in known:
        if len(chosen) >= 2:
            break
        if pk not in chosen:
            chosen.append(pk)
    return chosen


def candidate(request, candidacy_id):
    """A confirmed candidate's public page: who they are, their position on
    each priority and their signature (or its withdrawal)."""
    candidacy = get_object_or_404(
        Candidacy.objects.confirmed()
        .select_related("party", "municipality", "election")
        .localized("party__name", "municipality__name", "election__name"),
        pk=candidacy_id,
    )
    contract = candidacy.contract()
    priorities = (
        list(contract_priorities(contract).localized("title", "description")) if contract else []
    )
    stated = {
        p.priority_id: p
        for p in candidacy.positions.stated().filter(priority__in=[p.pk for p in priorities])
    }
    for priority in priorities:
        priority.position = stated.get(priority.pk)
    endorsement = (
        candidacy.endorsements.filter(contract=contract).order_by("-signed_at").first()
        if contract
        else None
    )
    as_signed(priorities, endorsement)
    return render(
        request,
        "forums/candidate.html",
        {
            "candidacy": candidacy,
            "contract": contract,
            "priorities": priorities,
            "endorsement": endorsement,
            "meta_description": candidate_description(candidacy),
        },
    )


def candidate_description(candidacy):
    """What the candidate's page says about itself: party, race, and the
    candidate's own words."""
    party = candidacy.localized_party_name or gettext("Independent candidate")
    race = gettext("Candidate for mayor of %(municipality)s, %(election)s.") % {
        "municipality": candidacy.localized_municipality_name,
        "election": candidacy.localized_election_name,
    }
    return " ".join(
        part for part in (f"{candidacy.full_name} ({party}).", race, candidacy.biography) if part
    )
