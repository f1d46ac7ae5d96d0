"""What programs gives the site shell (portal/registry.py): its pages and files, programs and
bases in the site search, the home page's programs open for enrolment, its statistics, new
programs in the feeds, its sitemap sections and the staff roles' rules for its records."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal import registry
from portal.pages.charts import counted, held
from portal.pages.sitemaps import record_sitemap

from . import presentation, selectors
from .filters import ProgramFilterSet, TrainingBaseFilterSet
from .models import Program, ProgramState, ShortageList, TrainingBase


def enrolling_list():
    return f"{reverse('programs:program-list')}?state=enrolling"


def programs_by_state():
    programs = held(Program.objects.published()).with_state()
    return counted(programs, "current_state", ProgramState.choices)


def enrolling(rows):
    """The 报名中 row of programs_by_state()."""
    return rows[list(ProgramState.values).index(ProgramState.ENROLLING)][1]


def total(rows):
    return sum(n for _label, n in rows)


def register():
    registry.register(
        registry.UrlModule("programs.urls", position=20),
        registry.UrlModule("programs.file_urls", localized=False, position=20),
        registry.StaffModel("programs.TrainingBase", district="district"),
        registry.StaffModel("programs.Program", district="districts"),
        registry.StaffModel(
            "programs.ProgramTargetGroup",
            district="program__districts",
            parent="program",
            child_row=True,
        ),
        registry.StaffModel("programs.ShortageList"),
        registry.StaffModel("programs.ShortageEntry", parent="shortage_list"),
        registry.SearchSource(
            "programs",
            _("培训项目"),
            records=Program.objects.published,
            filterset=ProgramFilterSet,
            columns=("slug", "title", "is_demo"),
            list_url="programs:program-list",
            detail_url="programs:program-detail",
            position=10,
        ),
        registry.SearchSource(
            "bases",
            _("培训基地"),
            records=TrainingBase.objects.published,
            filterset=TrainingBaseFilterSet,
            columns=("pk", "name", "is_demo", "district__name"),
            list_url="programs:base-list",
            detail_url="programs:base-detail",
            position=40,
        ),
        registry.KeyFigure(
            "enrolling",
            _("报名中的项目"),
            count=lambda: held(selectors.enrolling_programs()).count(),
            url=enrolling_list,
            position=10,
        ),
        registry.KeyFigure(
            "bases",
            _("培训基地"),
            count=lambda: held(TrainingBase.objects.published()).count(),
            url=lambda: reverse("programs:base-list"),
            position=30,
        ),
        registry.HomeBlock(
            "enrolling",
            "programs/home_enrolling.html",
            read=lambda: {
                "programs": selectors.program_cards().in_state("enrolling").in_citizen_order()[:6]
            },
            position=10,
        ),
        registry.HomeBlock("shortage", "programs/home_shortage.html", read=dict, position=40),
        registry.StatsChart(
            "bases",
            _("培训基地（按类型）"),
            rows=lambda: counted(
                held(TrainingBase.objects.published()), "kind", TrainingBase.Kind.choices
            ),
            unit=_("%(value)s 个"),
            figures=((30, _("培训基地"), total),),
            position=20,
        ),
        registry.StatsChart(
            "programs",
            _("培训项目（按状态）"),
            rows=programs_by_state,
            unit=_("%(value)s 个"),
            figures=((10, _("报名中的项目"), enrolling),),
            position=50,
        ),
        registry.FeedSource(
            "programs.Program",
            newest=selectors.newest_programs,
            title=lambda program: program.title,
            description=lambda program: program.summary,
            link=lambda program: program.get_absolute_url(),
        ),
        *(
            registry.TemplateFunction(name, getattr(presentation, name))
            for name in ("program_enrolment", "program_dates", "program_place", "program_cost")
        ),
        registry.TemplateFunction("program_state", presentation.program_state, is_filter=True),
        registry.Directory("programs:program-list", position=10),
        registry.Directory("programs:base-list", position=40),
        registry.Directory(
            "programs:shortage-latest",
            # /shortage/ is a 404 until an edition is published: crawlers are not sent there.
            shown=lambda: ShortageList.objects.published().exists(),
            position=60,
        ),
        registry.SitemapSection("programs", record_sitemap(Program, "slug"), position=10),
        registry.SitemapSection("bases", record_sitemap(TrainingBase), position=20),
        registry.SitemapSection("shortage", record_sitemap(ShortageList, "year"), position=30),
    )
