from django.core.management.base import BaseCommand

from consultations.tasks import announce_opened_consultations, send_moderation_digest


class Command(BaseCommand):
    help = (
        "Announce consultations that opened since the last run to the residents who opted in, "
        "and send moderators the digest of reported comments. The worker runs the same tasks "
        "on a schedule."
    )

    def handle(self, *args, **options):
        announced = announce_opened_consultations()
        reported = send_moderation_digest()
        self.stdout.write(f"{announced} announcement(s), {reported} reported comment(s) digested")
