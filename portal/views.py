"""Site-wide pages: home, search, stats, robots.txt and the load balancer's health check.

`portal` does not import the apps (they depend on it): it reaches their models through
`apps.get_model` and their shared reads and FilterSets by dotted path.
"""

from typing import NamedTuple

from django.apps import apps
from django.db import connection
from django.db.models import Count, Sum
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.module_loading import import_string
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from .cache import shared_page
from .charts import bar_chart

# A site search shows each list's first SEARCH_LIMIT matches and counts up to
# SEARCH_COUNT_LIMIT of them ("1000+" past it): counting every craftsman whose name holds 王
# would read a hundred thousand rows for a figure nobody reads exactly.
SEARCH_LIMIT = 10
SEARCH_COUNT_LIMIT = 1000


class SearchSource(NamedTuple):
    """One list the search box covers. `columns`: what a result shows, read as plain values:
    the detail page's argument (an occupation's code), the name, then is_demo and a note.
    `order`: the first results' order when not the list's own."""

    key: str
    heading: str
    label: str
    filterset: str
    list_url: str | None  # where "see all" continues, with the same q
    detail_url: str | None
    columns: tuple
    order: tuple = ()


class Found(NamedTuple):
    """A search result as the page shows it."""

    url: str | None
    name: str
    is_demo: bool = False
    note: object = None
    code: str | None = None


SEARCH_SOURCES = [
    SearchSource(
        "programs",
        _("培训项目"),
        "programs.Program",
        "programs.filters.ProgramFilterSet",
        "programs:program-list",
        "programs:program-detail",
        ("slug", "title", "is_demo"),
    ),
    SearchSource(
        "craftsmen",
        _("技能人才"),
        "talent.Craftsman",
        "talent.filters.CraftsmanFilterSet",
        None,
        "talent:craftsman-detail",
        ("uid", "name", "is_demo", "organization__name"),
        # Newest on the register first: in name order, the first ten people holding a common
        # surname (王) lie half a million names into the index; in key order, a few rows in.
        ("-pk",),
    ),
    SearchSource(
        "studios",
        _("技能大师工作室"),
        "talent.Studio",
        "talent.filters.StudioFilterSet",
        "talent:studio-list",
        "talent:studio-detail",
        ("pk", "name", "is_demo", "district__name"),
    ),
    SearchSource(
        "bases",
        _("培训基地"),
        "programs.TrainingBase",
        "programs.filters.TrainingBaseFilterSet",
        "programs:base-list",
        "programs:base-detail",
        ("pk", "name", "is_demo", "district__name"),
    ),
    SearchSource(
        "competitions",
        _("技能竞赛"),
        "talent.Competition",
        "talent.filters.CompetitionFilterSet",
        "talent:competition-list",
        "talent:competition-detail",
        ("slug", "name", "is_demo", "year"),
    ),
    SearchSource(
        "occupations",
        _("职业"),
        "portal.Occupation",
        "portal.filters.OccupationFilterSet",
        None,
        None,
        ("code", "name"),
    ),
]


def model(label):
    return apps.get_model(label)


@shared_page
def home(request):
    Program = model("programs.Program")
    Competition = model("talent.Competition")
    enrolling = Program.objects.published().in_state("enrolling")
    program_cards = import_string("programs.views.program_cards")
    programs = program_cards().in_state("enrolling").in_citizen_order()[:6]
    upcoming = (
        Competition.objects.published()
        .filter(year__gte=timezone.localdate().year)
        .order_by("start_date", "year", "name")[:4]
    )
    programs_url = reverse("programs:program-list")
    figures = [
        (_("报名中的项目"), enrolling.count(), f"{programs_url}?state=enrolling"),
        (
            _("技能大师工作室"),
            model("talent.Studio").objects.published().count(),
            reverse("talent:studio-list"),
        ),
        (
            _("培训基地"),
            model("programs.TrainingBase").objects.published().count(),
            reverse("programs:base-list"),
        ),
        (
            _("技能竞赛"),
            Competition.objects.published().count(),
            reverse("talent:competition-list"),
        ),
    ]
    return render(
        request,
        "portal/home.html",
        {
            "figures": figures,
            "programs": programs,
            "awards": import_string("talent.views.latest_awards")(),
            "competitions": upcoming,
        },
    )


@shared_page(parameters={"q"})
def search(request):
    """One box over programs, craftsmen, studios, bases, competitions and occupations."""
    query = request.GET.get("q", "").strip()
    sections = []
    errors = []
    if len(query) > 100:
        errors.append(gettext("关键词（q）：最多 100 个字符。"))
    elif "\x00" in query:  # PostgreSQL refuses it in a query; no text can hold it
        errors.append(gettext("关键词（q）：不能包含空字符。"))
    elif query:
        sections = search_sections(query)
    total = sum(s["count"] for s in sections)
    status = 400 if errors else 200
    context = {
        "query": query,
        "sections": sections,
        "total": total,
        "total_beyond": any(s["beyond"] for s in sections),
        "errors": errors,
    }
    return render(request, "portal/search.html", context, status=status)


