"""The one module Wagtail loads for forums: each concern registers its own
hooks, snippets and admin URLs in its own module."""

from wagtail import hooks

from . import desk
from .candidates import hooks as candidates_hooks  # noqa: F401 - candidacies, endorsements
from .candidates import related as candidates_related  # noqa: F401 - related pages
from .candidates import search as candidates_search  # noqa: F401 - in the site search
from .events import hooks as events_hooks  # noqa: F401 - forum pages, citizens' questions

hooks.register("staff_desk_panels", desk.questions_panel, order=130)
hooks.register("staff_desk_panels", desk.candidacy_requests_panel, order=200)
hooks.register("staff_desk_panels", desk.upcoming_forums_panel, order=210)
