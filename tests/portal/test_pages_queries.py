"""Every list page runs the same number of queries for 1 row as for 50 (no N+1)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from programs.models import ProgramTargetGroup
from tests.factories import (
    CompetitionEventFactory,
    CompetitionFactory,
    CompetitionResultFactory,
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


def program(n, context):
    item = ProgramFactory(title=f"技能项目{n}", provider_base=context.get("base"))
    item.districts.add(DistrictFactory())
    item.occupations.add(OccupationFactory())
    ProgramTargetGroupFactory(program=item, group=ProgramTargetGroup.Group.GRADUATES)
    ProgramTargetGroupFactory(program=item, group=ProgramTargetGroup.Group.VETERANS)


def studio(n, context):
    item = StudioFactory(name=f"技能工作室{n}")
    item.occupations.add(OccupationFactory())
    item.clusters.add(IndustryClusterFactory())


def base(n, context):
    item = TrainingBaseFactory(name=f"技能基地{n}")
    item.occupations.add(OccupationFactory())


def competition(n, context):
    CompetitionEventFactory(competition=CompetitionFactory(name=f"技能大赛{n}", year=2000 + n))


def award(n, context):
    HonorAwardFactory(title=context["title"], year=2025)


def result(n, context):
    event = CompetitionEventFactory(competition=context["competition"])
    CompetitionResultFactory(event=event, delegation=f"代表队{n}")


def shortage_entry(n, context):
    ShortageEntryFactory(shortage_list=context["edition"], rank=n + 1, demand=100, gap=n)


def everything(n, context):
    for make in (program, studio, base, competition):
        make(n, context)


def title_context():
    return {"title": HonorTitleFactory(slug="bayu-gongjiang")}


PAGES = [
    ("/programs/", program, dict),
    ("/programs/?district=&q=技能&ordering=enrol_end", program, dict),
    ("/studios/", studio, dict),
    ("/bases/", base, dict),
    ("/competitions/", competition, dict),
    ("/honors/", award, title_context),
    ("/honors/bayu-gongjiang/2025/", award, title_context),
    ("/competitions/medals/", result, lambda: {"competition": CompetitionFactory(slug="medals")}),
    ("/bases/base/", program, lambda: {"base": TrainingBaseFactory()}),
    ("/shortage/", shortage_entry, lambda: {"edition": ShortageListFactory()}),
    ("/search/?q=技能", everything, dict),
    ("/", everything, dict),
    ("/stats/", everything, dict),
]


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


@pytest.mark.parametrize(("url", "make", "make_context"), PAGES, ids=[p[0] for p in PAGES])
def test_a_page_runs_as_many_queries_for_50_rows_as_for_1(
    client, django_assert_num_queries, url, make, make_context
):
    context = make_context()
    if "base" in context:
        url = context["base"].get_absolute_url()
    make(0, context)
    with_one = queries(client, url)
    for n in range(1, 50):
        make(n, context)
    with django_assert_num_queries(with_one):
        client.get(url)


def test_a_search_finding_nothing_reads_its_related_names_and_its_counts(client):
    """On PostgreSQL the counts are two statements: the small lists' prepared, the craftsmen's
    planned for the text (search.counted_first); elsewhere one."""
    everything(0, {})
    expected = 3 if connection.vendor == "postgresql" else 2
    assert queries(client, "/search/?q=没有这样的词") == expected


def test_a_search_finding_something_reads_its_counts_and_first_results_together(client):
    """On PostgreSQL each statement that counts also reads its lists' first results;
    elsewhere each section that found something reads its results in one more."""
    everything(0, {})
    assert queries(client, "/search/?q=技能工作室") == 3
