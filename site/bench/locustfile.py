"""The load generator (locust, headless), one scenario per run, chosen by the
environment that `manage.py bench` sets:

- BENCH_PLAN: the plan file `bench_prepare` wrote (URLs, sessions, voters);
- BENCH_SCENARIO: `static` (or `static:end`, the same file served again
  after the others), `page:<name>:anon`, `page:<name>:auth`, `vote` or
  `surge` (an election-week mix: of every 20 clients 16 read pages
  anonymously (not the plan's `signed_in_only` ones), 3 signed in and 1
  supports and withdraws, as in `vote`);
- BENCH_HOSTS: the server(s), comma-separated; clients are spread over them;
- BENCH_RECORD: where the vote and surge scenarios write their own record of
  what the server acknowledged, for `bench_verify`;
- BENCH_EARLIER_RECORD: the vote scenario's record, whose citizens the surge
  leaves alone (it takes its voters from the other end of the list).

No Django here: this process only speaks HTTP.
"""

import itertools
import json
import os
import random

from locust import FastHttpUser, constant, events, task

PLAN = json.loads(open(os.environ["BENCH_PLAN"], encoding="utf-8").read())  # noqa: SIM115
SCENARIO = os.environ.get("BENCH_SCENARIO", "static")
HOSTS = os.environ.get("BENCH_HOSTS", "http://127.0.0.1:8600").split(",")
CSRF = PLAN["csrf_token"]  # the CSRF secret every client presents (cookie and header)
OPS_PER_VOTER = 6

_numbers = itertools.count()
RECORD = {}


def _voter_queue():
    if SCENARIO != "surge":
        return iter(PLAN["voters"])
    earlier = os.environ.get("BENCH_EARLIER_RECORD", "")
    taken = set()
    if earlier and os.path.exists(earlier):
        with open(earlier, encoding="utf-8") as source:
            taken = set(json.load(source))
    return iter([v for v in reversed(PLAN["voters"]) if str(v["citizen"]) not in taken])


_voters = _voter_queue()


def _cookie(session_key=None):
    parts = [f"csrftoken={CSRF}"]
    if session_key:
        parts.append(f"sessionid={session_key}")
    return "; ".join(parts)


class BenchUser(FastHttpUser):
    wait_time = constant(0)
    host = HOSTS[0]

    def on_start(self):
        self.number = next(_numbers)
        self.base = HOSTS[self.number % len(HOSTS)]
        kind, _sep, rest = SCENARIO.partition(":")
        self.kind = kind
        if kind == "page":
            name, _sep, who = rest.partition(":")
            self.url = self.base + PLAN["pages"][name]
            self.headers = {}
            if who == "auth":
                sessions = PLAN["page_sessions"]
                self.headers["Cookie"] = _cookie(sessions[self.number % len(sessions)])
        elif kind == "static":
            self.url = self.base + PLAN["static_url"]
            self.headers = {}
        elif kind == "surge":
            role = self.number % 20
            self.kind = "vote" if role == 0 else "read"
            signed_in = role in (1, 2, 3)
            self.pages = [
                self.base + url
                for name, url in PLAN["pages"].items()
                if signed_in or name not in PLAN.get("signed_in_only", [])
            ]
            self.headers = {}
            if signed_in:
                sessions = PLAN["page_sessions"]
                self.headers["Cookie"] = _cookie(sessions[self.number % len(sessions)])
            self.reads = random.Random(self.number)  # noqa: S311 - load, not security

    @task
    def scenario(self):
        if self.kind == "vote":
            self.vote()
        elif self.kind == "read":
            url = self.reads.choice(self.pages)
            self.client.get(url, headers=self.headers, name=SCENARIO)
        else:
            self.client.get(self.url, headers=self.headers, name=SCENARIO)

    def vote(self):
        """One citizen after another: supports and withdrawals on their own
        municipality's open consultation, each acknowledgement recorded."""
        try:
            voter = next(_voters)
        except StopIteration:
            self.stop()
            return
        rng = random.Random(voter["citizen"])  # noqa: S311 - load, not security
        entry = {
            "contract": voter["contract"],
            "cap": voter["cap"],
            "initial": voter["initial"],
            "events": [],
        }
        RECORD[str(voter["citizen"])] = entry
        state = set(voter["initial"])
        headers = {
            "Cookie": _cookie(voter["session"]),
            "X-CSRFToken": CSRF,
            "Accept": "application/json",
            "Referer": self.base + voter["page"],
        }
        for _ in range(OPS_PER_VOTER):
            supported = sorted(state)
            if supported and rng.random() < 0.3:
                op, priority = "withdraw", rng.choice(supported)
            else:
                op = "support"
                priority = rng.choice(
                    [p for p in voter["priorities"] if p not in state] or voter["priorities"]
                )
            event = [op, priority, "pending"]
            entry["events"].append(event)
            url = f"{self.base}{voter['page']}{op}/{priority}/"
            with self.client.post(url, headers=headers, name=op, catch_response=True) as response:
                event[2] = outcome = self._outcome(response, op)
                if outcome == "error":
                    response.failure(f"{response.status_code}")
                else:
                    response.success()
            if outcome == "ack":
                if op == "support":
                    state.add(priority)
                else:
                    state.discard(priority)

    @staticmethod
    def _outcome(response, op):
        if response.status_code == 409:
            return "refused"  # the cap: nothing changed
        if response.status_code != 200:
            return "error"
        try:
            data = response.json()
        except ValueError:
            return "error"
        if data.get("ok") and data.get("supported") == (op == "support"):
            return "ack"
        return "error"


@events.quitting.add_listener
def _write_record(environment, **kwargs):
    path = os.environ.get("BENCH_RECORD")
    if SCENARIO in ("vote", "surge") and path:
        with open(path, "w", encoding="utf-8") as out:
            json.dump(RECORD, out)
