"""The bench-scale dataset, on top of the demo content (`load_demo_data`).

Bulk inserts only: `bulk_create` for the few thousand structural rows and
PostgreSQL COPY (psycopg 3) for citizens, supports and comments. Every
citizen shares one precomputed password hash. Deterministic (a seeded
random generator), so two runs of a preset build the same data.
"""

import datetime
import random
import time
import uuid
import zoneinfo

from allauth.account.models import EmailAddress

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.text import slugify

from wagtail.models import Locale

from cms_pages.models import Election, Municipality
from consultations.models import (
    Comment,
    ConsultationIndexPage,
    ConsultationPage,
    Priority,
    Sector,
    SocialContract,
    Vote,
)
from forums.models import (
    Candidacy,
    CandidacyStatus,
    Endorsement,
    ForumIndexPage,
    ForumPage,
    Party,
    Position,
    Stance,
)
from scorecards.models import Assessment, MunicipalityScorecardPage, ScorecardIndexPage, Status

TIRANE = zoneinfo.ZoneInfo("Europe/Tirane")
CITIZEN_EMAIL = "citizen{n}@bench.example"
BIG_SLUG = "bench-big"  # the municipality whose open consultation is very large
WORDS = [
    "ujë",
    "rrugë",
    "shkollë",
    "kopsht",
    "park",
    "ndriçim",
    "transport",
    "mbetje",
    "buxhet",
    "këshill",
    "lagje",
    "shëndet",
    "sport",
    "rini",
    "bibliotekë",
    "treg",
    "kanalizime",
    "trotuar",
    "gjelbërim",
    "transparencë",
]


def at(date, hour=0):
    return datetime.datetime.combine(date, datetime.time(hour), tzinfo=TIRANE)


