"""`make bench`: build (once) a bench-scale database, serve it with gunicorn
under production settings, drive it with locust, count queries, verify the
votes, and report (a table on screen, JSON in a file).

Every step that touches the database runs as a child `manage.py` process with
the environment set here (database, Redis, the throwaway SECRET_KEY), so the
same values reach gunicorn. Only databases named `pop_bench…` are created or
dropped.
"""

import csv
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import psycopg

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from bench.presets import PRESETS

# Raised when the generated data change, so existing bench databases are rebuilt.
GENERATOR = 2


def _schema_digest():
    """A short digest of every migration on disk."""
    from django.db.migrations.loader import MigrationLoader

    names = sorted(f"{app}.{name}" for app, name in MigrationLoader(None).disk_migrations)
    return hashlib.sha1("\n".join(names).encode()).hexdigest()[:12]  # noqa: S324 - not security


PAGES = [
    ("home", True),
    ("consultation", True),
    ("big_consultation", True),
    ("municipality_scorecard", True),
    ("network_scorecard", True),
    ("side_by_side", True),
    # Pages other issues added: measured once bench_prepare puts their URL in
    # the plan under this name; skipped with a note until then. A page the
    # plan lists as `signed_in_only` is measured signed in only.
    ("municipality_page", True),
    ("priority_page", True),
    ("notifications", True),
]
LATER_PAGES = {"municipality_page", "priority_page", "notifications"}


def scenario_names():
    """Every name `--only` accepts (a page the site does not have yet is
    skipped when it comes to it)."""
    pages = [*PAGES, ("api_scorecard", False)]
    return [
        "static",
        *(f"page:{name}:anon" for name, _with_auth in pages),
        *(f"page:{name}:auth" for name, with_auth in pages if with_auth),
        "vote",
        "surge",
    ]


# The static file is served again after the other scenarios: what the machine
# serves moves during a run (the database settling after its generation, other
# load), and the ratios are taken against the higher of the two.
STATIC_AGAIN = "static:end"


def static_yardstick(results):
    """The static file's requests/s the ratios are taken against: the higher
    of its runs (the stricter yardstick), and every run's figure."""
    runs = [row["rps"] for row in results if row["scenario"].partition(":")[0] == "static"]
    return max(runs, default=0) or 1, runs


SURGE_USERS = 64  # the election-week surge: 80 % anonymous reads, 15 % signed in, 5 % supports
BASE_PORT = int(os.environ.get("BENCH_PORT", "8610"))


def _python():
    return sys.executable


def _number(text):
    """A figure from locust's CSV ("N/A" when no request completed)."""
    try:
        return float(text)
    except (TypeError, ValueError):
        return 0.0


