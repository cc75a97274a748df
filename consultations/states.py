"""The vocabulary the models, the rules and the forms of consultations share:
the phases of a contract, the states of a comment and the limits of what a
citizen writes. It imports nothing of the app, so each of them may use it."""

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _


class Phase(models.TextChoices):
    """Where a contract is in its lifecycle; derived from dates, never stored."""

    DRAFT = "draft", _("Draft")
    UPCOMING = "upcoming", _("Upcoming")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
    FINALISED = "finalised", _("Finalised")


class CommentState(models.TextChoices):
    VISIBLE = "visible", _("Visible")
    PENDING = "pending", _("Waiting for moderation")
    HIDDEN = "hidden", _("Hidden by a moderator")
    REMOVED = "removed", _("Removed by its author")


#: How long after writing it a citizen may still change or remove a comment.
EDIT_WINDOW = datetime.timedelta(minutes=15)
#: Reports by different citizens that hide a comment until a moderator looks.
REPORTS_TO_HIDE = 3
MAX_COMMENT_LENGTH = 2000
#: Threads of each priority shown on the consultation page (the newest);
#: the whole discussion is on the priority's discussion page.
LATEST_THREADS = 3
#: Threads per page of a priority's discussion page.
DISCUSSION_PAGE_SIZE = 20
#: Replies shown under each of those threads (the newest); the whole thread
#: is on the discussion page.
LATEST_REPLIES = 1
#: Characters of a comment the consultation page shows (at a word's end);
#: the whole comment is on the discussion page.
PREVIEW_LENGTH = 400
#: Threads the consultation page shows in all: each priority of the page
#: shows its share, between 1 and `LATEST_THREADS` (3 each up to 10
#: priorities, 2 up to 15, 1 beyond), so the page's size has a bound.
PAGE_THREADS = 30
#: Priorities per page of the consultation page: a larger consultation is
#: paged (`?page=N`), a smaller one is one page. With one thread each (and
#: its newest reply), a page of 30 stays under 150 KB.
PRIORITIES_PAGE_SIZE = 30
