"""The right of reply listens to the monitoring: when assessments are
published, their municipality's respondents are told (by the worker)."""

from django.dispatch import receiver

from accounts.mail import enqueue_composition

from .signals import assessments_published


@receiver(assessments_published, dispatch_uid="scorecards.replies.notify")
def notify_respondents(sender, assessments, user, **kwargs):
    """One job per publication act, whatever its number of assessments."""
    if assessments:
        enqueue_composition(
            "scorecards.replies_tasks.notify_respondents", *[a.pk for a in assessments]
        )
