"""What forums hold about a person, for the accounts app's export and
deletion (accounts.signals).

On deletion: a confirmed candidacy is a public record and stays, without its
account (`Candidacy.user` is SET_NULL); a candidacy only asked for (requested
or declined, never acted on) exists because the person asked, so it goes;
invitations claimed by the account or sent to its addresses go too (the
admin's log keeps that they were sent, not to whom: see
`accounts.personal_data.forget_log_entries_naming`)."""

from django.dispatch import receiver

from accounts.personal_data import account_emails
from accounts.signals import account_deleting, personal_data_requested

from ..models import Candidacy, CandidacyStatus, Invitation


def _iso(moment):
    return moment.isoformat() if moment else None


@receiver(personal_data_requested, dispatch_uid="forums_export")
def export_candidate_data(sender, user, **kwargs):
    candidacies = Candidacy.objects.filter(user=user).select_related(
        "municipality", "election", "party"
    )
    emails = account_emails(user)
    invitations = (
        (Invitation.objects.filter(claimed_by=user) | Invitation.objects.for_emails(emails))
        .distinct()
        .select_related("candidacy")
    )
    return {
        "candidacies": [
            {
                "full_name": candidacy.full_name,
                "municipality": candidacy.municipality.name,
                "election": candidacy.election.name,
                "party": candidacy.party.name if candidacy.party else None,
                "biography": candidacy.biography,
                "status": candidacy.status,
                "requested_at": _iso(candidacy.requested_at),
                "decline_reason": candidacy.decline_reason,
                "won": candidacy.won,
                "positions": [
                    {
                        "priority": position.priority.title,
                        "stance": position.stance,
                        "statement": position.statement,
                    }
                    for position in candidacy.positions.select_related("priority")
                ],
                "signatures": [
                    {
                        "signed_name": endorsement.signed_name,
                        "signed_at": _iso(endorsement.signed_at),
                        "method": endorsement.method,
                        "withdrawn_at": _iso(endorsement.withdrawn_at),
                        "withdrawal_reason": endorsement.withdrawal_reason,
                    }
                    for endorsement in candidacy.endorsements.all()
                ],
            }
            for candidacy in candidacies
        ],
        "candidacy_invitations": [
            {
                "candidacy": invitation.candidacy.full_name,
                "email": invitation.email,
                "sent_at": _iso(invitation.sent_at),
                "claimed_at": _iso(invitation.claimed_at),
                "claimed_by_you": invitation.claimed_by_id == user.pk,
            }
            for invitation in invitations
        ],
    }


@receiver(account_deleting, dispatch_uid="forums_delete")
def apply_deletion_policy(sender, user, **kwargs):
    emails = account_emails(user)
    (Invitation.objects.filter(claimed_by=user) | Invitation.objects.for_emails(emails)).delete()
    Candidacy.objects.filter(
        user=user,
        status__in=[CandidacyStatus.REQUESTED, CandidacyStatus.DECLINED],
        positions__isnull=True,
        endorsements__isnull=True,
    ).delete()