class Command(BaseCommand):
    help = "Run the benchmark (bench settings: DJANGO_SETTINGS_MODULE=config.settings.bench)."

    def add_arguments(self, parser):
        parser.add_argument("--preset", choices=sorted(PRESETS), default="small")
        parser.add_argument("--instances", type=int, default=1, help="gunicorn instances")
        parser.add_argument("--regenerate", action="store_true", help="Rebuild the database.")
        parser.add_argument("--seconds", type=int, help="Per scenario (default: the preset's).")
        parser.add_argument("--only", help="Comma-separated scenarios to run (default: all).")
        parser.add_argument("--out", help="JSON report (default: .bench/<preset>.json).")

    # --- helpers ----------------------------------------------------------------

    def say(self, message):
        self.stdout.write(message)
        self.stdout.flush()

    def manage(self, *args, check=True):
        return subprocess.run(  # noqa: S603
            [_python(), str(settings.BASE_DIR / "manage.py"), *args],
            env=self.env,
            check=check,
        )

    def handle(self, *args, preset, instances, regenerate, seconds, only, out, **options):
        unknown = sorted(set(only.split(",")) - set(scenario_names())) if only else []
        if unknown:
            raise CommandError(
                f"Unknown scenario(s): {', '.join(unknown)}. Known: {', '.join(scenario_names())}."
            )
        self.preset = PRESETS[preset]
        self.seconds = seconds or self.preset.seconds
        self.instances = max(1, instances)
        self.workdir = settings.BASE_DIR / ".bench"
        self.workdir.mkdir(exist_ok=True)
        out = Path(out) if out else self.workdir / f"{preset}.json"
        database = os.environ.get("BENCH_DATABASE", f"pop_bench_{preset}")
        server = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.bench",
            "DATABASE_URL": f"{server}/{database}",
            "DATABASE_CONN_MAX_AGE": os.environ.get("DATABASE_CONN_MAX_AGE", "600"),
            "PYTHONUNBUFFERED": "1",
        }
        started = time.monotonic()
        self.database(server, database, regenerate)
        self.say("Static files (collectstatic)…")
        self.manage("collectstatic", "--noinput", "-v", "0")
        plan_path = self.workdir / "plan.json"
        self.manage("bench_prepare", "--preset", preset, "--out", str(plan_path))
        self.plan = json.loads(plan_path.read_text())
        self.flush_redis()
        servers = self.start_servers()
        results, notes = [], []
        # Stays "not run" only if a vote or surge scenario was meant to run
        # and did not get as far as its check (`--only` may leave both out).
        verification = {"counts": {}, "problems": ["not run"]}
        try:
            self.hosts = [f"http://127.0.0.1:{port}" for port, _process in servers]
            self.wait_ready()
            api = self.probe_api()
            if api:
                self.plan["pages"]["api_scorecard"] = api
            else:
                notes.append("API scenario skipped: no /api/v1/ scorecard URL answered (404).")
            plan_path.write_text(json.dumps(self.plan))
            for url in self.plan["pages"].values():
                for host in self.hosts:
                    self.fetch(host + url)  # fills the page cache, warms the workers
            scenarios = ["static"]
            for name, with_auth in [*PAGES, ("api_scorecard", False)]:
                if name not in self.plan["pages"]:
                    if name in LATER_PAGES:
                        notes.append(f"{name} skipped: the page type is not in the site yet.")
                        self.say(f"  {name}: skipped (the page type is not in the site yet)")
                    continue
                if name not in self.plan.get("signed_in_only", []):
                    scenarios.append(f"page:{name}:anon")
                if with_auth:
                    scenarios.append(f"page:{name}:auth")
            scenarios += ["vote", "surge"]
            if only:
                wanted = set(only.split(","))
                scenarios = [s for s in scenarios if s in wanted or s == "static"]
            if len(scenarios) > 1:
                scenarios.append(STATIC_AGAIN)
            if "vote" not in scenarios and "surge" not in scenarios:
                verification = {"counts": {}, "problems": [], "skipped": True}
            record = self.workdir / "votes-record.json"
            surge_record = self.workdir / "surge-record.json"
            for stale in (record, surge_record):
                stale.unlink(missing_ok=True)
            for scenario in scenarios:
                if scenario == "surge":
                    row = self.run_locust(scenario, plan_path, surge_record, users=SURGE_USERS)
                elif scenario == "vote":
                    row = self.run_locust(scenario, plan_path, record, kill=servers[0][1])
                else:
                    row = self.run_locust(scenario, plan_path, record)
                results.append(row)
                self.say(
                    f"  {scenario:<36} {row['rps']:8.1f} req/s  p95 {row['p95']:6.0f} ms  "
                    f"errors {row['errors']}"
                )
            if "vote" in scenarios or "surge" in scenarios:
                verified = self.workdir / "verification.json"
                both = self.workdir / "all-votes-record.json"
                records = [json.loads(r.read_text()) for r in (record, surge_record) if r.exists()]
                both.write_text(json.dumps({k: v for r in records for k, v in r.items()}))
                done = self.manage("bench_verify", str(both), "--out", str(verified), check=False)
                verification = json.loads(verified.read_text()) if verified.exists() else {}
                if done.returncode and not verification.get("problems"):
                    verification["problems"] = ["bench_verify failed"]
            memory = self.peak_memory(servers)
        finally:
            self.stop_servers(servers)
        self.say("Query counts (Django test client against the bench database)…")
        queries_path = self.workdir / "queries.json"
        self.manage("bench_queries", str(plan_path), "--out", str(queries_path))
        queries = json.loads(queries_path.read_text())
        report = self.report(results, queries, memory, verification, notes, started)
        out.write_text(json.dumps(report, indent=2))
        self.say(f"JSON report: {out}")
        # The requests the killed worker was handling fail (each client waits
        # on one at a time): allowed in the vote scenario, whose verification
        # still finds every acknowledged support and nothing more.
        allowed = {"vote": self.preset.users}
        failed = [
            r["scenario"]
            for r in results
            if r["errors"] < 0 or r["errors"] > allowed.get(r["scenario"], 0)
        ]
        if verification.get("problems"):
            raise CommandError(
                "The votes in the database differ from what clients were told, "
                "or the counts priorities keep differ from their rows."
            )
        if failed:
            raise CommandError(f"Errors in: {', '.join(failed)}")

    # --- the database -----------------------------------------------------------

    def database(self, server, database, regenerate):
        assert database.startswith("pop_bench")  # noqa: S101 - never any other database
        # The schema is part of the signature: new migrations rebuild the
        # database (and its generated data) instead of reusing a stale one.
        signature = f"pop-bench:{GENERATOR}:{self.preset.signature()}:{_schema_digest()}"
        with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
            row = connection.execute(
                "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
                [database],
            ).fetchone()
            if row and row[0] == signature and not regenerate:
                self.say(f"Database {database}: ready ({self.preset.name} preset), reused.")
                return
            if row:
                connection.execute(f'DROP DATABASE "{database}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{database}"')
        began = time.monotonic()
        self.say(f"Database {database}: migrate, demo content, then the bench dataset…")
        self.manage("migrate", "--noinput", "-v", "0")
        self.manage("load_demo_data")
        self.manage("bench_generate", "--preset", self.preset.name)
        with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
            connection.execute(f"COMMENT ON DATABASE \"{database}\" IS '{signature}'")
        self.say(f"Generated in {time.monotonic() - began:.0f} s.")

    def flush_redis(self):
        """Empty the bench's own Redis database (REDIS_URL, db 13 by default)."""
        import redis

        redis.Redis.from_url(self.env["REDIS_URL"]).flushdb()

    # --- servers ----------------------------------------------------------------

    def start_servers(self):
        workers = max(2, self.preset.workers // self.instances)
        gunicorn = shutil.which("gunicorn", path=str(Path(_python()).parent)) or "gunicorn"
        servers = []
        for number in range(self.instances):
            port = BASE_PORT + number
            process = subprocess.Popen(  # noqa: S603
                [
                    gunicorn,
                    "config.wsgi:application",
                    "--chdir",
                    str(settings.BASE_DIR / "site"),
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--workers",
                    str(workers),
                    # As the README's deployment: workers fork from a master
                    # that has loaded the site, so one that dies is replaced
                    # at once rather than after seconds of imports.
                    "--preload",
                    "--log-level",
                    "warning",
                ],
                env=self.env,
            )
            servers.append((port, process))
        self.say(
            f"gunicorn: {self.instances} instance(s) × {workers} workers, "
            f"ports {BASE_PORT}–{BASE_PORT + self.instances - 1}"
        )
        return servers

    def wait_ready(self):
        for host in self.hosts:
            for _ in range(60):
                try:
                    urllib.request.urlopen(host + self.plan["static_url"], timeout=2)  # noqa: S310
                    break
                except OSError:
                    time.sleep(0.5)
            else:
                raise CommandError(f"{host} did not start")
            # Warm each worker a little (imports, template loading).
            for _ in range(8):
                self.fetch(host + "/sq/")

    def fetch(self, url):
        try:
            with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310
                return response.status
        except urllib.error.HTTPError as error:
            return error.code
        except OSError:
            return 0

    def probe_api(self):
        for url in self.plan.get("api_candidates", []):
            if self.fetch(self.hosts[0] + url) == 200:
                return url
        return None

    def peak_memory(self, servers):
        """Peak resident memory (VmHWM) of each gunicorn worker, in MiB."""
        peaks = []
        for _port, process in servers:
            children = Path(f"/proc/{process.pid}/task/{process.pid}/children")
            pids = children.read_text().split() if children.exists() else []
            for pid in pids:
                try:
                    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                        if line.startswith("VmHWM:"):
                            peaks.append(int(line.split()[1]) / 1024)
                except OSError:
                    continue
        return {
            "workers": len(peaks),
            "max_mib": round(max(peaks), 1) if peaks else None,
            "each_mib": [round(p, 1) for p in peaks],
        }

    def stop_servers(self, servers):
        for _port, process in servers:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for _port, process in servers:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()

    # --- load -------------------------------------------------------------------

    def kill_a_worker(self, master):
        """SIGKILL one gunicorn worker of `master` (it is replaced by a new
        one): the supports it was handling must be neither lost nor doubled."""
        children = Path(f"/proc/{master.pid}/task/{master.pid}/children")
        pids = children.read_text().split() if children.exists() else []
        if pids:
            os.kill(int(pids[0]), signal.SIGKILL)
            self.say(f"  (killed worker {pids[0]} halfway through)")

    def run_locust(self, scenario, plan_path, record, users=None, kill=None):
        """One scenario; with `kill` (a gunicorn master), one of its workers
        is killed halfway through."""
        users = users or self.preset.users
        killer = threading.Timer(self.seconds / 2, self.kill_a_worker, [kill]) if kill else None
        if killer:
            killer.start()
        try:
            return self._run_locust(scenario, plan_path, record, users)
        finally:
            if killer:
                killer.cancel()

    def _run_locust(self, scenario, plan_path, record, users):
        prefix = self.workdir / "locust"
        for stale in self.workdir.glob("locust_*.csv"):
            stale.unlink()
        env = {
            **self.env,
            "BENCH_PLAN": str(plan_path),
            "BENCH_SCENARIO": scenario,
            "BENCH_HOSTS": ",".join(self.hosts),
            "BENCH_RECORD": str(record),
            "BENCH_EARLIER_RECORD": str(self.workdir / "votes-record.json"),
        }
        locust = shutil.which("locust", path=str(Path(_python()).parent)) or "locust"
        subprocess.run(  # noqa: S603
            [
                locust,
                "-f",
                str(Path(__file__).resolve().parent.parent.parent / "locustfile.py"),
                "--headless",
                "--users",
                str(users),
                "--spawn-rate",
                str(users),
                "--run-time",
                f"{self.seconds}s",
                "--host",
                self.hosts[0],
                "--csv",
                str(prefix),
                "--only-summary",
                "--loglevel",
                "ERROR",
                "--exit-code-on-error",
                "0",
            ],
            env=env,
            check=False,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        row = {"scenario": scenario, "rps": 0.0, "p50": 0, "p95": 0, "p99": 0, "errors": -1}
        stats = Path(f"{prefix}_stats.csv")
        if not stats.exists():
            return row
        with stats.open(encoding="utf-8") as source:
            for line in csv.DictReader(source):
                if line["Name"] == "Aggregated":
                    row.update(
                        requests=int(line["Request Count"]),
                        rps=_number(line["Requests/s"]),
                        p50=_number(line["50%"]),
                        p95=_number(line["95%"]),
                        p99=_number(line["99%"]),
                        errors=int(line["Failure Count"]),
                    )
        return row

    # --- the report -------------------------------------------------------------

    def report(self, results, queries, memory, verification, notes, started):
        static, static_runs = static_yardstick(results)
        rows = []
        for row in results:
            _kind, _sep, rest = row["scenario"].partition(":")
            page, _sep, who = rest.partition(":")
            counted = queries.get("pages", {}).get(page, {})
            rows.append(
                {
                    **row,
                    "ratio_to_static": round(row["rps"] / static, 3),
                    "queries": counted.get(who if who else "", {}).get("cold") if who else None,
                    "queries_stale": counted.get(who, {}).get("stale") if who else None,
                    "queries_cached": counted.get(who, {}).get("warm") if who else None,
                    "html_kb": round(counted.get(who, {}).get("bytes", 0) / 1024) if who else None,
                }
            )
        header = (
            f"{'scenario':<36} {'req/s':>8} {'×static':>7} {'p50':>6} {'p95':>6} {'p99':>6} "
            f"{'err':>5} {'queries':>10} {'KB':>5}"
        )
        self.say("")
        self.say(
            f"Benchmark, preset {self.preset.name}: {self.preset.users} clients, "
            f"{self.seconds} s per scenario, {self.instances} gunicorn instance(s)"
        )
        if len(static_runs) > 1:
            self.say(
                "Static file: "
                + ", then ".join(f"{rps:.1f}" for rps in static_runs)
                + f" req/s; ratios against {static:.1f}, the higher"
            )
        self.say(header)
        self.say("-" * len(header))
        for row in rows:
            counted = ""
            if row["queries"] is not None:
                counted = f"{row['queries']}/{row['queries_stale']}/{row['queries_cached']}"
            size = "" if not row["html_kb"] else str(row["html_kb"])
            self.say(
                f"{row['scenario']:<36} {row['rps']:8.1f} {row['ratio_to_static']:7.2f} "
                f"{row['p50']:6.0f} {row['p95']:6.0f} {row['p99']:6.0f} {row['errors']:5d} "
                f"{counted:>10} {size:>5}"
            )
        self.say(
            "(latency in ms; queries from the query pass: cold (cache emptied) / stale (the "
            "page's generation renewed, the shared parts kept; issue 18's target: 12) / warm;"
            " KB: the page's HTML)"
        )
        self.say(
            f"Peak memory per worker: {memory.get('max_mib')} MiB "
            f"({memory.get('workers')} workers: {memory.get('each_mib')})"
        )
        if "big_consultation_render_s" in queries:
            self.say(
                f"Consultation with {self.preset.big_priorities} priorities, uncached render: "
                f"{queries['big_consultation_render_s']:.3f} s"
            )
        counts = verification.get("counts", {})
        if verification.get("skipped"):
            self.say("Votes: not verified (no vote or surge scenario ran).")
        else:
            problems = len(verification.get("problems", []))
            self.say(f"Votes verified: {counts}; differences: {problems}")
        counters = verification.get("counters")
        if counters is None:
            self.say("Counters: not checked (no vote or surge scenario ran).")
        elif counters:
            self.say(f"Counters: {len(counters)} priorities differ from their rows:")
            for line in counters[:20]:
                self.say(f"  {line}")
        else:
            self.say("Counters exact: every priority's supports and comments equal its rows.")
        for row in rows:
            if not row.get("requests"):
                notes.append(f"{row['scenario']}: no request completed in {self.seconds} s.")
        for note in notes:
            self.say(f"Note: {note}")
        return {
            "preset": self.preset.name,
            "instances": self.instances,
            "users": self.preset.users,
            "seconds_per_scenario": self.seconds,
            "cpu_count": os.cpu_count(),
            "static_rps": static,
            "static_runs": static_runs,
            "scenarios": rows,
            "queries": queries,
            "peak_memory": memory,
            "verification": verification,
            "notes": notes,
            "total_seconds": round(time.monotonic() - started, 1),
        }
