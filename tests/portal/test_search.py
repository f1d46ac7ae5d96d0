"""The `q` search (portal/search.py): names behind a relation are matched in their own table,
all of a search's related tables in one query."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal import search
from talent.filters import CraftsmanFilterSet, StudioFilterSet
from talent.models import Craftsman
from tests.factories import CraftsmanFactory, OccupationFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


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


def test_several_lists_are_counted_in_one_query():
    CraftsmanFactory(name="甲")
    CraftsmanFactory(name="乙")
    lists = [Craftsman.objects.all(), Craftsman.objects.filter(name="甲"), Craftsman.objects.none()]
    with CaptureQueriesContext(connection) as queries:
        counts = search.count_each(lists, using="default")
    assert (len(queries), counts) == (1, [2, 1, 0])
