"""What the scorecards hold about a person, for the accounts app's export
and deletion (accounts.signals): her roles as a municipality's respondent
(the mayor's office), held by her account or invited at one of her
addresses, with the replies posted in them.

On deletion her roles end (`Respondent.objects.forget_person`): the replies
stay, the municipality's public answer, without her account or address."""

from django.dispatch import receiver
from django.utils import timezone

from accounts.personal_data import account_emails
from accounts.signals import account_deleting, personal_data_requested

from .models import Respondent


def _iso(moment):
    return moment.isoformat() if moment else None


@receiver(personal_data_requested, dispatch_uid="scorecards_respondents_export")
def export_respondent_roles(sender, user, **kwargs):
    roles = (
        Respondent.objects.of_person(user, account_emails(user))
        .select_related("municipality")
        .prefetch_related("replies__assessment__priority")
        .order_by("invited_at", "pk")
    )
    return {
        "respondent_roles": [
            {
                "municipality": role.municipality.name,
                "email": role.email,
                "invited_at": _iso(role.invited_at),
                "claimed_at": _iso(role.claimed_at),
                "claimed_by_you": role.user_id == user.pk,
                "revoked_at": _iso(role.revoked_at),
                "replies": [
                    {
                        "priority": reply.assessment.priority.title,
                        "text": reply.text,
                        "posted_at": _iso(reply.posted_at),
                        "hidden_at": _iso(reply.hidden_at),
                        "hidden_reason": reply.hidden_reason,
                    }
                    for reply in role.replies.all()
                ],
            }
            for role in roles
        ]
    }


@receiver(account_deleting, dispatch_uid="scorecards_respondents_delete")
def end_respondent_roles(sender, user, **kwargs):
    Respondent.objects.forget_person(user, account_emails(user), timezone.now())
