"""What forum questions hold about a person, for the accounts app's export
and deletion (accounts.signals). As for consultation comments, questions
stay public when their author deletes the account, shown as by a deleted
account (the foreign key is set to NULL); upvotes go with the account."""

from django.dispatch import receiver

from accounts.personal_data import forget_log_entries
from accounts.signals import account_deleting, personal_data_requested

from ..models import Question, Upvote


@receiver(personal_data_requested, dispatch_uid="forums_questions_export")
def export_question_data(sender, user, **kwargs):
    questions = Question.objects.filter(author=user).select_related("forum")
    upvotes = Upvote.objects.filter(citizen=user).select_related("question__forum")
    return {
        "forum_questions": [
            {
                "forum": question.forum.title,
                "text": question.text,
                "state": question.state,
                "rejection_reason": question.rejection_reason,
                "asked_at": question.created_at.isoformat(),
                "answered_at": question.answered_at.isoformat() if question.answered_at else None,
            }
            for question in questions
        ],
        "forum_upvotes": [
            {
                "forum": upvote.question.forum.title,
                "question": upvote.question_id,
                "upvoted_at": upvote.created_at.isoformat(),
            }
            for upvote in upvotes
        ],
    }


@receiver(account_deleting, dispatch_uid="forums_questions_delete")
def remove_upvotes(sender, user, **kwargs):
    """Upvotes are removed (they would otherwise go by cascade, after the
    counts were shown); questions are kept without a name, and log entries
    about them lose their text."""
    Upvote.objects.filter(citizen=user).delete()
    forget_log_entries(Question.objects.filter(author=user))
