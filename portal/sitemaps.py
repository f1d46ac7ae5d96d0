"""sitemap.xml: every public page in both languages, with the date it last changed."""

from django.apps import apps
from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from django.utils.module_loading import import_string


class PublicSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class PagesSitemap(PublicSitemap):
    """The fixed pages: home, directories, stats."""

    changefreq = "daily"

    def items(self):
        pages = [
            "home",
            "programs:program-list",
            "talent:honor-index",
            "talent:studio-list",
            "programs:base-list",
            "talent:competition-list",
            "programs:shortage-latest",
            "stats",
        ]
        # /shortage/ is a 404 until an edition is published: don't send crawlers there.
        if not apps.get_model("programs.ShortageList").objects.published().exists():
            pages.remove("programs:shortage-latest")
        return pages

    def location(self, item):
        return reverse(item)


class RecordSitemap(PublicSitemap):
    """Published records of one model, each at its get_absolute_url."""

    model_label = ""

    def items(self):
        return apps.get_model(self.model_label).objects.published().order_by("pk")

    def lastmod(self, obj):
        return obj.updated


class HonorRollSitemap(PublicSitemap):
    def items(self):
        return list(import_string("talent.views.honor_rolls")())

    def location(self, item):
        return reverse(
            "talent:honor-roll", kwargs={"title": item["title__slug"], "year": item["year"]}
        )

    def lastmod(self, item):
        return item["lastmod"]


def record_sitemap(label):
    return type(f"{label.split('.')[-1]}Sitemap", (RecordSitemap,), {"model_label": label})


sitemaps = {
    "pages": PagesSitemap,
    "programs": record_sitemap("programs.Program"),
    "bases": record_sitemap("programs.TrainingBase"),
    "shortage": record_sitemap("programs.ShortageList"),
    "studios": record_sitemap("talent.Studio"),
    "competitions": record_sitemap("talent.Competition"),
    "craftsmen": record_sitemap("talent.Craftsman"),
    "honors": HonorRollSitemap,
}
