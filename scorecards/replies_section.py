"""The priority page's section of the right of reply (the page, built
elsewhere, asks the `priority_page_sections` hook): the priority's published
assessments, newest first, each with the municipality's reply beside it."""

from django.utils import timezone

from .models import priority_history, reply_deadline

TEMPLATE = "scorecards/replies/priority_section.html"


def reply_section(request, priority, now=None):
    """`{"order", "template", "context"}` for `priority` (a source-language
    priority): the history the page has read (`priority_history`), no query
    of its own."""
    now = now or timezone.now()
    assessments = list(priority_history(priority, request))
    for assessment in assessments:
        assessment.public_reply = getattr(assessment, "reply", None)
        assessment.reply_open = now <= reply_deadline(assessment)
        assessment.reply_url = ""
    return {"order": 40, "template": TEMPLATE, "context": {"assessments": assessments}}