def search_sections(query):
    """Each source's public records matching `query` by its FilterSet's search rule, counted
    up to SEARCH_COUNT_LIMIT, with the first SEARCH_LIMIT of those that found something. A
    fixed number of queries whatever the data: one per related table searched (shared by the
    lists), then per list a count and, if it found something, its first results."""
    known = {}
    sections = []
    for source in SEARCH_SOURCES:
        filterset = import_string(source.filterset)
        records = public_records(source.label)
        keys = filterset.search_plan().related_keys(query, using=records.db, known=known)
        matches = filterset.search_queryset(records, query, keys=keys)
        count = matches.order_by().values("pk")[: SEARCH_COUNT_LIMIT + 1].count()
        if source.order:
            matches = matches.order_by(*source.order)
        rows = list(matches.values_list(*source.columns)[:SEARCH_LIMIT]) if count else []
        more = None
        if source.list_url and count > SEARCH_LIMIT:
            more = f"{reverse(source.list_url)}?{urlencode({'q': query})}"
        if source.detail_url is None:  # an occupation: its code and name
            results = [Found(None, name, code=code) for code, name in rows]
        else:
            url = source.detail_url
            results = [Found(reverse(url, args=[row[0]]), *row[1:]) for row in rows]
        sections.append(
            {
                "key": source.key,
                "heading": source.heading,
                "count": min(count, SEARCH_COUNT_LIMIT),
                "beyond": count > SEARCH_COUNT_LIMIT,
                "results": results,
                "more": more,
            }
        )
    return sections


def public_records(label):
    records = model(label).objects
    return records.published() if hasattr(records, "published") else records.all()


def counted(queryset, field, choices):
    """(label, count) for every choice, in the choices' order, zeros included: one query."""
    counts = dict(queryset.values_list(field).annotate(n=Count("pk")).order_by())
    return [(label, counts.get(value, 0)) for value, label in choices]


@shared_page
def stats(request):
    """Key figures computed from published data, each chart with its table: a query per chart,
    none over the million-row tables (honors are counted by their rolls' sizes)."""
    Studio = model("talent.Studio")
    TrainingBase = model("programs.TrainingBase")
    Program = model("programs.Program")
    Result = model("talent.CompetitionResult")
    Level = import_string("portal.choices.Level")
    ProgramState = import_string("programs.models.ProgramState")
    public_results = import_string("talent.views.public_results")()

    studios = counted(Studio.objects.published(), "level", Level.choices)
    bases = counted(TrainingBase.objects.published(), "kind", TrainingBase.Kind.choices)
    rolls = model("talent.HonorRoll").objects.values_list("year").order_by("-year")
    honors = [(str(year), n) for year, n in rolls.annotate(n=Sum("size"))]
    medals = counted(public_results.exclude(medal=""), "medal", Result.Medal.choices)
    programs = counted(
        Program.objects.published().with_state(), "current_state", ProgramState.choices
    )
    enrolling = dict(zip(ProgramState.values, programs, strict=True))["enrolling"][1]
    charts = [
        ("studios", _("技能大师工作室（按级别）"), studios, _("%(value)s 个")),
        ("bases", _("培训基地（按类型）"), bases, _("%(value)s 个")),
        ("honors", _("荣誉称号授予（按年度）"), honors, _("%(value)s 人次")),
        ("medals", _("竞赛奖牌（按类别）"), medals, _("%(value)s 枚")),
        ("programs", _("培训项目（按状态）"), programs, _("%(value)s 个")),
    ]
    blocks = [
        {
            "key": key,
            "title": title,
            "rows": rows,
            "total": sum(n for _label, n in rows),
            "svg": bar_chart(
                rows, title=str(title), chart_id=f"chart-{key}", value_format=str(value_format)
            ),
        }
        for key, title, rows, value_format in charts
    ]
    figures = [
        (_("报名中的项目"), enrolling),
        (_("技能大师工作室"), blocks[0]["total"]),
        (_("培训基地"), blocks[1]["total"]),
        (_("荣誉称号授予"), blocks[2]["total"]),
        (_("竞赛奖牌"), blocks[3]["total"]),
    ]
    return render(request, "portal/stats.html", {"blocks": blocks, "figures": figures})


@require_GET
@shared_page
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /i18n/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def healthz(request):
    """Database and cache state as JSON: 200 while the database answers (the site can serve
    without its cache, slower), 503 when it does not."""
    from django.core.cache import cache

    state = {"database": "ok", "cache": "ok"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure means "not healthy", never a 500
        state["database"] = "down"
    probe = "healthz-probe"
    try:
        cache.set(probe, "1", 10)
        if cache.get(probe) != "1":
            state["cache"] = "down"
    except Exception:  # a failing cache degrades the site, it does not stop it
        state["cache"] = "down"
    healthy = state["database"] == "ok"
    if not healthy:
        state["status"] = "unavailable"
    else:
        state["status"] = "ok" if state["cache"] == "ok" else "degraded"
    response = JsonResponse(state, status=200 if healthy else 503)
    response["Cache-Control"] = "no-store"
    return response
