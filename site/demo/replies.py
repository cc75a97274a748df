"""Demo right of reply: the mayor's office of Durrës, invited and active,
and its replies to two assessments of the last round of the 2019–2023
mandate, posted within the 30 days. Safe to run again."""

import datetime
import secrets

from allauth.account.models import EmailAddress

from django.contrib.auth import get_user_model
from django.utils import timezone

from scorecards.models import Assessment, Reply, Respondent

from .people import DEMO_PASSWORD

EMAIL = "zyra.kryetarit.durres@pop.example"
REPLIES = [
    "Bashkia e ka përfshirë këtë prioritet në buxhetin e vitit 2023; punimet nisin në qershor. "
    "Vendimi i këshillit bashkiak është i hapur për këdo në zyrën e informacionit.",
    "Projekti u shty sepse financimi nga fondi i zhvillimit të rajoneve erdhi me vonesë. "
    "Do ta raportojmë përparimin në seancën e radhës të këshillit.",
]


def load(log, municipalities, show_passwords):
    durres = municipalities["durres"]
    User = get_user_model()
    user, created = User.objects.get_or_create(
        email=EMAIL,
        defaults={"display_name": "Zyra e Kryetarit, Durrës", "terms_accepted_at": timezone.now()},
    )
    if created:
        user.set_password(DEMO_PASSWORD if show_passwords else secrets.token_urlsafe(24))
        user.save()
    EmailAddress.objects.get_or_create(
        user=user, email=EMAIL, defaults={"verified": True, "primary": True}
    )
    editor = User.objects.get(email="editor@pop.example")
    respondent, _created = Respondent.objects.get_or_create(
        municipality=durres,
        email=EMAIL,
        defaults={
            "user": user,
            "invited_by": editor,
            "claimed_at": timezone.now(),
        },
    )
    assessments = (
        Assessment.objects.published()
        .for_municipality(durres)
        .filter(as_of=datetime.date(2023, 4, 30), corrects__isnull=True)
        .order_by("priority__order", "pk")[: len(REPLIES)]
    )
    for assessment, text in zip(assessments, REPLIES, strict=False):
        Reply.objects.get_or_create(
            assessment=assessment,
            defaults={
                "text": text,
                "respondent": respondent,
                "posted_at": assessment.published_at + datetime.timedelta(days=6),
            },
        )
    log(f"Right of reply: {EMAIL} answers for Durrës; {len(REPLIES)} replies")
    return [(EMAIL, "respondent")]
