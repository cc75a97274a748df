"""The query-counting pass: each scenario page through Django's test client
against the bench database, counting queries with CaptureQueriesContext:
cold (the whole cache emptied first), stale (the page's own generation
renewed, as after a support or a comment, while what every page shares is
still kept: the figure issue 18's target of 12 is about, asserted in
tests/pagecache/test_query_budgets.py) and warm (the same request again).
The size of each page's HTML is recorded too."""

import json
import statistics
import time

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from pagecache.invalidation import new_generation


def count(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return response.status_code, len(captured), len(response.content)


class Command(BaseCommand):
    help = "Count queries per page of the benchmark's plan (bench settings only)."

    def add_arguments(self, parser):
        parser.add_argument("plan")
        parser.add_argument("--out", required=True)

    def handle(self, *args, plan, out, **options):
        with open(plan, encoding="utf-8") as source:
            plan = json.load(source)
        anonymous = Client()
        signed_in = Client()
        reader = get_user_model().objects.get(email=plan["reader_emails"][0])
        signed_in.force_login(reader, backend="accounts.backends.ModelBackend")
        pages = {}
        for name, url in plan["pages"].items():
            pages[name] = {}
            for who, client in (("anon", anonymous), ("auth", signed_in)):
                if who == "anon" and name in plan.get("signed_in_only", []):
                    continue
                cache.clear()
                status, cold, size = count(client, url)
                new_generation()
                _status, stale, _size = count(client, url)
                _status, warm, _size = count(client, url)
                pages[name][who] = {
                    "status": status,
                    "cold": cold,
                    "stale": stale,
                    "warm": warm,
                    "bytes": size,
                }
                self.stdout.write(
                    f"  {name:<24} {who}: {cold} queries cold, {stale} stale, {warm} warm;"
                    f" {size / 1024:.0f} KB"
                )
        timings = []
        for _ in range(3):
            cache.clear()
            began = time.perf_counter()
            anonymous.get(plan["pages"]["big_consultation"])
            timings.append(time.perf_counter() - began)
        result = {"pages": pages, "big_consultation_render_s": statistics.median(timings)}
        with open(out, "w", encoding="utf-8") as target:
            json.dump(result, target)
