"""A small public record to answer with (forums, candidacies, signed
positions, endorsements, a consultation's supports and comments, answered
questions), made by recognisable people: every citizen and account has an
e-mail and a display name that must never appear in the open data."""

import datetime
import itertools

from django.utils import timezone

from consultations.states import CommentState
from forums.models import EndorsementMethod, Question, QuestionState

from ..accounts.factories import UserFactory
from ..cms_pages.factories import ElectionFactory, MunicipalityFactory
from ..consultations.factories import CommentFactory, VoteFactory
from ..forums.factories import CandidacyFactory, EndorsementFactory, PartyFactory
from ..forums.forum_helpers import make_forum
from .factories import AssessmentFactory, FinalisedContractFactory, MonitoredPriorityFactory

D = datetime.date
TIRANE_NOON = datetime.time(12, tzinfo=datetime.timezone(datetime.timedelta(hours=2)))


def moment(day):
    return datetime.datetime.combine(day, TIRANE_NOON)


NUMBERS = itertools.count()


def secret_people(count=3):
    """Citizens with names and addresses a leak would show."""
    numbers = [next(NUMBERS) for _ in range(count)]
    return [
        UserFactory(
            email=f"sekret.qytetar{n}@private.example",
            display_name=f"Qytetarja Sekrete Zana{n}",
        )
        for n in numbers
    ]


def build_record(index, en, size=1, election=None, municipality=None):
    """`size` municipalities' worth of record for one election (2023): a
    finalised contract with two priorities (the first translated), three
    citizens' supports and comments, two confirmed candidates (one won), an
    online endorsement and a withdrawn one at the forum, a forum (with an
    English alias and outcome, under the forum index `index`) and two
    questions, one answered."""
    election = election or ElectionFactory(name="Zgjedhjet vendore 2023", date=D(2023, 5, 14))
    made = []
    for n in range(size):
        place = (
            municipality
            if municipality is not None and n == 0
            else MunicipalityFactory(name=f"Bashkia {n}", slug=f"bashkia-{n}-{election.pk}")
        )
        contract = FinalisedContractFactory(municipality=place, election=election)
        first, second = MonitoredPriorityFactory.create_batch(2, contract=contract)
        english = first.copy_for_translation(en)
        english.title = "Clean water"
        english.save()
        people = secret_people(3)
        for person in people:
            VoteFactory(priority=first, citizen=person)
        VoteFactory(priority=second, citizen=people[0])
        CommentFactory(priority=first, author=people[1], body='=HYPERLINK("x")')
        CommentFactory(priority=second, author=people[1], state=CommentState.HIDDEN)
        AssessmentFactory(priority=first, as_of=D(2024, 12, 31), status="fully")
        party = PartyFactory(name="Partia e Gjelbër", short_name="PG")
        winner = CandidacyFactory(
            contract=contract, party=party, full_name="Arben Kandidati", won=True
        )
        other = CandidacyFactory(contract=contract, party=None, full_name="Drita Pavarura")
        snapshot = [
            {"priority": first.pk, "stance": "commit", "statement": "Po, brenda 2025."},
            {"priority": second.pk, "stance": "partly", "statement": ""},
        ]
        signed = EndorsementFactory(
            candidacy=winner,
            contract=contract,
            signed_at=moment(D(2023, 4, 20)),
            positions=snapshot,
        )
        withdrawn = EndorsementFactory(
            candidacy=other,
            contract=contract,
            method=EndorsementMethod.FORUM,
            signed_at=moment(D(2023, 4, 28)),
            withdrawn_at=moment(D(2023, 5, 2)),
            withdrawal_reason="Ndryshova mendje.",
            positions=snapshot[:1],
        )
        forum = make_forum(
            index,
            place,
            election,
            starts_at=moment(D(2023, 4, 28)),
            contract=contract,
            outcome="<p>Dy kandidatë <b>nënshkruan</b>.</p>",
            moderator_name="Moderatori",
        )
        answered = Question.objects.create(
            forum=forum,
            author=people[2],
            priority=first,
            text="Kur do të ketë ujë?",
            state=QuestionState.APPROVED,
            created_at=moment(D(2023, 4, 10)),
            moderated_by=people[0],
            moderated_at=moment(D(2023, 4, 11)),
            answered_at=timezone.now(),
            answer_summary="Brenda vitit.",
        )
        Question.objects.create(
            forum=forum, author=people[2], text="Pyetje pa përgjigje", state=QuestionState.APPROVED
        )
        made.append(
            {
                "contract": contract,
                "priorities": [first, second],
                "people": people,
                "candidacies": [winner, other],
                "endorsements": [signed, withdrawn],
                "forum": forum,
                "question": answered,
            }
        )
    return election, made
