"""Demo candidates: invented parties and candidates (not real politicians).

- 2023, in all twelve municipalities: two to four confirmed candidates each,
  positions on every priority of the contract (most commit, a few decline
  some priorities), signatures (most online, some at the forum), exactly one
  withdrawal, and the winner marked.
- 2027, Tiranë (the contract open for signatures, see demo.consultations):
  three confirmed candidates; one has signed, one has not, and one waits
  for the demo candidate account (kandidat@pop.example) to accept its
  invitation. In development the command prints the invitation link.

Who they are and what they say is in `content/forums.toml`. Safe to run
again."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone, translation

from wagtail.models import Locale

from cms_pages.models import Election
from consultations.models import Priority, SocialContract
from forums.models import (
    Candidacy,
    CandidacyStatus,
    Endorsement,
    EndorsementMethod,
    Invitation,
    Party,
    Position,
    Stance,
)

from .consultations import TIRANE
from .content import read, text
from .reference import translate

DEMO_CANDIDATE_EMAIL = "kandidat@pop.example"


def content():
    return read("forums")


def _at(day, hour=11):
    return datetime.datetime(2023, 4, day, hour, 0, tzinfo=TIRANE)


def _stance(number, column, row):
    if column == 1 and row % 3 == 2:
        return Stance.PARTLY
    if column == 2 and (row + number) % 5 == 1:
        return Stance.DECLINE
    return Stance.COMMIT


def _parties():
    albanian = Locale.objects.get(language_code="sq")
    english = Locale.objects.get(language_code="en")
    parties = {}
    for entry in content()["party"]:
        short_name = entry["short_name"]
        party, _ = Party.objects.get_or_create(
            name=text(entry["name"]["sq"]),
            locale=albanian,
            defaults={"short_name": short_name, "colour": entry["colour"]},
        )
        translate(party, english, name=text(entry["name"]["en"]), short_name=short_name)
        parties[short_name] = party
    return parties


def _candidacy(full_name, party, municipality, election, confirmed_at, won=False):
    candidacy, _ = Candidacy.objects.get_or_create(
        full_name=full_name,
        municipality=municipality,
        election=election,
        defaults={
            "party": party,
            "status": CandidacyStatus.CONFIRMED,
            "confirmed_at": confirmed_at,
            "won": won,
            "biography": text(content()["candidate"]["biography"]),
        },
    )
    return candidacy


def _positions(candidacy, priorities, stance_for):
    for row, priority in enumerate(priorities):
        stance = stance_for(row)
        Position.objects.get_or_create(
            candidacy=candidacy,
            priority=priority,
            defaults={"stance": stance, "statement": text(content()["statement"][stance])},
        )


def _sign(candidacy, contract, signed_at, method, withdrawn_at=None, reason=""):
    if Endorsement.objects.filter(candidacy=candidacy, contract=contract).exists():
        return 0
    Endorsement.objects.create(
        candidacy=candidacy,
        contract=contract,
        signed_name=candidacy.full_name,
        committed=True,
        signed_at=signed_at,
        positions=[
            {"priority": p.priority_id, "stance": p.stance, "statement": p.statement}
            for p in candidacy.positions.order_by("priority__order")
        ],
        method=method,
        withdrawn_at=withdrawn_at,
        withdrawal_reason=reason,
    )
    return 1


def _contract_priorities(contract):
    return list(
        Priority.objects.source().filter(contract=contract, in_contract=True).order_by("order")
    )


def load(log, municipalities):
    albanian = Locale.objects.get(language_code="sq")
    parties = _parties()
    election = Election.objects.get(locale=albanian, date=datetime.date(2023, 5, 14))
    texts = content()
    count = candidacies = 0
    for number, (slug, municipality) in enumerate(sorted(municipalities.items())):
        contract = SocialContract.objects.get(municipality=municipality, election=election)
        priorities = _contract_priorities(contract)
        for column, entry in enumerate(texts["candidates_2023"][slug]):
            party = entry.get("party")
            candidacy = _candidacy(
                text(entry["name"]),
                parties[party] if party is not None else None,
                municipality,
                election,
                _at(12),
                entry.get("won", False),
            )
            candidacies += 1
            _positions(candidacy, priorities, lambda row, n=number, c=column: _stance(n, c, row))
            withdrawn = entry.get("withdrew", False)
            count += _sign(
                candidacy,
                contract,
                _at(20 + column),
                EndorsementMethod.FORUM if column == 2 else EndorsementMethod.ONLINE,
                withdrawn_at=_at(28) if withdrawn else None,
                reason=text(texts["withdrawal"]["reason"]) if withdrawn else "",
            )
    log(
        f"{len(parties)} parties; {candidacies} candidacies in {len(municipalities)} "
        f"municipalities for 2023, {count} new endorsements"
    )
    _load_2027(log, municipalities, parties)


def _load_2027(log, municipalities, parties):
    albanian = Locale.objects.get(language_code="sq")
    election = Election.objects.get(locale=albanian, date=datetime.date(2027, 5, 9))
    contract = SocialContract.objects.get(municipality=municipalities["tirane"], election=election)
    priorities = _contract_priorities(contract)
    confirmed_at = contract.finalised_at
    invited = None
    for entry in content()["candidates_2027"]:
        state = entry["done"]
        candidacy = _candidacy(
            text(entry["name"]),
            parties[entry["party"]],
            contract.municipality,
            election,
            confirmed_at,
        )
        if state in ("signed", "positions"):
            _positions(
                candidacy, priorities, lambda row: Stance.PARTLY if row == 2 else Stance.COMMIT
            )
        if state == "signed":
            _sign(candidacy, contract, confirmed_at + datetime.timedelta(days=1), "online")
        if state == "invited":
            invited = candidacy
    invitation = _invitation(invited)
    log("3 candidacies for Tiranë 2027: one signed, one with positions, one invited")
    if invitation is not None and getattr(settings, "POP_SHOW_DEMO_PASSWORDS", False):
        with translation.override("en"):
            path = invitation.get_claim_path()
            mine = reverse("forums:my_candidacies")
        base = settings.WAGTAILADMIN_BASE_URL
        log(
            f"Invitation for {DEMO_CANDIDATE_EMAIL} ({invited.full_name}): open "
            f"{base}{path} (or sign in and see {base}{mine})"
        )


def _invitation(candidacy):
    """The demo candidate's invitation, waiting; nothing to do once claimed."""
    if candidacy.user_id is not None:
        return None
    invitation = candidacy.invitations.pending().filter(email=DEMO_CANDIDATE_EMAIL).first()
    if invitation is None:
        now = timezone.now()
        candidacy.invitations.filter(claimed_at__isnull=True, revoked_at__isnull=True).update(
            revoked_at=now
        )
        editor = get_user_model().objects.filter(email="editor@pop.example").first()
        invitation = Invitation.objects.create(
            candidacy=candidacy, email=DEMO_CANDIDATE_EMAIL, sent_by=editor, sent_at=now
        )
    return invitation
