"""A priority's status on a date, and the scorecard figures computed from it."""

import datetime

import pytest

from scorecards.models import Assessment, Scorecard, Status, largest_remainder

from .factories import (
    AssessmentFactory,
    AssessmentSourceFactory,
    FinalisedContractFactory,
    MonitoredPriorityFactory,
)

pytestmark = pytest.mark.django_db

D = datetime.date


def status_on(priority, as_of):
    found = Assessment.objects.status_on(type(priority).objects.filter(pk=priority.pk), as_of)
    assessment = found[priority.pk]
    return assessment.status if assessment else None


def test_latest_published_on_or_before_the_date():
    priority = MonitoredPriorityFactory()
    AssessmentFactory(priority=priority, as_of=D(2020, 6, 30), status=Status.NOT)
    AssessmentFactory(priority=priority, as_of=D(2021, 6, 30), status=Status.PARTIALLY)
    AssessmentFactory(priority=priority, as_of=D(2022, 6, 30), status=Status.FULLY)
    assert status_on(priority, D(2020, 6, 29)) is None
    assert status_on(priority, D(2020, 6, 30)) == Status.NOT
    assert status_on(priority, D(2021, 12, 31)) == Status.PARTIALLY
    assert status_on(priority, D(2030, 1, 1)) == Status.FULLY


def test_drafts_are_ignored():
    priority = MonitoredPriorityFactory()
    AssessmentFactory(priority=priority, as_of=D(2020, 6, 30), status=Status.NOT)
    AssessmentFactory(
        priority=priority, as_of=D(2021, 6, 30), status=Status.FULLY, published_at=None
    )
    assert status_on(priority, D(2022, 1, 1)) == Status.NOT


def test_a_correction_on_the_same_date_wins():
    priority = MonitoredPriorityFactory()
    wrong = AssessmentFactory(priority=priority, as_of=D(2021, 6, 30), status=Status.FULLY)
    AssessmentFactory(
        priority=priority, as_of=D(2021, 6, 30), status=Status.PARTIALLY, corrects=wrong
    )
    assert status_on(priority, D(2021, 12, 31)) == Status.PARTIALLY
    # The corrected assessment stays in the history.
    assert priority.assessments.count() == 2


def test_not_yet_assessed_without_any_published_assessment():
    priority = MonitoredPriorityFactory()
    assert status_on(priority, D(2030, 1, 1)) is None


def test_percentages_and_score_on_a_hand_checked_case():
    card = Scorecard(fully=1, partially=2, not_addressed=1, not_assessed=0)
    assert card.total == 4
    assert card.addressed == 3
    assert card.percentages == [25.0, 50.0, 25.0, 0.0]
    assert card.addressed_percent == 75.0
    # (1 + ½ × 2) / 4 = 50 %
    assert card.score == 50.0


def test_score_counts_only_assessed_priorities():
    card = Scorecard(fully=1, partially=1, not_addressed=0, not_assessed=2)
    assert card.percentages == [25.0, 25.0, 0.0, 50.0]
    assert card.score == 75.0
    assert Scorecard(not_assessed=3).score is None
    assert Scorecard().percentages == [0, 0, 0, 0]


@pytest.mark.parametrize(
    "counts",
    [(1, 1, 1), (2, 2, 2, 1), (1, 0, 0, 2), (17, 58, 25), (7, 11, 13, 3), (1, 1, 1, 1, 1, 1, 1)],
)
def test_largest_remainder_always_sums_to_100(counts):
    shares = largest_remainder(counts, sum(counts))
    assert round(sum(shares), 1) == 100.0
    for count, share in zip(counts, shares, strict=True):
        assert abs(share - count * 100 / sum(counts)) < 0.1


def test_largest_remainder_thirds():
    assert largest_remainder([1, 1, 1], 3) == [33.4, 33.3, 33.3]
    assert largest_remainder([1, 1, 1], 3, places=0) == [34, 33, 33]


def test_scorecards_per_contract_and_network():
    first = FinalisedContractFactory()
    second = FinalisedContractFactory(election=first.election)
    a, b, c = MonitoredPriorityFactory.create_batch(3, contract=first)
    d = MonitoredPriorityFactory(contract=second)
    AssessmentFactory(priority=a, status=Status.FULLY, as_of=D(2020, 12, 31))
    AssessmentFactory(priority=b, status=Status.NOT, as_of=D(2020, 12, 31))
    AssessmentFactory(priority=b, status=Status.PARTIALLY, as_of=D(2021, 12, 31))
    AssessmentFactory(priority=d, status=Status.NOT, as_of=D(2020, 12, 31), published_at=None)
    cards = Assessment.objects.scorecards(as_of=D(2020, 12, 31))
    assert cards[first.pk] == Scorecard(fully=1, not_addressed=1, not_assessed=1)
    assert cards[second.pk] == Scorecard(not_assessed=1)
    network, per_municipality = Assessment.objects.network_scorecard(
        first.election, as_of=D(2021, 12, 31)
    )
    assert network == Scorecard(fully=1, partially=1, not_assessed=2)
    assert per_municipality[second.municipality_id] == Scorecard(not_assessed=1)
    assert c.pk  # c is never assessed


