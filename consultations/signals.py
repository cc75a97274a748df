"""What consultations hold about a person, for the accounts app's export and
deletion (accounts.signals)."""

from django.dispatch import receiver
from django.utils import timezone

from accounts.personal_data import forget_log_entries
from accounts.signals import account_deleting, personal_data_requested

from .models import (
    Comment,
    Follow,
    Notification,
    NotificationPreference,
    Priority,
    PrioritySuggestion,
    Report,
    SocialContract,
    Vote,
)


@receiver(personal_data_requested, dispatch_uid="consultations_export")
def export_consultation_data(sender, user, **kwargs):
    votes = Vote.objects.filter(citizen=user).select_related(
        "priority__contract__municipality", "priority__contract__election"
    )
    comments = Comment.objects.filter(author=user).select_related("priority")
    reports = Report.objects.filter(reporter=user).select_related("comment")
    return {
        "consultation_supports": [
            {
                "priority": vote.priority.title,
                "contract": str(vote.priority.contract),
                "supported_at": vote.created_at.isoformat(),
            }
            for vote in votes
        ],
        "consultation_comments": [
            {
                "priority": comment.priority.title,
                "reply_to": comment.parent_id,
                "text": comment.body,
                "state": comment.state,
                "written_at": comment.created_at.isoformat(),
                "edited_at": comment.edited_at.isoformat() if comment.edited_at else None,
            }
            for comment in comments
        ],
        "priority_suggestions": [
            {
                "title": suggestion.title,
                "description": suggestion.description,
                "state": suggestion.state,
                "decline_reason": suggestion.decline_reason,
                "suggested_at": suggestion.created_at.isoformat(),
            }
            for suggestion in PrioritySuggestion.objects.filter(author=user)
        ],
        "consultation_reports": [
            {
                "comment": report.comment_id,
                "reason": report.reason,
                "reported_at": report.created_at.isoformat(),
            }
            for report in reports
        ],
    }


@receiver(account_deleting, dispatch_uid="consultations_delete")
def apply_deletion_policy(sender, user, **kwargs):
    """Supports in consultations still open are withdrawn, as if the citizen
    had withdrawn them; elsewhere they stay counted without a name (the FK
    sets the citizen to NULL). Comments stay, shown as by a deleted account;
    a priority she suggested stays, credited to a deleted account. Log
    entries about her comments, suggestions and reports lose their text."""
    open_contracts = SocialContract.objects.open(timezone.now())
    Vote.objects.filter(citizen=user, priority__contract__in=open_contracts).withdraw()
    suggestions = list(PrioritySuggestion.objects.filter(author=user))
    credited = Priority.objects.filter(pk__in=[s.priority_id for s in suggestions if s.priority_id])
    Priority.objects.filter(translation_key__in=credited.values("translation_key")).update(
        suggested_by_name=""
    )
    forget_log_entries(
        [
            *suggestions,
            *Comment.objects.filter(author=user),
            *Report.objects.filter(reporter=user),
        ]
    )


@receiver(personal_data_requested, dispatch_uid="consultations_following_export")
def export_following_data(sender, user, **kwargs):
    """What the person follows, the notifications they were sent and how
    they chose to be e-mailed (deleting the account deletes them: the
    foreign keys cascade)."""
    return {
        "follows": [
            {
                "municipality": str(follow.municipality) if follow.municipality_id else None,
                "priority": follow.priority.title if follow.priority_id else None,
                "since": follow.created_at.isoformat(),
            }
            for follow in Follow.objects.of(user).select_related("municipality", "priority")
        ],
        "notifications": [
            {
                "kind": notification.announcement.kind,
                "title": notification.announcement.localized("title", user.email_language),
                "summary": notification.announcement.localized("summary", user.email_language),
                "created_at": notification.announcement.created_at.isoformat(),
                "read_at": notification.read_at.isoformat() if notification.read_at else None,
                "emailed_at": (
                    notification.emailed_at.isoformat() if notification.emailed_at else None
                ),
            }
            for notification in Notification.objects.of(user).listing()
        ],
        "notification_preferences": NotificationPreference.objects.choices_of(user),
    }
