"""Sign citizens in without the password hasher and write the run's plan.

Sessions are made directly in the session table with this process's
SECRET_KEY (the one gunicorn inherits), exactly as a sign-in would leave
them: the load generator then presents `sessionid` cookies. Each vote client
takes its own citizens, so no two clients ever act for the same person.
"""

import datetime
import json
import secrets

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management.base import BaseCommand
from django.db.models import Count
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone, translation

from bench.generate import BIG_SLUG
from bench.presets import PRESETS
from consultations.models import ConsultationPage, Priority, Vote
from forums.models import Candidacy
from scorecards.models import (
    MunicipalityScorecardPage,
    ScorecardIndexPage,
    monitored_priorities,
    municipality_url,
    priority_url,
)

BACKEND = "accounts.backends.ModelBackend"


def make_sessions(users):
    """`{user pk: session key}`, bulk-inserted; one auth hash serves every
    citizen (they share one password hash)."""
    store = SessionStore()
    expiry = timezone.now() + datetime.timedelta(days=1)
    keys, rows = {}, []
    for user in users:
        data = {
            SESSION_KEY: str(user.pk),
            BACKEND_SESSION_KEY: BACKEND,
            HASH_SESSION_KEY: user.get_session_auth_hash(),
        }
        key = secrets.token_hex(16)
        keys[user.pk] = key
        rows.append(Session(session_key=key, session_data=store.encode(data), expire_date=expiry))
    Session.objects.bulk_create(rows, batch_size=2000)
    return keys


class Command(BaseCommand):
    help = "Make sessions for the vote and signed-in scenarios and write the plan file."

    def add_arguments(self, parser):
        parser.add_argument("--preset", choices=sorted(PRESETS), default="small")
        parser.add_argument("--out", required=True)

    def handle(self, *args, preset, out, **options):
        preset = PRESETS[preset]
        translation.activate(settings.LANGUAGE_CODE)
        Session.objects.all().delete()  # sessions of an earlier run
        open_pages = {
            page.contract_id: page
            for page in ConsultationPage.objects.live()
            .filter(locale__language_code=settings.LANGUAGE_CODE, contract__finalised_at=None)
            .select_related("contract__municipality")
        }
        votable = {
            page.contract.municipality_id: page
            for page in open_pages.values()
            if page.contract.residents_only
            and page.contract.max_supports
            and page.contract.municipality.slug.startswith("bench-")
            and page.contract.municipality.slug != BIG_SLUG
        }
        User = get_user_model()
        citizens = list(
            User.objects.filter(
                email__endswith="@bench.example", municipality__in=list(votable)
            ).order_by("pk")[: preset.session_pool + 16]
        )
        readers, voters = citizens[:16], citizens[16:]
        keys = make_sessions(citizens)
        priorities = {}
        for pk, contract in (
            Priority.objects.source()
            .filter(contract__in=[p.contract_id for p in votable.values()])
            .values_list("pk", "contract_id")
        ):
            priorities.setdefault(contract, []).append(pk)
        initial = {}
        for citizen, priority in Vote.objects.filter(
            citizen__in=voters, priority__contract__in=list(priorities)
        ).values_list("citizen_id", "priority_id"):
            initial.setdefault(citizen, []).append(priority)
        plan_voters = []
        for user in voters:
            page = votable[user.municipality_id]
            plan_voters.append(
                {
                    "citizen": user.pk,
                    "session": keys[user.pk],
                    "contract": page.contract_id,
                    "cap": page.contract.max_supports,
                    "page": page.get_url(),
                    "priorities": priorities[page.contract_id],
                    "initial": sorted(initial.get(user.pk, [])),
                }
            )
        # Pages of the scenarios: a typical open consultation, the very large
        # one, scorecards, and candidates' offers side by side.
        first = next(iter(sorted(votable.values(), key=lambda p: p.contract.municipality.slug)))
        municipality = first.contract.municipality
        big = next(
            (p for p in open_pages.values() if p.contract.municipality.slug == BIG_SLUG), first
        )
        network = ScorecardIndexPage.objects.live().get(locale__language_code="sq")
        scorecard = MunicipalityScorecardPage.objects.live().get(
            locale__language_code="sq", municipality=municipality
        )
        # The latest held election's municipality with the most candidates.
        offers = (
            Candidacy.objects.confirmed()
            .filter(election__date__lte=timezone.localdate())
            .values("municipality__slug", "election__date")
            .annotate(candidates=Count("pk"))
            .order_by("-election__date", "-candidates")
            .first()
        )
        pages = {
            "home": "/sq/",
            "consultation": first.get_url(),
            "big_consultation": big.get_url(),
            "municipality_scorecard": scorecard.get_url(),
            "network_scorecard": network.get_url(),
        }
        if offers:
            pages["side_by_side"] = (
                f"/sq/candidates/offers/{offers['municipality__slug']}/"
                f"{offers['election__date']:%Y}/"
            )
        # The public thread: the very large municipality's page, and the most
        # supported priority of a finalised contract (its own if it has one).
        if municipality_url(BIG_SLUG):
            pages["municipality_page"] = municipality_url(BIG_SLUG)
            finalised = (
                monitored_priorities()
                .select_related("contract__municipality")
                .order_by("-support_count", "pk")
            )
            priority = (
                finalised.filter(contract__municipality__slug=BIG_SLUG).first() or finalised.first()
            )
            if priority:
                pages["priority_page"] = priority_url(priority)
        # A signed-in reader's own page (anonymous visitors are sent to sign in).
        pages["notifications"] = reverse("consultations:notifications")
        plan = {
            "preset": preset.name,
            "csrf_token": secrets.token_hex(16),
            "static_url": static("css/site.css"),
            "pages": pages,
            "signed_in_only": ["notifications"],
            "api_candidates": [
                f"/api/v1/scorecards/municipalities/{municipality.slug}",
                "/api/v1/scorecards/network",
            ],
            "page_sessions": [keys[user.pk] for user in readers],
            "reader_emails": [user.email for user in readers],
            "voters": plan_voters,
        }
        with open(out, "w", encoding="utf-8") as target:
            json.dump(plan, target)
        self.stdout.write(
            f"  {len(citizens)} citizens signed in (sessions made directly); plan in {out}"
        )
