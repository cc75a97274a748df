"""Sizes of the benchmark's dataset and run, by preset."""

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Preset:
    name: str
    municipalities: int  # including the demo's twelve
    priorities: int  # per contract
    big_priorities: int  # the one very large open consultation
    citizens: int
    votes: int
    comments: int
    rounds: int  # assessment rounds per finalised contract
    candidates: int  # per municipality, latest held election
    session_pool: int  # citizens signed in for the vote scenario
    seconds: int  # per scenario
    users: int  # concurrent clients
    workers: int  # gunicorn workers per machine (split between instances)

    def signature(self):
        data = asdict(self)
        for key in ("session_pool", "seconds", "users", "workers"):
            data.pop(key)
        return ",".join(f"{key}={value}" for key, value in sorted(data.items()))


PRESETS = {
    "small": Preset(
        name="small",
        municipalities=16,
        priorities=20,
        big_priorities=300,
        citizens=2_000,
        votes=20_000,
        comments=2_000,
        rounds=6,
        candidates=3,
        session_pool=1_500,
        seconds=3,
        users=8,
        workers=4,
    ),
    "full": Preset(
        name="full",
        municipalities=61,
        priorities=20,
        big_priorities=900,
        citizens=50_000,
        votes=1_000_000,
        comments=100_000,
        rounds=6,
        candidates=3,
        session_pool=8_000,
        seconds=20,
        users=8,
        workers=4,
    ),
}
