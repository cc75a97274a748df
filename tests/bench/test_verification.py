"""The benchmark's own check of the vote scenario: the database must hold
exactly what the load generator was told (a hand-made mismatch fails)."""

from bench.verify import counter_problems, expected_supports, verify


def entry(initial, events, cap=5):
    return {"contract": 1, "cap": cap, "initial": initial, "events": events}


def test_acknowledged_supports_and_withdrawals_are_applied_in_order():
    events = [["support", 3, "ack"], ["withdraw", 1, "ack"], ["support", 1, "ack"]]
    assert expected_supports([1, 2], events) == ({1, 2, 3}, set())


def test_refusals_change_nothing_and_unanswered_requests_are_unknown():
    events = [["support", 3, "refused"], ["support", 4, "pending"], ["withdraw", 2, "error"]]
    assert expected_supports([2], events) == ({2}, {4, 2})


def test_matching_database_passes():
    record = {"7": entry([1], [["support", 2, "ack"], ["withdraw", 1, "ack"]])}
    problems, counts = verify(record, {"7": [2]})
    assert problems == []
    assert counts["acknowledged"] == 1
    assert counts["withdrawn"] == 1


def test_a_lost_support_fails():
    record = {"7": entry([], [["support", 2, "ack"]])}
    problems, _counts = verify(record, {"7": []})
    assert problems == ["citizen 7: acknowledged supports missing: [2]"]


def test_a_withdrawn_support_still_there_fails():
    record = {"7": entry([2], [["withdraw", 2, "ack"]])}
    problems, _counts = verify(record, {"7": [2]})
    assert len(problems) == 1
    assert "should not be there" in problems[0]


def test_a_duplicate_support_fails():
    record = {"7": entry([], [["support", 2, "ack"]])}
    problems, _counts = verify(record, {"7": [2, 2]})
    assert problems == ["citizen 7: duplicate supports of [2]"]


def test_exceeding_the_cap_fails():
    record = {"7": entry([1, 2], [["support", 3, "pending"]], cap=2)}
    problems, _counts = verify(record, {"7": [1, 2, 3]})
    assert problems == ["citizen 7: 3 supports, over the cap of 2"]


def test_a_support_in_flight_at_the_end_may_or_may_not_be_there():
    record = {"7": entry([], [["support", 2, "pending"]])}
    assert verify(record, {"7": [2]})[0] == []
    assert verify(record, {"7": []})[0] == []


def test_counters_differing_from_their_rows_are_listed():
    assert counter_problems([]) == []
    assert counter_problems([(4, 10, 11, 2, 2)]) == [
        "priority 4: keeps 10 supports and 2 comments, its rows say 11 and 2"
    ]
