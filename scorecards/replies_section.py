"""The priority page's section of the right of reply (the page, built
elsewhere, asks the `priority_page_sections` hook): the priority's published
assessments, newest first, each with the municipality's reply beside it."""

from django.utils import timezone

from .models import Assessment, Reply, reply_deadline

TEMPLATE = "scorecards/replies/priority_section.html"


def reply_section(request, priority, now=None):
    """`{"order", "template", "context"}` for `priority` (a source-language
    priority): three queries whatever the number of assessments."""
    now = now or timezone.now()
    assessments = list(Assessment.objects.published().filter(priority=priority).latest_first())
    replies = Reply.objects.by_assessment([a.pk for a in assessments])
    for assessment in assessments:
        assessment.public_reply = replies.get(assessment.pk)
        assessment.reply_open = now <= reply_deadline(assessment)
        assessment.reply_url = ""
    return {"order": 40, "template": TEMPLATE, "context": {"assessments": assessments}}
