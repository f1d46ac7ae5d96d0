"""The `q` search (portal/search.py): names behind a relation are matched in their own table,
all of a search's related tables in one query."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal import search
from talent.filters import CraftsmanFilterSet, StudioFilterSet
from talent.models import Craftsman, Studio
from tests.factories import (
    CraftsmanFactory,
    OccupationFactory,
    OrganizationFactory,
    StudioFactory,
)

pytestmark = pytest.mark.django_db
ON_POSTGRESQL = connection.vendor == "postgresql"


def plan():
    return CraftsmanFilterSet.search_plan()


def test_every_related_table_of_a_search_is_read_in_one_query():
    works = OrganizationFactory(name="焊接技术学院")
    welder = OccupationFactory(name="焊工")
    with CaptureQueriesContext(connection) as queries:
        keys = plan().related_keys("焊", using="default")
    assert (len(queries), keys) == (
        1,
        {"organization__name": [works.pk], "occupation__name": [welder.pk]},
    )


def test_a_search_finds_people_by_their_organizations_name():
    CraftsmanFactory(name="钱学", organization=OrganizationFactory(name="焊接技术学院"))
    CraftsmanFactory(name="赵敏")
    found = CraftsmanFilterSet.search_queryset(Craftsman.objects.all(), "技术学院")
    assert [person.name for person in found] == ["钱学"]


def test_related_matches_past_the_limit_are_searched_as_a_subquery(monkeypatch):
    monkeypatch.setattr(search, "RELATED_KEYS_LIMIT", 1)
    for name in ("焊接一厂", "焊接二厂"):
        CraftsmanFactory(name=f"{name}师傅", organization=OrganizationFactory(name=name))
    keys = plan().related_keys("焊接", using="default")
    found = CraftsmanFilterSet.search_queryset(Craftsman.objects.all(), "焊接")
    assert not isinstance(keys["organization__name"], list)
    assert sorted(person.name for person in found) == ["焊接一厂师傅", "焊接二厂师傅"]


def test_a_percent_sign_or_underscore_is_searched_for_as_itself():
    CraftsmanFactory(name="百分%之百", organization=OrganizationFactory(name="下划_线厂"))
    CraftsmanFactory(name="赵敏", organization=OrganizationFactory(name="普通厂"))
    found = {
        text: [p.name for p in CraftsmanFilterSet.search_queryset(Craftsman.objects.all(), text)]
        for text in ("%", "_")
    }
    assert found == {"%": ["百分%之百"], "_": ["百分%之百"]}


def test_the_related_names_of_several_lists_are_read_in_one_query():
    works = OrganizationFactory(name="焊接技术学院")
    leader = CraftsmanFactory(name="焊花")
    studios = StudioFilterSet.search_plan()
    with CaptureQueriesContext(connection) as queries:
        keys = search.related_keys([plan(), studios], "焊", using="default")
    assert len(queries) == 1
    assert keys == [
        {"organization__name": [works.pk], "occupation__name": []},
        {"leader__name": [leader.pk], "organization__name": [works.pk]},
    ]


def test_a_related_table_several_lists_search_is_read_once():
    OrganizationFactory(name="焊接技术学院")
    studios = StudioFilterSet.search_plan()  # people and studios both search organizations
    with CaptureQueriesContext(connection) as queries:
        search.related_keys([plan(), studios], "焊", using="default")
    assert queries[0]["sql"].count('FROM "portal_organization"') == 1


def prepared_statements():
    """The statements this connection has prepared (PostgreSQL's own view; none elsewhere)."""
    if connection.vendor != "postgresql":
        return []
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements WHERE NOT from_sql")
        return [row[0] for row in cursor.fetchall()]


def test_related_names_in_small_tables_are_read_by_a_prepared_statement_on_postgresql():
    works = OrganizationFactory(name="焊接技术学院")
    keys = plan().related_keys("焊", using="default")
    prepared = any('FROM "portal_organization"' in text for text in prepared_statements())
    assert (keys["organization__name"], prepared) == ([works.pk], ON_POSTGRESQL)


def test_related_names_in_a_city_sized_table_are_planned_for_each_search():
    leader = CraftsmanFactory(name="焊花")  # studios search their leaders' names: the craftsmen
    keys = StudioFilterSet.search_plan().related_keys("焊", using="default")
    prepared = any('FROM "talent_craftsman"' in text for text in prepared_statements())
    assert (keys["leader__name"], prepared) == ([leader.pk], False)


def test_several_lists_are_counted_in_one_query():
    CraftsmanFactory(name="甲")
    CraftsmanFactory(name="乙")
    lists = [Craftsman.objects.all(), Craftsman.objects.filter(name="甲"), Craftsman.objects.none()]
    with CaptureQueriesContext(connection) as queries:
        counts = search.count_each(lists, using="default")
    assert (len(queries), counts) == (1, [2, 1, 0])


def craftsmen_and_studios():
    """A city-sized list, planned per search, and a small one."""
    return [
        search.Listed(
            "craftsmen",
            Craftsman.objects.all,
            plan(),
            ("uid", "name", "organization__name"),
            planned_per_search=True,
        ),
        search.Listed("studios", Studio.objects.all, StudioFilterSet.search_plan(), ("pk", "name")),
    ]


def both_ways(text, monkeypatch, *, limit=3):
    """counted_first as this database answers it, and as the ORM alone does."""
    answered = search.counted_first(craftsmen_and_studios(), text, limit=limit, using="default")
    with monkeypatch.context() as patched:
        patched.setattr(search.prepared, "supported", lambda using: False)
        by_orm = search.counted_first(craftsmen_and_studios(), text, limit=limit, using="default")
    return answered, by_orm


@pytest.fixture
def welders():
    works = OrganizationFactory(name="焊接技术学院")
    for name in ("焊花", "王焊", "李明", "张焊", "赵焊"):
        CraftsmanFactory(name=name, organization=works if name == "李明" else None)
    StudioFactory(name="焊接技能大师工作室")


@pytest.mark.parametrize("text", ["焊", "技术学院", "%", "没有这样的词"])
def test_counts_and_first_results_are_those_the_orm_reads(welders, monkeypatch, text):
    answered, by_orm = both_ways(text, monkeypatch)
    assert [(count, [tuple(map(str, row)) for row in rows]) for count, rows in answered] == [
        (count, [tuple(map(str, row)) for row in rows]) for count, rows in by_orm
    ]


def test_the_first_results_are_the_first_in_the_lists_order(welders):
    found = search.counted_first(craftsmen_and_studios(), "焊", limit=3, using="default")
    assert [row[1] for row in found[0][1]] == ["张焊", "李明", "焊花"]


def test_related_matches_past_the_limit_still_count_as_the_orm_counts(welders, monkeypatch):
    monkeypatch.setattr(search, "RELATED_KEYS_LIMIT", 0)
    answered, by_orm = both_ways("焊接", monkeypatch)
    assert [count for count, _rows in answered] == [count for count, _rows in by_orm] == [1, 1]


def test_searches_shaped_alike_share_their_statements(welders, monkeypatch):
    """One for the small lists (prepared), one for the city-sized list (planned per search)."""
    monkeypatch.setattr(search, "_sections", {})
    for text in ("王", "张", "赵"):  # each finds people by name only, no organization
        search.counted_first(craftsmen_and_studios(), text, limit=3, using="default")
    expected = 2 if connection.vendor == "postgresql" else 0
    assert len(search._sections) == expected
