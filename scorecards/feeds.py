"""RSS and Atom feeds of one municipality's changes, in the page's language:
assessments published (old → new status), contracts finalised and forums
announced, newest first. The entries come from
`MunicipalityIndexPage.feed_entries` (a fixed number of queries); the feeds
only present them."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

FEED_LENGTH = 30


class MunicipalityRssFeed(Feed):
    """What changed in one municipality (served by the municipality page's
    `feed/rss/` route)."""

    def get_object(self, request, index, municipality):
        self.request = request
        self.index = index
        return municipality

    def title(self, municipality):
        return _("%(name)s: what changed – Rrjeti POP") % {"name": municipality.localized_name}

    def link(self, municipality):
        return self.request.build_absolute_uri(self.index.municipality_path(municipality))

    def description(self, municipality):
        return _(
            "Assessments published, Social Contracts finalised and public forums announced in "
            "%(name)s."
        ) % {"name": municipality.localized_name}

    def feed_url(self, municipality):
        return self.request.build_absolute_uri()

    def items(self, municipality):
        return self.index.feed_entries(self.request, municipality)[:FEED_LENGTH]

    def item_title(self, item):
        return item["title"]

    def item_description(self, item):
        return item["description"]

    def item_link(self, item):
        return self.request.build_absolute_uri(item["url"])

    def item_guid(self, item):
        return item["guid"]

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item["date"]


class MunicipalityAtomFeed(MunicipalityRssFeed):
    feed_type = Atom1Feed
    subtitle = MunicipalityRssFeed.description
