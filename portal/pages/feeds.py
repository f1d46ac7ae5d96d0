"""RSS and Atom feeds of what is new: published programs and honor awards."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from portal import registry

FEED_SIZE = 30


def public_since(record):
    """When a record became public (PUBLIC_SINCE, the order its feed is read in)."""
    return record.published_at or record.created


class NewRecordsFeed(Feed):
    """Newest first, of every kind of record the apps registered (programs, honor awards)."""

    def title(self):
        return _("重庆技能人才门户：新项目和新荣誉")

    def description(self):
        return _("新发布的培训项目和荣誉称号授予。")

    def link(self):
        return reverse("home")

    def items(self):
        """The newest records of each source, each read in the order of its index: a query
        per source whatever the number of records."""
        records = [
            record
            for source in registry.registered(registry.FeedSource)
            for record in source.newest(FEED_SIZE)
        ]
        records.sort(key=public_since, reverse=True)
        return records[:FEED_SIZE]

    def source(self, item):
        return registry.entries[registry.FeedSource][item._meta.label]

    def item_title(self, item):
        return self.source(item).title(item)

    def item_description(self, item):
        return self.source(item).description(item)

    def item_link(self, item):
        return self.source(item).link(item)

    def item_guid(self, item):
        return f"{item._meta.label_lower}:{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return public_since(item)

    def item_updateddate(self, item):
        return item.updated


class NewRecordsAtomFeed(NewRecordsFeed):
    feed_type = Atom1Feed
    subtitle = NewRecordsFeed.description
