"""Demo council sessions: a few sittings of the municipal councils of Durrës
and Fier, recorded against their Social Contracts' priorities as the network
monitors them (POP 2020: the council's sessions followed with the contract as
the reference document), each with its decisions. Published by the demo
editor. Safe to run again: sessions are found by municipality and date,
decisions by number."""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from consultations.models import Priority
from scorecards.models import CouncilDecision, CouncilSession, Outcome, SessionType

D = datetime.date

#: (municipality, date, type, agenda, [(number, title, outcome, amount, votes, priority positions)])
SESSIONS = [
    (
        "durres",
        D(2020, 3, 12),
        SessionType.ORDINARY,
        "1. Buxheti i bashkisë për vitin 2020.\n2. Programi i investimeve në shkolla.",
        [
            (
                "18",
                "Miratimi i buxhetit vjetor 2020",
                Outcome.APPROVED,
                Decimal("4200000000"),
                (27, 12, 2),
                [0, 1],
            ),
            (
                "19",
                "Rikonstruksioni i dy shkollave 9-vjeçare",
                Outcome.APPROVED,
                Decimal("86000000"),
                (30, 5, 1),
                [1],
            ),
        ],
    ),
    (
        "durres",
        D(2021, 6, 24),
        SessionType.EXTRAORDINARY,
        "Ndriçimi publik në lagjet periferike.",
        [
            (
                "54",
                "Fondi për ndriçimin publik në lagjet periferike",
                Outcome.POSTPONED,
                None,
                None,
                [2],
            ),
        ],
    ),
    (
        "durres",
        D(2024, 4, 25),
        SessionType.ORDINARY,
        "1. Plani i transportit publik.\n2. Hapësirat e gjelbra për të rinjtë.",
        [
            (
                "31",
                "Linja e re e autobusit urban drejt zonave rurale",
                Outcome.APPROVED,
                Decimal("12500000"),
                (28, 9, 3),
                [0],
            ),
            (
                "32",
                "Parku i lagjes për fëmijë dhe të rinj",
                Outcome.REJECTED,
                Decimal("9000000"),
                (14, 21, 4),
                [1],
            ),
            ("33", "Qendra komunitare për të moshuarit", Outcome.WITHDRAWN, None, None, []),
        ],
    ),
    (
        "fier",
        D(2024, 10, 17),
        SessionType.ORDINARY,
        "Furnizimi me ujë të pijshëm dhe kanalizimet.",
        [
            (
                "77",
                "Rrjeti i ujësjellësit në fshatrat e njësisë administrative",
                Outcome.APPROVED,
                Decimal("31000000"),
                (25, 6, 0),
                [0],
            ),
        ],
    ),
]


def contract_priorities(municipality, day):
    """The priorities of the municipality's contract in force on `day`."""
    priorities = list(
        Priority.objects.source()
        .filter(
            in_contract=True,
            contract__municipality=municipality,
            contract__finalised_at__isnull=False,
            contract__election__date__lte=day,
        )
        .order_by("-contract__election__date", "order", "pk")
    )
    if not priorities:
        return []
    latest = priorities[0].contract_id
    return [p for p in priorities if p.contract_id == latest]


def load(log, municipalities):
    editor = get_user_model().objects.get(email="editor@pop.example")
    recorded = 0
    for slug, day, kind, agenda, decisions in SESSIONS:
        municipality = municipalities[slug]
        session, _ = CouncilSession.objects.get_or_create(
            municipality=municipality,
            date=day,
            defaults={
                "session_type": kind,
                "agenda": agenda,
                "minutes_url": f"https://vendime.example.org/{slug}/keshilli/{day:%Y-%m-%d}/",
                "published_by": editor,
                "published_at": timezone.now(),
            },
        )
        priorities = contract_priorities(municipality, day)
        for order, (number, title, outcome, amount, votes, positions) in enumerate(decisions):
            for_, against, abstaining = votes or (None, None, None)
            decision, created = CouncilDecision.objects.get_or_create(
                session=session,
                number=number,
                defaults={
                    "title": title,
                    "outcome": outcome,
                    "amount": amount,
                    "votes_for": for_,
                    "votes_against": against,
                    "abstaining": abstaining,
                    "order": order,
                },
            )
            if created:
                decision.priorities.set([priorities[i] for i in positions if i < len(priorities)])
                recorded += 1
    log(f"Council sessions: {len(SESSIONS)} in Durrës and Fier, {recorded} decisions recorded")
