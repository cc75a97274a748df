"""`pagecache.fragments.kept_here`: the small rows a busy write reads on
every request, kept in the process's own memory under the structure token;
a change retires them all, and past the limit the least recently used goes,
not everything at once."""

import pytest

from pagecache import fragments
from pagecache.invalidation import new_structure


@pytest.fixture
def kept(settings, monkeypatch):
    """`kept(name)`: the value kept for `name`; `kept.computed` lists the
    names computed, in order. Three values at most."""
    settings.POP_PAGE_CACHE_SECONDS = 300
    monkeypatch.setattr(fragments, "KEPT_HERE_LIMIT", 3)
    computed = []

    def compute(name):
        computed.append(name)
        return f"value of {name}"

    def read(name):
        return fragments.kept_here(("tests", name), lambda: compute(name))

    read.computed = computed
    return read


def test_past_the_limit_the_least_recently_used_goes(kept):
    for name in ("a", "b", "c", "a", "d"):
        assert kept(name) == f"value of {name}"
    assert kept.computed == ["a", "b", "c", "d"]
    assert kept("a") == "value of a" and kept("c") == "value of c"
    assert kept.computed == ["a", "b", "c", "d"]
    kept("b")
    assert kept.computed == ["a", "b", "c", "d", "b"]


def test_a_structural_change_retires_every_kept_value(kept):
    kept("a")
    kept("a")
    new_structure()
    kept("a")
    assert kept.computed == ["a", "a"]


def test_nothing_is_kept_where_the_page_cache_is_off(kept, settings):
    settings.POP_PAGE_CACHE_SECONDS = 0
    kept("a")
    kept("a")
    assert kept.computed == ["a", "a"]
