from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from demo import (
    cms,
    consultations,
    council,
    forum_pages,
    forums,
    opendata,
    people,
    reference,
    replies,
    scorecards,
)
from demo.address import align_default_site
from demo.indexing import indexes_updated_at_the_end


class Command(BaseCommand):
    help = (
        "Create the demo content: the network's reference data and one account per role. "
        "Safe to run again: it creates what is missing and leaves what exists alone."
    )

    def handle(self, *args, **options):
        show_passwords = getattr(settings, "POP_SHOW_DEMO_PASSWORDS", False)

        def log(message):
            self.stdout.write(f"  {message}")

        self.stdout.write("Loading demo content…")
        with transaction.atomic(), indexes_updated_at_the_end():
            municipalities = reference.load(log)
            accounts = people.load(log, municipalities, show_passwords)
            cms.load(log, municipalities)
            consultations.load(log, municipalities)
            forums.load(log, municipalities)
            scorecards.load(log, municipalities)
            council.load(log, municipalities)
            accounts += replies.load(log, municipalities, show_passwords)
            forum_pages.load(log, municipalities)
            opendata.load(log)
            align_default_site(settings.WAGTAILADMIN_BASE_URL)

        self.stdout.write(self.style.SUCCESS("Demo content ready. Accounts:"))
        for email, role in accounts:
            self.stdout.write(f"  {role:<12} {email}")
        if show_passwords:
            self.stdout.write(f"  Password for every demo account: {people.DEMO_PASSWORD}")
        else:
            self.stdout.write("  Passwords are random and not shown outside development.")
