"""The one module Wagtail loads for forums: each concern registers its own
hooks, snippets and admin URLs in its own module."""

from .candidates import hooks as candidates_hooks  # noqa: F401 - candidacies, endorsements
from .events import hooks as events_hooks  # noqa: F401 - forum pages, citizens' questions
