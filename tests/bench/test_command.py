"""The benchmark command refuses a scenario name it does not know, before it
builds or starts anything (it used to run nothing for it, silently)."""

import pytest

from django.core.management.base import CommandError

from bench.management.commands.bench import Command, scenario_names, static_yardstick


def test_an_unknown_scenario_is_refused_with_the_known_names():
    with pytest.raises(CommandError) as refused:
        Command().handle(
            preset="small",
            instances=1,
            regenerate=False,
            seconds=None,
            only="vote,page:home:signed",
            out=None,
        )

    message = str(refused.value)
    assert "Unknown scenario(s): page:home:signed." in message
    assert "page:home:auth" in message and "surge" in message


def test_every_scenario_of_the_pages_is_known():
    names = scenario_names()
    assert {"static", "vote", "surge", "page:home:anon", "page:home:auth"} <= set(names)
    assert "page:api_scorecard:anon" in names
    assert "page:api_scorecard:auth" not in names


def test_ratios_are_taken_against_the_higher_of_the_static_files_runs():
    results = [
        {"scenario": "static", "rps": 715.8},
        {"scenario": "page:home:auth", "rps": 101.9},
        {"scenario": "vote", "rps": 169.0},
        {"scenario": "static:end", "rps": 873.4},
    ]

    assert static_yardstick(results) == (873.4, [715.8, 873.4])
    assert static_yardstick(results[:3]) == (715.8, [715.8])
    assert static_yardstick([{"scenario": "vote", "rps": 169.0}]) == (1, [])