def test_priorities_outside_the_contract_are_not_counted():
    contract = FinalisedContractFactory()
    MonitoredPriorityFactory(contract=contract)
    MonitoredPriorityFactory(contract=contract, in_contract=False)
    assert Assessment.objects.scorecards()[contract.pk].total == 1


def test_status_on_and_scorecards_make_a_fixed_number_of_queries(django_assert_num_queries):
    def build(n):
        for _ in range(n):
            for priority in MonitoredPriorityFactory.create_batch(2):
                for year in (2020, 2021, 2022):
                    AssessmentFactory(priority=priority, as_of=D(year, 12, 31))

    from consultations.models import Priority

    build(3)
    with django_assert_num_queries(2):
        Assessment.objects.status_on(Priority.objects.all(), D(2021, 12, 31))
    with django_assert_num_queries(1):
        Assessment.objects.network_scorecard(as_of=D(2021, 12, 31))
    build(10)
    with django_assert_num_queries(2):
        found = Assessment.objects.status_on(Priority.objects.all(), D(2021, 12, 31))
    assert len(found) == 26
    assert {a.as_of for a in found.values()} == {D(2021, 12, 31)}
    with django_assert_num_queries(1):
        network, _ = Assessment.objects.network_scorecard(as_of=D(2021, 12, 31))
    assert network.partially == 26


def test_a_contract_counts_from_the_day_it_is_finalised():
    import zoneinfo

    tirane = zoneinfo.ZoneInfo("Europe/Tirane")
    late = FinalisedContractFactory(
        finalised_at=datetime.datetime(2021, 3, 15, 23, 30, tzinfo=tirane)
    )
    MonitoredPriorityFactory(contract=late)
    assert late.pk not in Assessment.objects.scorecards(as_of=D(2021, 3, 14))
    assert Assessment.objects.scorecards(as_of=D(2021, 3, 15))[late.pk].not_assessed == 1


def test_timeline_on_a_hand_checked_case(django_assert_num_queries):
    """Two contracts, one finalised only in 2021: the split at the end of each
    year, counted by hand."""
    early = FinalisedContractFactory()
    late = FinalisedContractFactory(
        election=early.election, finalised_at=datetime.datetime(2021, 3, 1, tzinfo=datetime.UTC)
    )
    a, b = MonitoredPriorityFactory.create_batch(2, contract=early)
    c = MonitoredPriorityFactory(contract=late)
    AssessmentFactory(priority=a, status=Status.NOT, as_of=D(2020, 12, 31))
    AssessmentFactory(priority=a, status=Status.FULLY, as_of=D(2021, 12, 31))
    AssessmentFactory(priority=b, status=Status.PARTIALLY, as_of=D(2021, 6, 30))
    AssessmentFactory(priority=c, status=Status.NOT, as_of=D(2021, 12, 31))
    AssessmentFactory(priority=c, status=Status.FULLY, as_of=D(2022, 6, 1), published_at=None)
    days = [D(2020, 12, 31), D(2021, 12, 31), D(2022, 12, 31)]
    with django_assert_num_queries(1):
        timeline = Assessment.objects.network_timeline(days, early.election)
    assert timeline[days[0]][0] == Scorecard(not_addressed=1, not_assessed=1)
    assert timeline[days[1]][0] == Scorecard(fully=1, partially=1, not_addressed=1)
    assert timeline[days[1]][1][late.municipality_id] == Scorecard(not_addressed=1)
    assert timeline[days[2]][0] == timeline[days[1]][0]  # the draft does not count
    assert timeline[days[1]][0].percentages == [33.4, 33.3, 33.3, 0.0]
    assert timeline[days[1]][0].score == 50.0


def test_from_histories_matches_the_database():
    priority = MonitoredPriorityFactory()
    AssessmentFactory(priority=priority, as_of=D(2020, 6, 30), status=Status.NOT)
    AssessmentFactory(priority=priority, as_of=D(2021, 6, 30), status=Status.PARTIALLY)
    history = list(Assessment.objects.published().latest_first())
    for day in (D(2020, 1, 1), D(2020, 6, 30), D(2021, 12, 31)):
        expected = Assessment.objects.scorecards(as_of=day).get(priority.contract_id, Scorecard())
        assert Scorecard.from_histories([history], day) == expected


def test_histories_newest_first_with_sources_in_a_fixed_number_of_queries(
    django_assert_num_queries,
):
    priorities = MonitoredPriorityFactory.create_batch(3)
    for priority in priorities:
        for year in (2020, 2021):
            AssessmentSourceFactory(
                assessment=AssessmentFactory(priority=priority, as_of=D(year, 12, 31))
            )
    AssessmentFactory(priority=priorities[0], as_of=D(2022, 12, 31), published_at=None)
    pks = [p.pk for p in priorities]
    # assessments (with their replies), sources, documents, cited council decisions
    with django_assert_num_queries(4):
        histories = Assessment.objects.histories(pks)
        sources = [s.title for h in histories.values() for a in h for s in a.sources.all()]
    assert set(histories) == set(pks)
    assert [a.as_of.year for a in histories[pks[0]]] == [2021, 2020]  # the draft is not history
    assert len(sources) == 6
