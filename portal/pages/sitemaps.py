"""sitemap.xml: an index of sitemap files that list every public page in both languages, with
the date it last changed.

A file holds at most FILE_ENTRIES <url> entries, one per page and language as the protocol
counts them: far under its 50,000, so that Django builds a file (a reverse() per language and
alternate of every page) in well under a second; the shared cache serves it after that. The
records' files are ranges of ids (IdRangePaginator).
"""

from django.contrib.sitemaps import Sitemap
from django.core.paginator import Paginator
from django.db.models import Max, Min
from django.urls import reverse
from django.utils.functional import cached_property

from portal import registry

FILE_ENTRIES = 2000


class PublicSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    limit = FILE_ENTRIES  # (page, language) entries: Django pages the pairs

    def _location(self, item, force_lang_code=None):
        """A page's address in one language, reversed once per file: Django asks for it four
        times (the entry, both entries' alternates and x-default), two thirds of the file's
        work."""
        page, language = item
        key = (id(page), force_lang_code or language)
        addresses = self.__dict__.setdefault("addresses", {})
        if key not in addresses:
            addresses[key] = super()._location(item, force_lang_code)
        return addresses[key]


class PagesSitemap(PublicSitemap):
    """The fixed pages: home, the apps' directories, stats."""

    changefreq = "daily"

    def items(self):
        directories = registry.registered(registry.Directory)
        # A directory that would be a 404 (no shortage edition published yet) is left out.
        return ["home", *(page.url_name for page in directories if page.shown()), "stats"]

    def location(self, item):
        return reverse(item)


class IdRangePaginator(Paginator):
    """A section's records in files by ranges of ids: file n holds the records with ids from
    first + (n - 1) × per_page up to first + n × per_page, each in every language.

    Django pages a sitemap by offset over every (record, language) pair, which it lists in
    memory first: two million pairs for a million craftsmen, for each file. A range is read
    from the primary key's index however deep the file, and the number of files follows from
    the first and last ids, without counting the records (a file holds fewer where ids are
    sparse)."""

    def __init__(self, records, per_page, languages):
        super().__init__(records, per_page)
        self.languages = languages

    @cached_property
    def ids(self):
        return self.object_list.aggregate(first=Min("pk"), last=Max("pk"))

    @cached_property
    def num_pages(self):
        if self.ids["first"] is None:
            return 1
        return (self.ids["last"] - self.ids["first"]) // self.per_page + 1

    def page(self, number):
        number = self.validate_number(number)
        low = (self.ids["first"] or 0) + (number - 1) * self.per_page
        records = self.object_list.filter(pk__gte=low, pk__lt=low + self.per_page)
        entries = [(record, language) for record in records for language in self.languages]
        return self._get_page(entries, number, self)


class RecordSitemap(PublicSitemap):
    """Published records of one model (the same `.published()` as every public read), each at
    its get_absolute_url, read with only what that URL and the last change need."""

    model = None
    url_fields = ()  # what the model's get_absolute_url reads besides the id

    def items(self):
        records = self.model.objects.published()
        return records.only(*self.url_fields, "updated").order_by("pk")

    def lastmod(self, record):
        return record.updated

    def get_latest_lastmod(self):
        return self.items().aggregate(latest=Max("updated"))["latest"]

    @cached_property
    def paginator(self):
        languages = self._languages()
        return IdRangePaginator(self.items(), self.limit // len(languages), languages)


def record_sitemap(model, *url_fields):
    """The sitemap section of `model`'s published records."""
    name = f"{model.__name__}Sitemap"
    return type(name, (RecordSitemap,), {"model": model, "url_fields": url_fields})


def sections():
    """Every section of the index: the fixed pages, then what the apps registered."""
    return {"pages": PagesSitemap, **registry.sitemaps()}
