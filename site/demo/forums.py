"""Demo candidates: invented parties and candidates (not real politicians).

- 2023, in all twelve municipalities: two to four confirmed candidates each,
  positions on every priority of the contract (most commit, a few decline
  some priorities), signatures (most online, some at the forum), exactly one
  withdrawal, and the winner marked.
- 2027, Tiranë (the contract open for signatures, see demo.consultations):
  three confirmed candidates; one has signed, one has not, and one waits
  for the demo candidate account (kandidat@pop.example) to accept its
  invitation. In development the command prints the invitation link.

Safe to run again."""

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
from .reference import translate

# (Albanian name, short name, colour, English name)
PARTIES = [
    ("Lëvizja Qytetare për Bashkinë", "LQB", "#1f5fa8", "Citizens' Movement for the Municipality"),
    ("Aleanca e Gjelbër Vendore", "AGV", "#2e7d32", "Local Green Alliance"),
    ("Partia e Zhvillimit të Qyteteve", "PZhQ", "#b23c17", "Party for the Development of Towns"),
    ("Bashkimi për Komunitetin", "BK", "#6a1b9a", "Union for the Community"),
]

# Per municipality, in the order of their slugs (durres, elbasan, fier, kamez,
# korce, kukes, pogradec, puke, shkoder, tirane, vau-i-dejes, vlore):
# (full name, party index or None, won).
CANDIDATES = [
    [("Arben Kuqi", 0, True), ("Mirela Dushku", 1, False), ("Gentian Lleshi", None, False)],
    [("Valbona Shehaj", 2, False), ("Ilir Basha", 0, True)],
    [("Dritan Hoxholli", 1, True), ("Etleva Murati", 2, False), ("Sokol Prifti", None, False)],
    [("Blerina Gjoni", 3, True), ("Fatmir Zeneli", 0, False)],
    [
        ("Erion Qirjako", 2, False),
        ("Anila Dervishi", 1, True),
        ("Kujtim Mema", 3, False),
        ("Lindita Rrapi", None, False),
    ],
    [("Agron Bytyçi", 0, True), ("Shpresa Kolgeci", 3, False)],
    [("Nertila Bregu", 1, False), ("Petrit Ziu", 2, True), ("Oltion Shkurti", None, False)],
    [("Mark Gjergji", 3, True), ("Drita Pjetri", 0, False)],
    [("Ledia Marku", 0, False), ("Tonin Prenga", 1, True), ("Albana Gjeka", 2, False)],
    [
        ("Klodian Sula", 0, True),
        ("Rudina Meta", 1, False),
        ("Artan Xhaferi", 2, False),
        ("Eralda Hasa", None, False),
    ],
    [("Gjon Lazri", 3, False), ("Vjollca Frroku", 0, True)],
    [("Besmir Dauti", 2, True), ("Juliana Cela", 1, False), ("Ermal Tafaj", 3, False)],
]

# The one signature withdrawn: (municipality number, column).
WITHDRAWN = (1, 0)

# Tiranë 2027: (full name, party index or None, what is done already).
CANDIDATES_2027 = [
    ("Elona Rama", 1, "signed"),
    ("Altin Gjika", 0, "positions"),
    ("Teuta Kodra", 3, "invited"),  # for the demo candidate account
]
DEMO_CANDIDATE_EMAIL = "kandidat@pop.example"

STATEMENTS = {
    Stance.COMMIT: "Do ta përfshij në buxhetin e vitit të parë dhe do të raportoj çdo 6 muaj.",
    Stance.PARTLY: "Pjesërisht: fillojmë me lagjet më të prekura, pastaj zgjerojmë.",
    Stance.DECLINE: "Nuk mund ta premtoj pa fonde nga qeveria qendrore.",
}
BIOGRAPHY = "Ka punuar për vite me shoqatat e lagjeve të qytetit."


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
    parties = []
    for name, short_name, colour, name_en in PARTIES:
        party, _ = Party.objects.update_or_create(
            name=name, locale=albanian, defaults={"short_name": short_name, "colour": colour}
        )
        translate(party, english, name=name_en, short_name=short_name)
        parties.append(party)
    return parties


def _candidacy(full_name, party, municipality, election, confirmed_at, won=False):
    candidacy, _ = Candidacy.objects.update_or_create(
        full_name=full_name,
        municipality=municipality,
        election=election,
        defaults={
            "party": party,
            "status": CandidacyStatus.CONFIRMED,
            "confirmed_at": confirmed_at,
            "won": won,
            "biography": BIOGRAPHY,
        },
    )
    return candidacy


def _positions(candidacy, priorities, stance_for):
    for row, priority in enumerate(priorities):
        stance = stance_for(row)
        Position.objects.update_or_create(
            candidacy=candidacy,
            priority=priority,
            defaults={"stance": stance, "statement": STATEMENTS[stance]},
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
    count = candidacies = 0
    for number, (_slug, municipality) in enumerate(sorted(municipalities.items())):
        contract = SocialContract.objects.get(municipality=municipality, election=election)
        priorities = _contract_priorities(contract)
        for column, (full_name, party, won) in enumerate(CANDIDATES[number]):
            candidacy = _candidacy(
                full_name,
                parties[party] if party is not None else None,
                municipality,
                election,
                _at(12),
                won,
            )
            candidacies += 1
            _positions(candidacy, priorities, lambda row, n=number, c=column: _stance(n, c, row))
            withdrawn = (number, column) == WITHDRAWN
            count += _sign(
                candidacy,
                contract,
                _at(20 + column),
                EndorsementMethod.FORUM if column == 2 else EndorsementMethod.ONLINE,
                withdrawn_at=_at(28) if withdrawn else None,
                reason=(
                    "Partia ime vendosi një program tjetër për ujin; nuk mund ta mbaj këtë premtim."
                    if withdrawn
                    else ""
                ),
            )
    log(
        f"{len(PARTIES)} parties; {candidacies} candidacies in {len(municipalities)} "
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
    for full_name, party, state in CANDIDATES_2027:
        candidacy = _candidacy(
            full_name, parties[party], contract.municipality, election, confirmed_at
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
