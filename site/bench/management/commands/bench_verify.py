import json

from django.core.management.base import BaseCommand, CommandError

from bench.verify import counter_problems, verify
from consultations.models import Priority, Vote


class Command(BaseCommand):
    help = (
        "Check the vote scenario's record against the database, and the counts "
        "priorities keep against their rows (bench settings only)."
    )

    def add_arguments(self, parser):
        parser.add_argument("record")
        parser.add_argument("--out", help="Write the counts and problems here, as JSON.")

    def handle(self, *args, record, out=None, **options):
        with open(record, encoding="utf-8") as source:
            data = json.load(source)
        stored = {}
        rows = Vote.objects.filter(citizen_id__in=[int(c) for c in data]).values_list(
            "citizen_id", "priority_id", "priority__contract_id"
        )
        contracts = {citizen: entry["contract"] for citizen, entry in data.items()}
        for citizen, priority, contract in rows:
            if contracts[str(citizen)] == contract:
                stored.setdefault(str(citizen), []).append(priority)
        problems, counts = verify(data, stored)
        counters = counter_problems(
            Priority.objects.miscounted()
            .order_by("pk")
            .values_list(
                "pk", "support_count", "counted_supports", "comment_count", "counted_comments"
            )
        )
        problems += counters
        if out:
            with open(out, "w", encoding="utf-8") as target:
                json.dump({"counts": counts, "problems": problems, "counters": counters}, target)
        self.stdout.write(
            "  Verified {citizens} citizens: {acknowledged} supports and {withdrawn} "
            "withdrawals acknowledged, {refused} refused at the cap, {unknown} in flight "
            "at the end".format(**counts)
        )
        self.stdout.write(
            f"  Counters: {len(counters)} priorities differ from their rows"
            if counters
            else "  Counters exact: every priority's supports and comments equal its rows"
        )
        if problems:
            for problem in problems[:20]:
                self.stderr.write(f"  {problem}")
            raise CommandError(f"{len(problems)} differences between the record and the database")
