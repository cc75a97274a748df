"""RSS and Atom feeds of a news index, in the index's language."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

FEED_LENGTH = 20


class NewsRssFeed(Feed):
    """The latest news of one news index (served by its `feed/rss/` route)."""

    def get_object(self, request, index):
        self.request = request
        return index

    def title(self, index):
        return _("%(title)s – Rrjeti POP") % {"title": index.title}

    def link(self, index):
        return index.get_full_url(self.request)

    def description(self, index):
        return index.intro or _("News from the POP Network")

    def feed_url(self, index):
        return self.request.build_absolute_uri()

    def items(self, index):
        return index.news()[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.lead

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.datetime.combine(item.date, datetime.time(12)))

    def item_updateddate(self, item):
        return item.last_published_at


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed
    subtitle = NewsRssFeed.description
