"""The `q` search (portal/search.py): the typed text as a substring of any search field, names
behind a relation matched in their own table, the same rule for pages, the API and the site
search; one- and two-character Chinese searches on PostgreSQL read a character-bigram index."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal import search
from talent.filters import CraftsmanFilterSet, StudioFilterSet
from talent.models import Craftsman
from tests.api_mixin import client_with
from tests.factories import (
    CraftsmanFactory,
    OccupationFactory,
    OrganizationFactory,
    StudioFactory,
)
from tests.query_plans import plan_of

pytestmark = pytest.mark.django_db
ON_POSTGRESQL = connection.vendor == "postgresql"


def found(text, filterset=CraftsmanFilterSet, model=Craftsman):
    return sorted(r.name for r in filterset.search_queryset(model.objects.all(), text))


def test_each_related_table_of_a_search_is_read_once():
    works = OrganizationFactory(name="焊接技术学院")
    welder = OccupationFactory(name="焊工")
    plan = CraftsmanFilterSet.search_plan()
    with CaptureQueriesContext(connection) as queries:
        keys = plan.related_keys("焊", using="default")
    assert (len(queries), keys) == (
        2,
        {"organization__name": [works.pk], "occupation__name": [welder.pk]},
    )


def test_lists_searched_together_read_a_related_table_they_share_once():
    works = OrganizationFactory(name="焊接技术学院")
    known = {}
    CraftsmanFilterSet.search_plan().related_keys("焊接", using="default", known=known)
    with CaptureQueriesContext(connection) as queries:
        keys = StudioFilterSet.search_plan().related_keys("焊接", using="default", known=known)
    assert keys["organization__name"] == [works.pk]
    assert ['FROM "portal_organization"' in q["sql"] for q in queries] == [False]  # leaders only


def test_a_search_finds_people_by_name_organization_and_occupation():
    CraftsmanFactory(name="钱学", organization=OrganizationFactory(name="焊接技术学院"))
    CraftsmanFactory(name="孙焊", organization=OrganizationFactory(name="普通厂"))
    CraftsmanFactory(name="周全", occupation=OccupationFactory(name="电焊工"))
    CraftsmanFactory(name="赵敏", organization=OrganizationFactory(name="普通二厂"))
    assert found("焊") == ["周全", "孙焊", "钱学"]
    assert found("技术学院") == ["钱学"]


def test_related_names_matching_past_the_limit_are_matched_through_the_relation(monkeypatch):
    monkeypatch.setattr(search, "RELATED_KEYS_LIMIT", 1)
    for name in ("焊接一厂", "焊接二厂", "普通厂"):
        CraftsmanFactory(name=f"{name}师傅", organization=OrganizationFactory(name=name))
    keys = CraftsmanFilterSet.search_plan().related_keys("焊接", using="default")
    assert keys["organization__name"] is None
    assert found("焊接") == ["焊接一厂师傅", "焊接二厂师傅"]


def test_a_percent_sign_or_underscore_is_searched_for_as_itself():
    CraftsmanFactory(name="百分%之百", organization=OrganizationFactory(name="下划_线厂"))
    CraftsmanFactory(name="赵敏", organization=OrganizationFactory(name="普通厂"))
    assert (found("%"), found("_")) == (["百分%之百"], ["百分%之百"])


def test_latin_letters_are_found_whatever_their_case():
    CraftsmanFactory(name="Anna李")
    CraftsmanFactory(name="赵敏")
    assert (found("a"), found("AN"), found("nNa李")) == (["Anna李"], ["Anna李"], ["Anna李"])


@pytest.fixture
def names():
    for name in ("王伟", "王伟强", "李王伟", "王芳", "张伟", "李明"):
        CraftsmanFactory(name=name, organization=None, occupation=None)


def test_a_two_character_chinese_search_finds_every_name_holding_it(names):
    assert found("王伟") == ["李王伟", "王伟", "王伟强"]


def test_a_one_character_chinese_search_finds_every_name_holding_it(names):
    assert found("伟") == ["张伟", "李王伟", "王伟", "王伟强"]
    assert found("王") == ["李王伟", "王伟", "王伟强", "王芳"]


def test_two_characters_that_only_occur_apart_find_nothing(names):
    assert found("伟王") == found("芳王") == []


def test_a_three_character_search_finds_names_holding_it(names):
    assert found("王伟强") == ["王伟强"]


@pytest.mark.skipif(not ON_POSTGRESQL, reason="the bigram index exists on PostgreSQL only")
@pytest.mark.parametrize("text", ["王伟", "王"])
def test_a_short_search_of_craftsmen_reads_the_bigram_index(names, text):
    searched = CraftsmanFilterSet.search_queryset(Craftsman.objects.all(), text)
    plan = plan_of(searched.order_by())
    assert "Bitmap Index Scan on craftsman_name_bigram" in plan, plan


@pytest.mark.skipif(not ON_POSTGRESQL, reason="the trigram index exists on PostgreSQL only")
def test_a_longer_search_of_craftsmen_reads_the_trigram_index(names):
    searched = CraftsmanFilterSet.search_queryset(Craftsman.objects.all(), "王伟强")
    plan = plan_of(searched.order_by())
    assert "Bitmap Index Scan on craftsman_name_trgm" in plan, plan


@pytest.fixture
def studios():
    """A studio matching 焊 by each of its search fields, and one that does not."""
    StudioFactory(name="焊接技能大师工作室")
    StudioFactory(name="李明工作室", leader=CraftsmanFactory(name="焊花"))
    StudioFactory(name="重机工作室", organization=OrganizationFactory(name="焊接技术学院"))
    StudioFactory(name="数控工作室")


def test_the_studio_list_page_and_api_find_the_same_studios(client, studios):
    expected = ["李明工作室", "焊接技能大师工作室", "重机工作室"]
    page = client.get("/studios/", {"q": "焊"}).content.decode()
    api = client_with().get("/api/v1/studios/", {"q": "焊"}).json()["results"]
    shown = sorted(name for name in [*expected, "数控工作室"] if name in page)
    assert (shown, sorted(row["name"] for row in api)) == (expected, expected)
