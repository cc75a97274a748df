"""The scorecard calculator: the statuses an assessment can give a priority,
and the split of a set of priorities by status on a date, with percentages
that add up to 100 and the score. Pure arithmetic, no query: the QuerySets
in `scorecards.models` count, this module computes."""

from collections import Counter
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    """What an assessment found about a priority on its date."""

    FULLY = "fully", _("Fully addressed")
    PARTIALLY = "partially", _("Partially addressed")
    NOT = "not", _("Not addressed")


#: The status of a priority with no published assessment on a date.
NOT_YET_ASSESSED = "not_yet"
NOT_YET_ASSESSED_LABEL = _("Not yet assessed")


def largest_remainder(counts, total, places=1):
    """Percentages of `total` for `counts`, rounded to `places` decimals by the
    largest-remainder method so that they always add up to exactly 100."""
    if not total:
        return [0 for _ in counts]
    scale = 100 * 10**places
    exact = [count * scale / total for count in counts]
    floors = [int(value) for value in exact]
    left = scale - sum(floors)
    # Hand the missing units to the largest remainders (ties: earlier first).
    by_remainder = sorted(range(len(counts)), key=lambda i: (-(exact[i] - floors[i]), i))
    for i in by_remainder[:left]:
        floors[i] += 1
    return [units / 10**places for units in floors]


@dataclass(frozen=True)
class Scorecard:
    """The split of a set of priorities by status on a date.

    Percentages are of all the priorities, "not yet assessed" included, and add
    up to 100. The score counts fully addressed as 1, partially as ½ and not
    addressed as 0, over the assessed priorities, on a scale of 0 to 100.
    """

    fully: int = 0
    partially: int = 0
    not_addressed: int = 0
    not_assessed: int = 0

    @classmethod
    def from_counts(cls, by_status):
        """From `{status or None: count}` (None: not yet assessed)."""
        return cls(
            fully=by_status.get(Status.FULLY, 0),
            partially=by_status.get(Status.PARTIALLY, 0),
            not_addressed=by_status.get(Status.NOT, 0),
            not_assessed=by_status.get(None, 0),
        )

    @classmethod
    def from_histories(cls, histories, day):
        """From each priority's published assessments, newest first (as
        `latest_first()` orders them): the split on `day`, with no query."""
        return cls.from_counts(Counter(status_in_history(history, day) for history in histories))

    def __add__(self, other):
        return Scorecard(
            self.fully + other.fully,
            self.partially + other.partially,
            self.not_addressed + other.not_addressed,
            self.not_assessed + other.not_assessed,
        )

    @property
    def total(self):
        return self.fully + self.partially + self.not_addressed + self.not_assessed

    @property
    def assessed(self):
        return self.total - self.not_assessed

    @property
    def addressed(self):
        return self.fully + self.partially

    @property
    def counts(self):
        return [self.fully, self.partially, self.not_addressed, self.not_assessed]

    @property
    def percentages(self):
        """`[fully, partially, not addressed, not yet assessed]`, summing to 100."""
        return largest_remainder(self.counts, self.total)

    @property
    def fully_percent(self):
        return self.percentages[0]

    @property
    def partially_percent(self):
        return self.percentages[1]

    @property
    def not_addressed_percent(self):
        return self.percentages[2]

    @property
    def not_assessed_percent(self):
        return self.percentages[3]

    @property
    def addressed_percent(self):
        """Fully + partially, from the rounded shares so the page adds up."""
        fully, partially, *_ = self.percentages
        return round(fully + partially, 1)

    @property
    def score(self):
        """`(fully + ½ × partially) / assessed × 100`, one decimal; None when
        nothing is assessed yet."""
        if not self.assessed:
            return None
        return round((self.fully + self.partially / 2) * 100 / self.assessed, 1)

    def rows(self):
        """`(key, label, count, percent)` per status, for tables and charts."""
        labels = [*Status.labels, NOT_YET_ASSESSED_LABEL]
        keys = [*Status.values, NOT_YET_ASSESSED]
        return list(zip(keys, labels, self.counts, self.percentages, strict=True))

    def segments(self):
        """The non-empty parts of a stacked bar 100 units wide: `key, label,
        count, percent, x, width` (x and width in the bar's units)."""
        x = 0.0
        parts = []
        for key, label, count, percent in self.rows():
            if count:
                parts.append(
                    {
                        "key": key,
                        "label": label,
                        "count": count,
                        "percent": percent,
                        "x": x,
                        "width": percent,
                        "middle": x + percent / 2,
                    }
                )
                x += percent
        return parts


def status_in_history(history, day):
    """The status on `day` from a priority's published assessments, newest
    first: the first one on or before that day (None if there is none)."""
    return next((a.status for a in history if a.as_of <= day), None)
