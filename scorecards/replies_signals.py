"""The right of reply listens to the monitoring: when assessments are
published, their municipality's respondents are told (by the worker, from an
outbox job written in the publishing transaction: it commits with the
publication, and a worker that dies is replaced by the sweep)."""

from django.dispatch import receiver

from accounts.mail import enqueue_composition

from .signals import assessments_publishing


@receiver(assessments_publishing, dispatch_uid="scorecards.replies.notify")
def notify_respondents(sender, assessments, user, **kwargs):
    """One job per publication act, whatever its number of assessments."""
    if assessments:
        enqueue_composition(
            "scorecards.replies_tasks.notify_respondents", *[a.pk for a in assessments]
        )
