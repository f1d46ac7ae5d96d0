"""The `q` search (portal/finding/search.py): the typed text as a substring of any search
field, names behind a relation matched in their own table, the same rule for pages, the API
and the site search; one- and two-character Chinese searches on PostgreSQL read a
character-bigram index."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.finding import search
from portal.publishing.choices import PublicationState
from talent.filters import CraftsmanFilterSet, HonorAwardFilterSet, StudioFilterSet
from talent.models import Craftsman, HonorAward
from tests.api_mixin import client_with
from tests.factories import (
    CompetitionResultFactory,
    CraftsmanFactory,
    HonorAwardFactory,
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


def test_related_names_matching_past_the_limit_are_matched_row_by_row(monkeypatch):
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


@pytest.fixture
def hidden_leader():
    """Studios and results of a person shown to nobody (no consent) and of a draft person."""
    unconsenting = CraftsmanFactory(name="隐名大师", no_basis=True)
    draft = CraftsmanFactory(name="隐名新人", publication_state=PublicationState.DRAFT)
    for person in (unconsenting, draft):
        StudioFactory(name=f"{person.pk}号工作室", leader=person)
        CompetitionResultFactory(craftsman=person, delegation="重庆")
    StudioFactory(name="公开工作室", leader=CraftsmanFactory(name="公开大师"))


HIDDEN_SEARCHES = ["隐名大师", "隐名新人", "隐", "隐名"]


@pytest.mark.parametrize("related_keys_limit", [1000, 0])
@pytest.mark.parametrize("text", HIDDEN_SEARCHES)
def test_the_name_of_a_person_not_shown_finds_nothing_anywhere(
    client, hidden_leader, monkeypatch, text, related_keys_limit
):
    """Neither their studio nor their results, on the pages, the API and the site search,
    whether the people matching are listed or, past the limit, matched row by row."""
    monkeypatch.setattr(search, "RELATED_KEYS_LIMIT", related_keys_limit)
    api = client_with()
    studios = api.get("/api/v1/studios/", {"q": text}).json()["results"]
    results = api.get("/api/v1/competition-results/", {"q": text}).json()["results"]
    page = client.get("/studios/", {"q": text}).content.decode()
    site = client.get("/search/", {"q": text}).content.decode()
    assert (studios, results) == ([], [])
    assert "号工作室" not in page
    assert "共找到 0 条结果" in site


@pytest.mark.parametrize("related_keys_limit", [1000, 0])
def test_a_shown_leader_still_finds_their_studio(
    client, hidden_leader, monkeypatch, related_keys_limit
):
    monkeypatch.setattr(search, "RELATED_KEYS_LIMIT", related_keys_limit)
    studios = client_with().get("/api/v1/studios/", {"q": "公开大"}).json()["results"]
    assert [row["name"] for row in studios] == ["公开工作室"]
    assert "公开工作室" in client.get("/studios/", {"q": "公开大师"}).content.decode()


def test_an_award_is_found_by_its_awardee_name_as_the_award_stores_it():
    welder = CraftsmanFactory(name="焊花", organization=None)
    HonorAwardFactory(craftsman=welder)
    HonorAwardFactory(craftsman=CraftsmanFactory(name="李明", organization=None))
    searched = HonorAwardFilterSet.search_queryset(HonorAward.objects.all(), "焊")
    assert [award.craftsman_name for award in searched] == ["焊花"]


@pytest.mark.skipif(not ON_POSTGRESQL, reason="the indexes exist on PostgreSQL only")
@pytest.mark.parametrize(("text", "index"), [("王伟", "bigram"), ("王伟强", "trgm")])
def test_an_award_search_reads_the_index_of_the_stored_awardee_name(names, text, index):
    for person in Craftsman.objects.all():
        HonorAwardFactory(craftsman=person)
    assert "craftsman_name" in HonorAwardFilterSet.search_fields
    plan = plan_of(HonorAward.objects.filter(craftsman_name__contains_text=text))
    assert f"Bitmap Index Scan on award_craftsman_name_{index}" in plan, plan


def test_an_api_search_lists_newest_first_unless_an_order_is_asked_for():
    for name in ("王丙", "王甲", "王乙", "李丁"):
        CraftsmanFactory(name=name)
    api = client_with()
    searched = api.get("/api/v1/craftsmen/", {"q": "王"}).json()["results"]
    ordered = api.get("/api/v1/craftsmen/", {"q": "王", "ordering": "name"}).json()["results"]
    listed = api.get("/api/v1/craftsmen/").json()["results"]
    assert [row["name"] for row in searched] == ["王乙", "王甲", "王丙"]
    assert [row["name"] for row in ordered] == ["王丙", "王乙", "王甲"]
    assert [row["name"] for row in listed] == ["李丁", "王丙", "王乙", "王甲"]


def test_an_api_search_pages_through_every_match_once_newest_first():
    people = [CraftsmanFactory(name=f"王{n}") for n in range(7)]
    CraftsmanFactory(name="李明")
    api = client_with()
    seen = []
    response = api.get("/api/v1/craftsmen/", {"q": "王", "page_size": 3}).json()
    while True:
        seen += [row["name"] for row in response["results"]]
        if not response["next"]:
            break
        response = api.get(response["next"]).json()
    assert seen == [person.name for person in reversed(people)]


def test_the_api_document_says_how_search_results_are_ordered():
    schema = client_with().get("/api/schema/", {"format": "json"}).json()
    parameters = schema["paths"]["/api/v1/craftsmen/"]["get"]["parameters"]
    (q,) = [parameter for parameter in parameters if parameter["name"] == "q"]
    assert "未指定 ordering 时，检索结果按登记从新到旧排列" in q["description"]
    assert "without ordering, search results are listed newest first" in q["description"]
