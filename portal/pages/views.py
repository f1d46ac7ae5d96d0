"""Site-wide pages: home, search, stats, robots.txt and the load balancer's health check.

`portal` does not import the apps (they depend on it): what these pages show of the apps'
records comes from what the apps registered (`portal/registry.py`).
"""

from typing import NamedTuple

from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.views.decorators.http import require_GET

from portal import registry
from portal.pages.charts import bar_chart
from portal.publishing.cache import shared_page

# A site search shows each list's first SEARCH_LIMIT matches and counts up to
# SEARCH_COUNT_LIMIT of them ("1000+" past it): counting every craftsman whose name holds 王
# would read a hundred thousand rows for a figure nobody reads exactly.
SEARCH_LIMIT = 10
SEARCH_COUNT_LIMIT = 1000


class Found(NamedTuple):
    """A search result as the page shows it."""

    url: str | None
    name: str
    is_demo: bool = False
    note: object = None
    code: str | None = None


@shared_page
def home(request):
    """The blocks registered for the home page, in order: the bureau's published figures, the
    counts of the records the portal holds, each app's blocks (programs open for enrolment, new
    honors, …)."""
    blocks = [
        {"template": block.template, **block.read()}
        for block in registry.registered(registry.HomeBlock)
    ]
    return render(request, "portal/home.html", {"blocks": blocks})


def records_held():
    """The counts of the portal's own public records (never demo ones), linking to their lists:
    the registered KeyFigure entries, for the home page's 本站收录 block."""
    return {
        "figures": [
            (figure.label, figure.count(), figure.url() if figure.url else None)
            for figure in registry.registered(registry.KeyFigure)
        ]
    }


@shared_page(parameters={"q"})
def search(request):
    """One box over every list the apps registered (programs, craftsmen, studios, …)."""
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
    for source in registry.registered(registry.SearchSource):
        filterset = source.filterset
        records = source.records()
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


@shared_page
def stats(request):
    """The registered sections (the bureau's published figures), then the counts of the
    portal's own records (never the demo ones) and each chart with its table: a query per
    chart."""
    blocks = []
    figures = []
    for chart in registry.registered(registry.StatsChart):
        rows = chart.rows()
        blocks.append(
            {
                "key": chart.key,
                "title": chart.title,
                "rows": rows,
                "total": sum(n for _label, n in rows),
                "svg": bar_chart(
                    rows,
                    title=str(chart.title),
                    chart_id=f"chart-{chart.key}",
                    value_format=str(chart.unit),
                ),
            }
        )
        figures.extend((position, label, value(rows)) for position, label, value in chart.figures)
    figures = [(label, value) for _position, label, value in sorted(figures, key=first)]
    sections = [
        {"template": section.template, **section.read()}
        for section in registry.registered(registry.StatsSection)
    ]
    context = {"sections": sections, "blocks": blocks, "figures": figures}
    return render(request, "portal/stats.html", context)


def first(item):
    return item[0]


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
