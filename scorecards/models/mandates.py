"""Elections and contracts as the scorecards read them: the mandate each
election opens (its years, the dates the figures are shown for), the
elections whose contracts are monitored, and a municipality's monitored
contracts. `Election` and `SocialContract` belong to upstream apps; what the
scorecards ask of them is written here, once, as QuerySet methods:
`elections().monitored()`, `contracts().finalised().of_municipality(…)`."""

import datetime
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Subquery
from django.utils import timezone

from cms_pages.models import Election, LocalizedQuerySet, TranslatableQuerySet
from consultations.models import SocialContract

from .assessments import Assessment


def next_election_date(election_date_field="date"):
    """A subquery: the date of the next local election after the outer row's
    `election_date_field` (None if none is planned yet)."""
    return Subquery(
        Election.objects.source()
        .filter(date__gt=OuterRef(election_date_field))
        .order_by("date")
        .values("date")[:1]
    )


@dataclass(frozen=True)
class Mandate:
    """The mandate an election opens: from its date to the next local
    election, or four years on while none is planned. The scorecards are
    read at the end of each of its calendar years and at its end."""

    start: datetime.date
    following: datetime.date | None = None

    @property
    def end(self):
        return self.following or self.start.replace(year=self.start.year + 4)

    def year_ends(self, today=None):
        """The end of each calendar year of the mandate that has passed, and
        the end of the mandate itself once it has come."""
        today = today or timezone.localdate()
        end = self.end
        dates = [
            datetime.date(year, 12, 31)
            for year in range(self.start.year + 1, end.year + 1)
            if datetime.date(year, 12, 31) < end
        ]
        dates.append(end)
        return [day for day in dates if day <= today]

    def timeline_dates(self, today=None):
        """The over-time chart's dates: the end of each mandate year passed,
        and today."""
        today = today or timezone.localdate()
        quick_dates = self.year_ends(today)
        if not quick_dates or quick_dates[-1] < today:
            return [*quick_dates, today]
        return quick_dates


class ElectionQuerySet(TranslatableQuerySet):
    """Elections, with what the scorecards need to know of them."""

    def monitored(self):
        """The source-language elections with finalised contracts, newest
        first, each with `has_assessments` (any published) and `following`
        (the next election's date): one query."""
        return (
            self.source()
            .filter(
                Exists(
                    SocialContract.objects.filter(
                        election=OuterRef("pk"), finalised_at__isnull=False
                    )
                )
            )
            .annotate(
                has_assessments=Exists(
                    Assessment.objects.published().filter(
                        priority__contract__election=OuterRef("pk")
                    )
                ),
                following=next_election_date(),
            )
            .order_by("-date")
        )

    def held(self, today=None):
        """The elections already held (a mandate to monitor begins with one)."""
        return self.filter(date__lte=today or timezone.localdate())


def elections():
    """Every election, as an `ElectionQuerySet`."""
    return ElectionQuerySet(Election)


def choose_election(monitored, pk=None):
    """Among `monitored` (a list from `monitored()`): the one with id `pk`;
    without one, the latest whose contracts have published assessments, else
    the latest; None when nothing is monitored. The scorecards' default."""
    if pk is not None:
        return next((election for election in monitored if election.pk == pk), None)
    return next(
        (election for election in monitored if election.has_assessments),
        monitored[0] if monitored else None,
    )


class ContractQuerySet(LocalizedQuerySet):
    """Social Contracts, with what the scorecards need to know of them.
    `.localized("election__name")` sets each row's `localized_election_name`
    in the rows' query: the text `SocialContract.localized_election_name`
    would otherwise fetch with a query per contract."""

    def finalised(self):
        """The contracts monitors follow: finalised ones."""
        return self.filter(finalised_at__isnull=False)

    def of_municipality(self, municipality):
        return self.filter(municipality=municipality)

    def latest_first(self):
        return self.order_by("-election__date")

    def held(self, today=None):
        """The contracts whose election has been held: before it there is
        nothing to monitor, so no scorecard to offer."""
        return self.filter(election__date__lte=today or timezone.localdate())

    def with_mandate(self):
        """Each with `following`: the date of the election after its own."""
        return self.annotate(following=next_election_date("election__date"))

    def assessed(self):
        """The ones with a published assessment of one of their priorities."""
        return self.filter(
            Exists(Assessment.objects.published().filter(priority__contract=OuterRef("pk")))
        )


def contracts():
    """Every Social Contract, as a `ContractQuerySet`."""
    return ContractQuerySet(SocialContract)
