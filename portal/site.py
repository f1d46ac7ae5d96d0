"""What portal itself gives the registry: its vocabulary, organizations and key figures for the
staff roles, occupations for the site search, and the home page's and /stats/' blocks of the
bureau's published figures (官方数据) and of the records the portal holds (本站收录). Each app
has a `site.py` of its own."""

from django.utils.translation import gettext_lazy as _

from portal import registry


def register():
    from portal.figures import reads
    from portal.finding.filters import OccupationFilterSet
    from portal.pages.views import records_held
    from portal.vocabulary.models import Occupation

    registry.register(
        *(
            registry.StaffModel(f"portal.{name}", vocabulary=True)
            for name in ("District", "Occupation", "WorkType", "IndustryCluster")
        ),
        registry.StaffModel("portal.Organization", district="district"),
        registry.StaffModel("portal.KeyFigure"),
        registry.SearchSource(
            "occupations",
            _("职业"),
            records=Occupation.objects.all,
            filterset=OccupationFilterSet,
            columns=("code", "name"),
            position=60,
        ),
        registry.HomeBlock(
            "official-figures",
            "portal/home_official_figures.html",
            read=lambda: {"official_figures": reads.featured_figures()},
            position=0,
        ),
        registry.HomeBlock(
            "records-held", "portal/home_records_held.html", read=records_held, position=5
        ),
        registry.StatsSection(
            "official-figures",
            "portal/stats_official_figures.html",
            read=lambda: {"official_topics": reads.figures_by_topic()},
            position=0,
        ),
    )
