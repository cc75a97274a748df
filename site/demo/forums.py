"""Demo candidates for the 2023 local elections: invented parties and
candidates (not real politicians) in three municipalities, with positions on
every priority of the contract and their signatures: most signed online, one
at the forum, one declined some priorities, one withdrew. Safe to run again."""

import datetime

from wagtail.models import Locale

from cms_pages.models import Election
from consultations.models import Priority, SocialContract
from forums.models import (
    Candidacy,
    CandidacyStatus,
    Endorsement,
    EndorsementMethod,
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
]

# Per municipality (by position in the sorted list): (full name, party index or None, won).
CANDIDATES = [
    [("Arben Kuqi", 0, True), ("Mirela Dushku", 1, False), ("Gentian Lleshi", None, False)],
    [("Valbona Shehaj", 2, False), ("Ilir Basha", 0, True)],
    [("Dritan Hoxholli", 1, True), ("Etleva Murati", 2, False), ("Sokol Prifti", None, False)],
]

STATEMENTS = {
    Stance.COMMIT: "Do ta përfshij në buxhetin e vitit të parë dhe do të raportoj çdo 6 muaj.",
    Stance.PARTLY: "Pjesërisht: fillojmë me lagjet më të prekura, pastaj zgjerojmë.",
    Stance.DECLINE: "Nuk mund ta premtoj pa fonde nga qeveria qendrore.",
}


def _at(day, hour=11):
    return datetime.datetime(2023, 4, day, hour, 0, tzinfo=TIRANE)


def load(log, municipalities):
    albanian = Locale.objects.get(language_code="sq")
    english = Locale.objects.get(language_code="en")
    parties = []
    for name, short_name, colour, name_en in PARTIES:
        party, _ = Party.objects.update_or_create(
            name=name, locale=albanian, defaults={"short_name": short_name, "colour": colour}
        )
        translate(party, english, name=name_en, short_name=short_name)
        parties.append(party)

    election = Election.objects.get(locale=albanian, date=datetime.date(2023, 5, 14))
    count = 0
    for number, (_slug, municipality) in enumerate(sorted(municipalities.items())[:3]):
        contract = SocialContract.objects.get(municipality=municipality, election=election)
        priorities = list(
            Priority.objects.source().filter(contract=contract, in_contract=True).order_by("order")
        )
        for column, (full_name, party, won) in enumerate(CANDIDATES[number]):
            candidacy, _ = Candidacy.objects.update_or_create(
                full_name=full_name,
                municipality=municipality,
                election=election,
                defaults={
                    "party": parties[party] if party is not None else None,
                    "status": CandidacyStatus.CONFIRMED,
                    "confirmed_at": _at(12),
                    "won": won,
                    "biography": "Ka punuar për vite me shoqatat e lagjeve të qytetit.",
                },
            )
            for row, priority in enumerate(priorities):
                stance = Stance.COMMIT
                if column == 1 and row % 3 == 2:
                    stance = Stance.PARTLY
                if column == 2 and row in (1, 4):
                    stance = Stance.DECLINE
                Position.objects.update_or_create(
                    candidacy=candidacy,
                    priority=priority,
                    defaults={"stance": stance, "statement": STATEMENTS[stance]},
                )
            if Endorsement.objects.filter(candidacy=candidacy, contract=contract).exists():
                continue
            snapshot = [
                {"priority": p.priority_id, "stance": p.stance, "statement": p.statement}
                for p in candidacy.positions.order_by("priority__order")
            ]
            withdrawn = number == 1 and column == 0
            Endorsement.objects.create(
                candidacy=candidacy,
                contract=contract,
                signed_name=full_name,
                committed=True,
                signed_at=_at(20 + column),
                positions=snapshot,
                method=EndorsementMethod.FORUM if column == 2 else EndorsementMethod.ONLINE,
                withdrawn_at=_at(28) if withdrawn else None,
                withdrawal_reason=(
                    "Partia ime vendosi një program tjetër për ujin; nuk mund ta mbaj këtë premtim."
                    if withdrawn
                    else ""
                ),
            )
            count += 1
    log(f"{len(PARTIES)} parties; candidates, positions and {count} new endorsements for 2023")
