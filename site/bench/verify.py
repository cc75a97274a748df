"""Checks the database against the load generator's own record of the vote
scenario, and the counts priorities keep against their rows. Pure functions:
`bench_verify` feeds them, tests feed them by hand."""


def expected_supports(initial, events):
    """`(expected, unknown)`: the priorities a citizen must support after
    `events` (`[op, priority, outcome]` in the order sent), and those whose
    fate the record cannot tell (a request in flight when the run stopped, or
    an error)."""
    state, unknown = set(initial), set()
    for op, priority, outcome in events:
        if outcome == "ack":
            if op == "support":
                state.add(priority)
            else:
                state.discard(priority)
            unknown.discard(priority)
        elif outcome != "refused":
            unknown.add(priority)
    return state, unknown


def verify(record, stored):
    """Problems found (empty: all good), and counts for the report.

    `record`: `{citizen: {"cap", "initial", "events"}}` from the load generator;
    `stored`: `{citizen: [priority, …]}`, every support row of that citizen in
    that consultation as the database holds it (duplicates included)."""
    problems = []
    counts = {"citizens": 0, "acknowledged": 0, "withdrawn": 0, "refused": 0, "unknown": 0}
    for citizen, entry in record.items():
        counts["citizens"] += 1
        rows = stored.get(citizen, [])
        have = set(rows)
        expected, unknown = expected_supports(entry["initial"], entry["events"])
        for op, _priority, outcome in entry["events"]:
            if outcome == "ack":
                counts["acknowledged" if op == "support" else "withdrawn"] += 1
            elif outcome == "refused":
                counts["refused"] += 1
        counts["unknown"] += len(unknown)
        if len(rows) != len(have):
            twice = sorted({p for p in rows if rows.count(p) > 1})
            problems.append(f"citizen {citizen}: duplicate supports of {twice}")
        missing = expected - have - unknown
        if missing:
            problems.append(f"citizen {citizen}: acknowledged supports missing: {sorted(missing)}")
        extra = have - expected - unknown
        if extra:
            problems.append(
                f"citizen {citizen}: supports that should not be there "
                f"(withdrawn or never acknowledged): {sorted(extra)}"
            )
        cap = entry.get("cap")
        if cap is not None and len(have) > cap:
            problems.append(f"citizen {citizen}: {len(have)} supports, over the cap of {cap}")
    return problems, counts


def counter_problems(miscounted):
    """One line per priority whose kept counts differ from its rows;
    `miscounted`: `(priority, kept supports, counted supports, kept comments,
    counted comments)` for each (what `Priority.objects.miscounted()` finds)."""
    return [
        f"priority {priority}: keeps {supports} supports and {comments} comments, "
        f"its rows say {counted_supports} and {counted_comments}"
        for priority, supports, counted_supports, comments, counted_comments in miscounted
    ]
