"""What talent gives the site shell (portal/registry.py): its pages and files, its lists in the
site search, the home page's new honors and coming competitions, its statistics, the honor
awards in the feeds, its sitemap sections and the staff roles' rules for its records."""

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal import registry
from portal.pages.charts import counted, held
from portal.pages.sitemaps import PublicSitemap, record_sitemap
from portal.vocabulary.choices import Level

from . import selectors
from .filters import CompetitionFilterSet, CraftsmanFilterSet, StudioFilterSet
from .models import Competition, CompetitionResult, Craftsman, Studio


class HonorRollSitemap(PublicSitemap):
    def items(self):
        return list(selectors.honor_rolls())

    def location(self, item):
        return reverse(
            "talent:honor-roll", kwargs={"title": item["title__slug"], "year": item["year"]}
        )

    def lastmod(self, item):
        return item["lastmod"]


def award_title(award):
    return gettext("%(year)s年%(title)s：%(name)s") % {
        "year": award.year,
        "title": award.title.name,
        "name": award.craftsman.name,
    }


def award_description(award):
    organization = award.craftsman.organization
    return organization.name if organization else ""


def award_link(award):
    url = reverse("talent:honor-roll", kwargs={"title": award.title.slug, "year": award.year})
    return f"{url}#award-{award.pk}"


def honors_by_year():
    """Public awards of real records per year. Not the rolls' sizes (HonorRoll): those count
    the demo awards too."""
    awards = held(selectors.public_awards()).filter(year__isnull=False)
    rows = awards.order_by("-year").values_list("year").annotate(n=Count("pk"))
    return [(str(year), n) for year, n in rows]


def total(rows):
    return sum(n for _label, n in rows)


def register():
    registry.register(
        registry.UrlModule("talent.urls", position=10),
        registry.UrlModule("talent.file_urls", localized=False, position=10),
        registry.StaffModel("talent.HonorTitle", vocabulary=True),
        registry.StaffModel("talent.Craftsman", district="district"),
        registry.StaffModel("talent.HonorAward", district="craftsman__district"),
        registry.StaffModel("talent.Studio", district="district"),
        registry.StaffModel("talent.Competition", district="district"),
        registry.StaffModel(
            "talent.CompetitionEvent",
            district="competition__district",
            parent="competition",
            child_row=True,
        ),
        registry.StaffModel(
            "talent.CompetitionResult",
            district="event__competition__district",
            parent="event__competition",
            child_row=True,
        ),
        registry.SearchSource(
            "craftsmen",
            _("技能人才"),
            records=Craftsman.objects.published,
            filterset=CraftsmanFilterSet,
            columns=("uid", "name", "is_demo", "organization__name"),
            detail_url="talent:craftsman-detail",
            # Newest on the register first: in name order, the first ten people holding a
            # common surname (王) lie half a million names into the index; in key order, a few
            # rows in.
            order=("-pk",),
            position=20,
        ),
        registry.SearchSource(
            "studios",
            _("技能大师工作室"),
            records=Studio.objects.published,
            filterset=StudioFilterSet,
            columns=("pk", "name", "is_demo", "district__name"),
            list_url="talent:studio-list",
            detail_url="talent:studio-detail",
            position=30,
        ),
        registry.SearchSource(
            "competitions",
            _("技能竞赛"),
            records=Competition.objects.published,
            filterset=CompetitionFilterSet,
            columns=("slug", "name", "is_demo", "year"),
            list_url="talent:competition-list",
            detail_url="talent:competition-detail",
            position=50,
        ),
        registry.KeyFigure(
            "studios",
            _("技能大师工作室"),
            count=lambda: held(Studio.objects.published()).count(),
            url=lambda: reverse("talent:studio-list"),
            position=20,
        ),
        registry.KeyFigure(
            "competitions",
            _("技能竞赛"),
            count=lambda: held(Competition.objects.published()).count(),
            url=lambda: reverse("talent:competition-list"),
            position=40,
        ),
        registry.HomeBlock(
            "awards",
            "talent/home_awards.html",
            read=lambda: {"awards": selectors.latest_awards()},
            position=20,
        ),
        registry.HomeBlock(
            "competitions",
            "talent/home_competitions.html",
            read=lambda: {"competitions": selectors.upcoming_competitions()},
            position=30,
        ),
        registry.StatsChart(
            "studios",
            _("技能大师工作室（按级别）"),
            rows=lambda: counted(held(Studio.objects.published()), "level", Level.choices),
            unit=_("%(value)s 个"),
            figures=((20, _("技能大师工作室"), total),),
            position=10,
        ),
        registry.StatsChart(
            "honors",
            _("荣誉称号授予（按年度）"),
            rows=honors_by_year,
            unit=_("%(value)s 人次"),
            figures=((40, _("荣誉称号授予"), total),),
            position=30,
        ),
        registry.StatsChart(
            "medals",
            _("竞赛奖牌（按类别）"),
            rows=lambda: counted(
                held(selectors.public_results()).exclude(medal=""),
                "medal",
                CompetitionResult.Medal.choices,
            ),
            unit=_("%(value)s 枚"),
            figures=((50, _("竞赛奖牌"), total),),
            position=40,
        ),
        registry.FeedSource(
            "talent.HonorAward",
            newest=selectors.latest_awards,
            title=award_title,
            description=award_description,
            link=award_link,
        ),
        registry.Directory("talent:honor-index", position=20),
        registry.Directory("talent:studio-list", position=30),
        registry.Directory("talent:competition-list", position=50),
        registry.SitemapSection("studios", record_sitemap(Studio), position=40),
        registry.SitemapSection("competitions", record_sitemap(Competition, "slug"), position=50),
        registry.SitemapSection("craftsmen", record_sitemap(Craftsman, "uid"), position=60),
        registry.SitemapSection("honors", HonorRollSitemap, position=70),
    )
