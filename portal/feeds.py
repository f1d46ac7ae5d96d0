"""RSS and Atom feeds of what is new: published programs and honor awards."""

from django.apps import apps
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

FEED_SIZE = 30


def public_since(record):
    """When a record became public (PUBLIC_SINCE, the order its feed is read in)."""
    return record.published_at or record.created


class NewRecordsFeed(Feed):
    """Newest first; an award links to its honor roll, a program to its page."""

    def title(self):
        return _("重庆技能人才门户：新项目和新荣誉")

    def description(self):
        return _("新发布的培训项目和荣誉称号授予。")

    def link(self):
        return reverse("programs:program-list")

    def items(self):
        """The newest programs and awards, each read in the order of its index: two queries
        whatever the number of records."""
        programs = apps.get_model("programs", "Program").objects.published().newest_first()
        awards = import_string("talent.views.latest_awards")(FEED_SIZE)
        records = [*programs[:FEED_SIZE], *awards]
        records.sort(key=public_since, reverse=True)
        return records[:FEED_SIZE]

    def is_award(self, item):
        return item._meta.model_name == "honoraward"

    def item_title(self, item):
        if self.is_award(item):
            return _("%(year)s年%(title)s：%(name)s") % {
                "year": item.year,
                "title": item.title.name,
                "name": item.craftsman.name,
            }
        return item.title

    def item_description(self, item):
        if self.is_award(item):
            return item.craftsman.organization.name if item.craftsman.organization else ""
        return item.summary

    def item_link(self, item):
        if self.is_award(item):
            url = reverse("talent:honor-roll", kwargs={"title": item.title.slug, "year": item.year})
            return f"{url}#award-{item.pk}"
        return item.get_absolute_url()

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
