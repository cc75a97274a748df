"""Demo accounts, one per role, each with a verified e-mail address."""

import secrets

from allauth.account.models import EmailAddress

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

DEMO_PASSWORD = "pop-demo-2026"  # noqa: S105 - development only, printed by the command

# (e-mail, public name, group, residence slug, monitored municipality slug, superuser)
ACCOUNTS = [
    ("admin@pop.example", "Administratori", None, None, None, True),
    ("editor@pop.example", "Redaktorja", "Editors", None, None, False),
    ("moderator@pop.example", "Moderatori", "Moderators", None, None, False),
    ("monitor.durres@pop.example", "Monitoruesja", "Monitors", "durres", "durres", False),
    ("translator@pop.example", "Përkthyesi", "Translators", None, None, False),
    ("arta@pop.example", "Arta nga Tirana", None, "tirane", None, False),
    ("besnik@pop.example", "Besniku", None, "durres", None, False),
    # A candidate for Tiranë 2027 with an invitation waiting (site/demo/forums.py).
    ("kandidat@pop.example", "Kandidatja", None, "tirane", None, False),
]


def load(log, municipalities, show_passwords):
    User = get_user_model()
    rows = []
    for email, name, group, residence, monitored, superuser in ACCOUNTS:
        user, created = User.objects.get_or_create(
            email=email,
            defaults={
                "display_name": name,
                "municipality": municipalities.get(residence),
                "staff_municipality": municipalities.get(monitored),
                "is_superuser": superuser,
                "is_staff": superuser,
                "terms_accepted_at": timezone.now(),
            },
        )
        if created:
            # Outside development nobody sees the password: it is random.
            # An existing account keeps its password and groups.
            user.set_password(DEMO_PASSWORD if show_passwords else secrets.token_urlsafe(24))
            user.save()
            if group:
                user.groups.add(Group.objects.get(name=group))
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        rows.append((email, group or ("superuser" if superuser else "citizen")))
    log(f"{len(rows)} demo accounts, all with verified e-mail addresses")
    return rows
