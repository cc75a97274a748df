"""Forum events: the forum pages (`forums.models.pages`, which own their
context and routes) and the questions citizens send for them, their
moderation, and the home page's "upcoming forums" section."""
