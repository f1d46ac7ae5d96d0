"""Every public route reads a fixed number of queries, whatever the number of records (NetBox
keeps such a table per view): one table of routes and their counts, each checked with the
response cache off at 3 and at 30 records of each kind, so a route that reads a row at a time
fails here before it is slow at a million rows."""

import datetime
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    CompetitionEventFactory,
    CompetitionFactory,
    CompetitionResultFactory,
    CraftsmanFactory,
    DistrictFactory,
    HonorAwardFactory,
    HonorTitleFactory,
    IndustryClusterFactory,
    OccupationFactory,
    ProgramFactory,
    ProgramTargetGroupFactory,
    ShortageEntryFactory,
    ShortageListFactory,
    StudioFactory,
    TrainingBaseFactory,
)

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)

# The queries of each API resource's list and detail.
API_QUERIES = {
    "districts": (2, 1),
    "occupations": (2, 1),
    "industry-clusters": (1, 1),
    "organizations": (2, 1),
    "craftsmen": (1, 1),
    "studios": (3, 3),
    "honor-titles": (1, 1),
    "honor-awards": (2, 1),
    "competitions": (2, 2),
    "competition-results": (1, 1),
    "programs": (4, 4),
    "training-bases": (3, 3),
    "shortage-lists": (1, 1),
    "shortage-entries": (1, 1),
}

# (route, its path given the records, the queries it reads).
ROUTES = [
    # home and stats: one query more for the official figures (portal.figures)
    ("home", lambda r: reverse("home"), 9),
    ("home in English", lambda r: "/en/", 9),
    ("program list", lambda r: reverse("programs:program-list"), 6),
    ("program detail", lambda r: r.program.get_absolute_url(), 4),
    ("studio list", lambda r: reverse("talent:studio-list"), 6),
    ("studio detail", lambda r: r.studio.get_absolute_url(), 3),
    ("training base list", lambda r: reverse("programs:base-list"), 6),
    ("training base detail", lambda r: r.base.get_absolute_url(), 5),
    ("competition list", lambda r: reverse("talent:competition-list"), 2),
    ("competition detail", lambda r: r.competition.get_absolute_url(), 4),
    ("honor index", lambda r: reverse("talent:honor-index"), 1),
    ("honor roll", lambda r: reverse("talent:honor-roll", args=[r.title.slug, 2025]), 2),
    ("craftsman profile", lambda r: r.person.get_absolute_url(), 4),
    ("latest shortage catalogue", lambda r: reverse("programs:shortage-latest"), 3),
    ("shortage catalogue of a year", lambda r: r.shortage.get_absolute_url(), 3),
    ("stats", lambda r: reverse("stats"), 6),
    ("search", lambda r: reverse("search") + "?q=测试", 16),
    ("RSS feed", lambda r: reverse("feed-rss"), 2),
    ("Atom feed", lambda r: reverse("feed-atom"), 2),
    ("sitemap index", lambda r: reverse("sitemap"), 15),
    ("sitemap of the fixed pages", lambda r: "/sitemap-pages.xml", 1),
    ("sitemap of craftsmen", lambda r: "/sitemap-craftsmen.xml", 2),
    ("sitemap of honor rolls", lambda r: "/sitemap-honors.xml", 1),
    ("robots.txt", lambda r: reverse("robots-txt"), 0),
    ("health check", lambda r: reverse("healthz"), 1),
    ("API schema", lambda r: "/api/schema/", 0),
    ("API tombstones", lambda r: "/api/v1/tombstones/", 1),
    *[
        (f"API {name} list", lambda r, name=name: f"/api/v1/{name}/", queries[0])
        for name, queries in API_QUERIES.items()
    ],
    *[
        (f"API {name} detail", lambda r, name=name: r.api_detail[name], queries[1])
        for name, queries in API_QUERIES.items()
    ],
]


def make_records(client, n):
    """n records of every kind, and n of what each detail page lists."""
    districts = DistrictFactory.create_batch(n)
    people = CraftsmanFactory.create_batch(n)
    title = HonorTitleFactory()
    for person in people:
        HonorAwardFactory(craftsman=person, title=title, year=2025)
    for year in range(2000, 2000 + n):  # the first person's own honors, one roll each
        HonorAwardFactory(craftsman=people[0], year=year)
    competition = CompetitionFactory()
    for person in people:
        CompetitionResultFactory(
            craftsman=person, event=CompetitionEventFactory(competition=competition)
        )
    CompetitionFactory.create_batch(n)
    studios = [StudioFactory(leader=person) for person in people]
    studios[0].occupations.set(OccupationFactory.create_batch(n))
    studios[0].clusters.set(IndustryClusterFactory.create_batch(n))
    bases = TrainingBaseFactory.create_batch(n)
    today = timezone.localdate()
    programs = ProgramFactory.create_batch(  # open for enrolment: the home page shows them
        n,
        provider_base=bases[0],
        enrol_start=today - DAY,
        enrol_end=today + 10 * DAY,
        start_date=today + 20 * DAY,
        end_date=today + 30 * DAY,
    )
    programs[0].districts.set(districts)
    for group in ProgramTargetGroupFactory._meta.model.Group.values[:n]:
        ProgramTargetGroupFactory(program=programs[0], group=group)
    shortage = ShortageListFactory()
    for _ in range(n):
        ShortageEntryFactory(shortage_list=shortage)
    api_detail = {}
    for name in API_QUERIES:
        first = client.get(f"/api/v1/{name}/").json()["results"][0]
        api_detail[name] = f"/api/v1/{name}/{first['identifier']}/"
    return SimpleNamespace(
        person=people[0],
        title=title,
        competition=competition,
        studio=studios[0],
        base=bases[0],
        program=programs[0],
        shortage=shortage,
        api_detail=api_detail,
    )


def queries_read(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return len(queries)


@pytest.mark.parametrize("n", [3, 30])
def test_every_public_route_reads_its_fixed_number_of_queries_with_3_or_30_records(
    client, settings, n
):
    """At 30 records every route reads exactly its count; at 3 none reads more (a list whose
    records all fit on one page may skip its count)."""
    settings.PUBLIC_CACHE_SECONDS = 0
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "100000/minute", "token": "100000/minute"},
    }
    records = make_records(client, n)
    expected = {route: count for route, _path, count in ROUTES}
    read = {route: queries_read(client, path(records)) for route, path, _count in ROUTES}
    if n < 30:
        assert {route: count for route, count in read.items() if count > expected[route]} == {}
    else:
        assert read == expected