class Generator:
    def __init__(self, preset, log):
        self.preset = preset
        self.log = log
        self.rng = random.Random(7)  # noqa: S311 - made-up data, not security
        self.started = time.monotonic()
        self.albanian = Locale.objects.get(language_code="sq")

    def step(self, message):
        self.log(f"[{time.monotonic() - self.started:6.1f}s] {message}")

    def sentence(self, words=12):
        return " ".join(self.rng.choice(WORDS) for _ in range(words)).capitalize() + "."

    def copy(self, table, columns, rows):
        """COPY rows into a table (psycopg 3); returns how many."""
        count = 0
        with connection.cursor() as cursor:
            raw = cursor.cursor if hasattr(cursor, "cursor") else cursor
            names = ", ".join(f'"{column}"' for column in columns)
            with raw.copy(f"COPY {table} ({names}) FROM STDIN") as copy:  # noqa: S608
                for row in rows:
                    copy.write_row(row)
                    count += 1
        return count

    # --- structure -------------------------------------------------------------

    def run(self):
        with transaction.atomic():
            self.municipalities()
            self.contracts()
            self.priorities()
            self.pages()
        self.citizens()
        self.votes()
        self.comments()
        self.counts()
        with transaction.atomic():
            self.assessments()
            self.forums()
            self.forum_pages()
        with connection.cursor() as cursor:
            # Vacuumed now, not by autovacuum during the first scenarios (after
            # a million inserts it took a core while the static file was served);
            # VACUUM cannot run in a transaction (a test's, for instance).
            vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
            cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")
        self.step("done")

    def municipalities(self):
        existing = Municipality.objects.filter(locale=self.albanian).count()
        missing = self.preset.municipalities - existing
        rows = []
        for n in range(max(missing, 0)):
            slug = BIG_SLUG if n == 0 else f"bench-{n:02d}"
            name = "Bashkia e Madhe" if n == 0 else f"Bashkia {n:02d}"
            rows.append(
                Municipality(
                    name=name, slug=slug, locale=self.albanian, translation_key=uuid.uuid4()
                )
            )
        Municipality.objects.bulk_create(rows)
        self.all_municipalities = list(
            Municipality.objects.filter(locale=self.albanian).order_by("pk")
        )
        self.step(f"{len(self.all_municipalities)} municipalities")

    def contracts(self):
        elections = list(Election.objects.filter(locale=self.albanian).order_by("date"))
        self.elections = elections
        today = timezone.localdate()
        have = set(SocialContract.objects.values_list("municipality_id", "election_id"))
        rows = []
        for election in elections:
            held = election.date <= today
            for municipality in self.all_municipalities:
                if (municipality.pk, election.pk) in have:
                    continue
                if held:
                    opens = datetime.date(election.date.year, 2, 1)
                    fields = {
                        "opens_at": at(opens),
                        "closes_at": at(opens + datetime.timedelta(days=58)),
                        "finalised_at": at(opens + datetime.timedelta(days=68)),
                        "endorsement_deadline": election.date - datetime.timedelta(days=9),
                        "opening_announced_at": at(opens),
                        "max_supports": None,
                    }
                else:
                    fields = {
                        "opens_at": at(today - datetime.timedelta(days=7)),
                        "closes_at": at(today + datetime.timedelta(days=60)),
                        "opening_announced_at": at(today - datetime.timedelta(days=7)),
                        "max_supports": 5,
                    }
                rows.append(
                    SocialContract(
                        municipality=municipality, election=election, residents_only=True, **fields
                    )
                )
        SocialContract.objects.bulk_create(rows)
        self.all_contracts = list(SocialContract.objects.select_related("election", "municipality"))
        self.step(f"{len(self.all_contracts)} social contracts over {len(elections)} elections")

    def priorities(self):
        sectors = list(Sector.objects.filter(locale=self.albanian).order_by("pk"))
        counts = dict(
            Priority.objects.filter(locale=self.albanian)
            .values_list("contract_id")
            .annotate(n=Count("pk"))
        )
        rows = []
        for contract in self.all_contracts:
            wanted = self.preset.priorities
            if contract.municipality.slug == BIG_SLUG and contract.finalised_at is None:
                wanted = self.preset.big_priorities
            have = counts.get(contract.pk, 0)
            for order in range(have + 1, wanted + 1):
                rows.append(
                    Priority(
                        contract=contract,
                        title=f"Prioriteti {order}: {self.sentence(5)}"[:200],
                        description=self.sentence(30),
                        sector=sectors[order % len(sectors)],
                        order=order,
                        in_contract=contract.finalised_at is not None and order <= 12,
                        locale=self.albanian,
                        translation_key=uuid.uuid4(),
                    )
                )
        Priority.objects.bulk_create(rows, batch_size=2000)
        self.by_contract = {}
        for pk, contract_id, in_contract in Priority.objects.filter(
            locale=self.albanian
        ).values_list("pk", "contract_id", "in_contract"):
            self.by_contract.setdefault(contract_id, []).append((pk, in_contract))
        self.step(f"{len(rows)} new priorities ({sum(map(len, self.by_contract.values()))} in all)")

    def _add_page(self, parent, page):
        parent.add_child(instance=page)

    def pages(self):
        consultations = ConsultationIndexPage.objects.filter(locale=self.albanian).first()
        have = set(ConsultationPage.objects.values_list("contract_id", flat=True))
        added = 0
        for contract in self.all_contracts:
            if contract.pk in have or consultations is None:
                continue
            slug = f"{contract.municipality.slug}-{contract.election.date:%Y}"
            self._add_page(
                consultations,
                ConsultationPage(
                    title=f"Kontrata Sociale {contract.election.date:%Y} – "
                    f"{contract.municipality.name}",
                    slug=slugify(slug),
                    contract=contract,
                    intro=f"<p>{self.sentence(20)}</p>",
                ),
            )
            consultations.refresh_from_db()
            added += 1
        scorecards = ScorecardIndexPage.objects.filter(locale=self.albanian).first()
        have = set(MunicipalityScorecardPage.objects.values_list("municipality_id", flat=True))
        for municipality in self.all_municipalities:
            if municipality.pk in have or scorecards is None:
                continue
            self._add_page(
                scorecards,
                MunicipalityScorecardPage(
                    title=f"Karta e vlerësimit – {municipality.name}",
                    slug=municipality.slug,
                    municipality=municipality,
                    intro=f"<p>{self.sentence(15)}</p>",
                ),
            )
            scorecards.refresh_from_db()
            added += 1
        self.step(f"{added} consultation and scorecard pages")

    # --- people and participation ---------------------------------------------

    def citizens(self):
        User = get_user_model()
        have = User.objects.filter(email__endswith="@bench.example").count()
        password = make_password("bench-citizen-password")  # one hash for every citizen
        now = timezone.now()
        municipalities = [m.pk for m in self.all_municipalities]
        table = User._meta.db_table
        columns = [
            "password",
            "is_superuser",
            "first_name",
            "last_name",
            "is_staff",
            "is_active",
            "date_joined",
            "email",
            "display_name",
            "municipality_id",
            "terms_accepted_at",
            "notify_replies",
            "notify_municipality",
            "desk_digest",
            "email_language",
        ]
        rows = (
            (
                password,
                False,
                "",
                "",
                False,
                True,
                now,
                CITIZEN_EMAIL.format(n=n),
                f"Qytetari {n}",
                municipalities[n % len(municipalities)],
                now,
                False,
                False,
                False,
                settings.LANGUAGE_CODE,
            )
            for n in range(have, self.preset.citizens)
        )
        added = self.copy(table, columns, rows)
        users = User.objects.filter(email__endswith="@bench.example", emailaddress__isnull=True)
        addresses = (
            (user_id, email, True, True) for user_id, email in users.values_list("pk", "email")
        )
        self.copy(
            EmailAddress._meta.db_table, ["user_id", "email", "verified", "primary"], addresses
        )
        self.citizen_rows = list(
            User.objects.filter(email__endswith="@bench.example")
            .order_by("pk")
            .values_list("pk", "municipality_id")
        )
        self.step(f"{added} new citizens with verified addresses ({len(self.citizen_rows)} in all)")

    def _contracts_of(self):
        """`{municipality pk: [contract pk, …]}`, the open one first."""
        result = {}
        for contract in sorted(
            self.all_contracts, key=lambda c: (c.finalised_at is not None, c.election.date)
        ):
            result.setdefault(contract.municipality_id, []).append(contract)
        return result

    def votes(self):
        if Vote.objects.filter(citizen__email__endswith="@bench.example").exists():
            self.step("supports already there")
            return
        contracts_of = self._contracts_of()
        rng = self.rng
        now = timezone.now()

        def rows():
            remaining = self.preset.votes
            for number, (citizen, municipality) in enumerate(self.citizen_rows):
                # Spread what is left over the citizens left: those with room
                # make up for those whose contracts are small or capped.
                left = -(-remaining // (len(self.citizen_rows) - number))
                contracts = contracts_of.get(municipality, [])
                for contract in contracts:
                    priorities = [pk for pk, _in in self.by_contract.get(contract.pk, [])]
                    if contract.finalised_at is None:
                        # Open: two supports, so the cap (five) leaves room to vote.
                        take = min(2, left, len(priorities))
                        when = now - datetime.timedelta(hours=rng.randrange(1, 150))
                    else:
                        take = min(left, len(priorities), contract.max_supports or len(priorities))
                        when = contract.opens_at + datetime.timedelta(hours=rng.randrange(1, 900))
                    for pk in rng.sample(priorities, take):
                        yield (pk, citizen, when)
                    left -= take
                    remaining -= take

        count = self.copy(Vote._meta.db_table, ["priority_id", "citizen_id", "created_at"], rows())
        self.step(f"{count} supports")

    def comments(self):
        if Comment.objects.filter(author__email__endswith="@bench.example").exists():
            self.step("comments already there")
            return
        contracts_of = self._contracts_of()
        rng = self.rng
        now = timezone.now()
        tops = int(self.preset.comments * 0.9)
        citizens = self.citizen_rows
        columns = ["priority_id", "author_id", "body", "state", "created_at", "moderation_reason"]

        def pick():
            citizen, municipality = citizens[rng.randrange(len(citizens))]
            contract = rng.choice(contracts_of[municipality])
            pk, _in = rng.choice(self.by_contract[contract.pk])
            return citizen, pk

        def top_rows():
            for _ in range(tops):
                citizen, priority = pick()
                when = now - datetime.timedelta(minutes=rng.randrange(20, 200_000))
                yield (priority, citizen, self.sentence(rng.randrange(8, 40)), "visible", when, "")

        count = self.copy(Comment._meta.db_table, columns, top_rows())
        parents = list(
            Comment.objects.filter(parent__isnull=True, author__email__endswith="@bench.example")
            .order_by("?")
            .values_list("pk", "priority_id")[: self.preset.comments - tops]
        )

        def reply_rows():
            for parent, priority in parents:
                citizen, _municipality = citizens[rng.randrange(len(citizens))]
                yield (priority, citizen, self.sentence(12), parent, "visible", now, "")

        count += self.copy(
            Comment._meta.db_table,
            [
                "priority_id",
                "author_id",
                "body",
                "parent_id",
                "state",
                "created_at",
                "moderation_reason",
            ],
            reply_rows(),
        )
        self.step(f"{count} comments")

    def counts(self):
        """The counts priorities keep, set from the rows COPY wrote (which
        bypasses the acts that keep them): one UPDATE of the priority table."""
        updated = Priority.objects.recount()
        self.step(f"supports and visible comments counted on {updated} priorities")

    def assessments(self):
        User = get_user_model()
        editor = User.objects.filter(email="editor@pop.example").first()
        monitor = User.objects.filter(email="monitor.durres@pop.example").first()
        have = set(Assessment.objects.values_list("priority_id", flat=True).distinct())
        today = timezone.localdate()
        statuses = [Status.NOT, Status.PARTIALLY, Status.FULLY]
        rows = []
        for contract in self.all_contracts:
            if contract.finalised_at is None:
                continue
            start = contract.election.date
            span = min(4 * 365, (today - start).days)
            dates = [
                start + datetime.timedelta(days=span * (r + 1) // self.preset.rounds)
                for r in range(self.preset.rounds)
            ]
            for pk, in_contract in self.by_contract.get(contract.pk, []):
                if not in_contract or pk in have:
                    continue
                level = 0
                for as_of in dates:
                    level = min(level + self.rng.choice((0, 0, 1)), 2)
                    rows.append(
                        Assessment(
                            priority_id=pk,
                            as_of=as_of,
                            status=statuses[level],
                            evidence=f"<p>{self.sentence(25)}</p>",
                            author=monitor,
                            published_by=editor,
                            published_at=at(as_of, 12),
                        )
                    )
        Assessment.objects.bulk_create(rows, batch_size=2000)
        self.step(f"{len(rows)} published assessments")

    def forums(self):
        """Confirmed candidates with positions and endorsements, for the latest
        election held by today whose contracts are finalised (a contract of
        the next election may already be open for signatures)."""
        today = timezone.localdate()
        finalised = [
            c for c in self.all_contracts if c.finalised_at is not None and c.election.date <= today
        ]
        if not finalised:
            return
        latest = max(c.election.date for c in finalised)
        parties = list(Party.objects.filter(locale=self.albanian).order_by("pk"))
        have = set(
            Candidacy.objects.filter(election__date=latest).values_list(
                "municipality_id", flat=True
            )
        )
        stances = [Stance.COMMIT, Stance.COMMIT, Stance.PARTLY, Stance.DECLINE]
        candidacies, plans = [], []
        for contract in finalised:
            if contract.election.date != latest or contract.municipality_id in have:
                continue
            for n in range(self.preset.candidates):
                candidacy = Candidacy(
                    full_name=f"Kandidati {n + 1} – {contract.municipality.name}"[:100],
                    party=parties[n % len(parties)] if parties else None,
                    municipality=contract.municipality,
                    election=contract.election,
                    biography=self.sentence(20),
                    status=CandidacyStatus.CONFIRMED,
                    confirmed_at=contract.finalised_at,
                    won=n == 0,
                )
                candidacies.append(candidacy)
                plans.append((candidacy, contract))
        Candidacy.objects.bulk_create(candidacies)
        positions, endorsements = [], []
        for candidacy, contract in plans:
            snapshot = []
            for pk, in_contract in self.by_contract.get(contract.pk, []):
                if not in_contract:
                    continue
                stance = self.rng.choice(stances)
                statement = self.sentence(10)
                positions.append(
                    Position(
                        candidacy=candidacy, priority_id=pk, stance=stance, statement=statement
                    )
                )
                snapshot.append({"priority": pk, "stance": stance, "statement": statement})
            endorsements.append(
                Endorsement(
                    candidacy=candidacy,
                    contract=contract,
                    signed_name=candidacy.full_name,
                    committed=True,
                    signed_at=contract.finalised_at + datetime.timedelta(days=5),
                    positions=snapshot,
                )
            )
        Position.objects.bulk_create(positions, batch_size=2000)
        Endorsement.objects.bulk_create(endorsements)
        self.latest_held = latest
        self.step(
            f"{len(candidacies)} candidacies, {len(positions)} positions, "
            f"{len(endorsements)} endorsements ({latest:%Y})"
        )

    def forum_pages(self):
        """One forum page per municipality for the latest held election, under
        the Albanian forum index of the demo content."""
        index = ForumIndexPage.objects.filter(locale=self.albanian).first()
        if index is None:
            self.step("no forum index page: forum pages skipped")
            return
        latest = getattr(self, "latest_held", None)
        have = set(ForumPage.objects.values_list("contract_id", flat=True))
        added = 0
        for contract in self.all_contracts:
            if contract.finalised_at is None or contract.election.date != latest:
                continue
            if contract.pk in have:
                continue
            self._add_page(
                index,
                ForumPage(
                    title=f"Forumi publik – {contract.municipality.name}",
                    slug=slugify(f"forum-{contract.municipality.slug}-{latest:%Y}"),
                    municipality=contract.municipality,
                    election=contract.election,
                    contract=contract,
                    starts_at=at(latest - datetime.timedelta(days=20), 18),
                    venue=f"Pallati i Kulturës, {contract.municipality.name}",
                    intro=self.sentence(15),
                ),
            )
            index.refresh_from_db()
            added += 1
        self.step(f"{added} forum pages")
