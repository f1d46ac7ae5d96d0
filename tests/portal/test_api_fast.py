"""The anonymous read path of API lists (portal/api/fast.py) answers as the full DRF path does.

On PostgreSQL an anonymous JSON list is answered before DRF, its JSON written by the database;
on SQLite the same requests take the full path, so every comparison here also holds there.
Each test compares the whole parsed body with the full path's (the fast path switched off).
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.api import fast
from portal.api.lean import steady_offset
from talent.models import Craftsman, HonorAward
from tests.api_mixin import client_with, token_for, url
from tests.factories import (
    CraftsmanFactory,
    DistrictFactory,
    HonorAwardFactory,
    HonorTitleFactory,
    OccupationFactory,
    OrganizationFactory,
    staff_with_role,
)

pytestmark = pytest.mark.django_db
ON_POSTGRESQL = connection.vendor == "postgresql"


def full_path_body(path, monkeypatch, **headers):
    with monkeypatch.context() as patched:
        patched.setattr(fast, "respond", lambda view, request: None)
        return client_with().get(path, **headers).json()


def both(path, monkeypatch):
    return client_with().get(path).json(), full_path_body(path, monkeypatch)


@pytest.fixture
def people():
    yuzhong = DistrictFactory(code="500103", name="渝中区")
    welder = OccupationFactory(code="6-18-02-04", name="焊工", name_en="Welder")
    works = OrganizationFactory(name="重庆焊接技术学院")
    for name in ("张建国", "李秀英", "王焊", "赵敏"):
        CraftsmanFactory(name=name, district=yuzhong, occupation=welder)
    CraftsmanFactory(name="钱学焊", organization=works, district=None, occupation=None)
    CraftsmanFactory(name="孙未公开", district=yuzhong, public_consent=False)
    return yuzhong


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?district=500103",
        "?district=渝中区",
        "?occupation=6-18-02-04&lang=en",
        "?q=焊",
        "?q=焊接技术",
        "?q=%20%20",
        "?q=重庆焊接",
        "?q=焊&page_size=2",
        "?q=%25",
        "?q=_",
        "?page_size=2",
        "?district=500103&page_size=1&unknown=1",
        "?skill_level=senior",
    ],
)
def test_an_anonymous_list_of_craftsmen_reads_the_same_on_both_paths(people, query, monkeypatch):
    fast_body, full_body = both(url("craftsmen") + query, monkeypatch)
    assert fast_body == full_body


def test_every_page_of_a_list_and_every_way_back_read_the_same_on_both_paths(people, monkeypatch):
    path = url("craftsmen") + "?page_size=2"
    seen = []
    while path:
        fast_body, full_body = both(path, monkeypatch)
        assert fast_body == full_body
        seen += [row["name"] for row in fast_body["results"]]
        if fast_body["previous"]:
            assert both(fast_body["previous"], monkeypatch)[0] == full_path_body(
                fast_body["previous"], monkeypatch
            )
        path = fast_body["next"]
    in_order = Craftsman.objects.published().order_by("name", "pk").values_list("name", flat=True)
    assert seen == list(in_order)


def test_honor_awards_filtered_by_title_and_year_read_the_same_on_both_paths(monkeypatch):
    title = HonorTitleFactory(slug="bayu-gongjiang", name="巴渝工匠", name_en="Bayu Craftsman")
    for year in (2017, 2017, 2019):
        HonorAwardFactory(title=title, year=year)
    HonorAwardFactory(year=2017)
    for query in ("?title=bayu-gongjiang&year=2017", "?year=2017&lang=en", "?page_size=1"):
        fast_body, full_body = both(url("honor-awards") + query, monkeypatch)
        assert fast_body == full_body
        assert fast_body["results"]


def test_times_before_the_zones_last_change_read_the_same_on_both_paths(monkeypatch):
    """Shanghai kept summer time until 1991: such a time is written out the slow, exact way."""
    summer_1988 = datetime.datetime(1988, 7, 1, 4, 30, 0, 120000, tzinfo=datetime.UTC)
    winter_2025 = datetime.datetime(2025, 1, 1, 0, 0, tzinfo=datetime.UTC)
    for moment in (summer_1988, winter_2025):
        Craftsman.objects.filter(pk=CraftsmanFactory().pk).update(created=moment)
    fast_body, full_body = both(url("craftsmen"), monkeypatch)
    assert fast_body == full_body
    created = sorted(row["created"] for row in fast_body["results"])
    assert created == ["1988-07-01T13:30:00.120000+09:00", "2025-01-01T08:00:00+08:00"]


def test_the_steady_span_of_shanghai_time_starts_after_its_last_summer_time():
    start, end, seconds, suffix = steady_offset("Asia/Shanghai")
    assert start == datetime.datetime(1991, 9, 14, 17, 0, tzinfo=datetime.UTC)
    assert (seconds, suffix) == (8 * 3600, "+08:00")
    assert end > datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=365 * 20)


def test_a_bad_filter_value_still_gets_the_filtersets_message_naming_it(people):
    response = client_with().get(url("craftsmen") + "?district=不存在的区")
    assert response.status_code == 400
    assert "district" in response.json()["errors"]


def test_a_token_holder_reads_drafts_the_anonymous_path_never_shows(people, staff_roles):
    from portal.access import Role
    from portal.models import ApiToken

    CraftsmanFactory(name="草稿人员", publication_state="draft")
    key = token_for(staff_with_role(Role.BUREAU_ADMIN), ApiToken.Scope.READ_DRAFTS)
    staff = [row["name"] for row in client_with(key).get(url("craftsmen")).json()["results"]]
    anyone = [row["name"] for row in client_with().get(url("craftsmen")).json()["results"]]
    assert "草稿人员" in staff
    assert "草稿人员" not in anyone


def test_csv_is_still_written_by_the_full_path(people):
    response = client_with().get(url("craftsmen") + "?format=csv")
    assert response["Content-Type"].startswith("text/csv")
    assert "张建国" in response.content.decode("utf-8-sig")


def test_a_list_answers_304_to_a_reader_whose_copy_is_current(people):
    first = client_with().get(url("craftsmen"))
    again = client_with().get(url("craftsmen"), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


def test_a_filtered_page_is_one_query_on_postgresql_like_a_first_page(people):
    """The district found by its code inside the page's statement on PostgreSQL; elsewhere
    its key first, then the page (the count comes from the page: it fits on it)."""
    client_with().get(url("craftsmen") + "?district=500103")  # compiles the shape
    with CaptureQueriesContext(connection) as first:
        client_with().get(url("craftsmen"))
    with CaptureQueriesContext(connection) as filtered:
        client_with().get(url("craftsmen") + "?district=500103")
    assert (len(first), len(filtered)) == (1, 1 if ON_POSTGRESQL else 2)


def test_a_district_with_no_one_in_it_reads_an_empty_page_on_both_paths(people, monkeypatch):
    DistrictFactory(code="500106", name="沙坪坝区")
    fast_body, full_body = both(url("craftsmen") + "?district=500106", monkeypatch)
    assert (fast_body, fast_body["results"]) == (full_body, [])


def test_one_statement_serves_every_district_of_a_shape_on_postgresql(people):
    """On PostgreSQL one compiled, prepared statement per list shape; elsewhere none at all."""
    DistrictFactory(code="500106", name="沙坪坝区")
    CraftsmanFactory(name="周沙坪", district=DistrictFactory(code="500107", name="九龙坡区"))
    fast.Statement.known.clear()
    names = {}
    for code in ("500103", "500106", "500107"):
        rows = client_with().get(url("craftsmen") + f"?district={code}").json()["results"]
        names[code] = {row["name"] for row in rows}
    assert names == {
        "500103": {"张建国", "李秀英", "王焊", "赵敏"},
        "500106": set(),
        "500107": {"周沙坪"},
    }
    assert len(fast.Statement.known) == (1 if ON_POSTGRESQL else 0)
    if ON_POSTGRESQL:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_prepared_statements WHERE NOT from_sql")
            assert cursor.fetchone()[0] >= 1


def test_one_statement_serves_every_search_whose_related_tables_match_alike(people):
    """A search's shape counts its related matches: texts matching no organization share one."""
    fast.Statement.known.clear()
    found = {
        text: {
            row["name"]
            for row in client_with().get(url("craftsmen") + f"?q={text}").json()["results"]
        }
        for text in ("张建", "秀英", "学院")
    }
    assert found == {"张建": {"张建国"}, "秀英": {"李秀英"}, "学院": {"钱学焊"}}
    assert len(fast.Statement.known) == (2 if ON_POSTGRESQL else 0)


def test_a_search_for_a_percent_sign_finds_only_names_holding_one(people):
    CraftsmanFactory(name="百分%之百")
    rows = client_with().get(url("craftsmen") + "?q=%25").json()["results"]
    assert [row["name"] for row in rows] == ["百分%之百"]


def test_awards_of_people_who_withdrew_consent_stay_hidden_on_the_anonymous_path(people):
    hidden = CraftsmanFactory(name="撤回同意", public_consent=False)
    HonorAwardFactory(craftsman=hidden)
    HonorAwardFactory()
    rows = client_with().get(url("honor-awards")).json()["results"]
    assert len(rows) == 1 == HonorAward.objects.count() - 1


def test_a_request_the_full_path_answers_is_counted_once_against_the_rate(people, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "2/minute", "token": "100/minute"},
    }
    statuses = [
        client_with().get(url("craftsmen") + "?district=不存在的区").status_code for _ in range(3)
    ]
    assert statuses == [400, 400, 429]


def test_a_cached_list_of_studios_is_served_again_without_the_database(
    settings, django_assert_num_queries
):
    from tests.factories import StudioFactory

    settings.PUBLIC_CACHE_SECONDS = 60
    StudioFactory(name="张建国车工技能大师工作室")
    first = client_with().get(url("studios"))
    with django_assert_num_queries(0):
        again = client_with().get(url("studios"))
    assert again.json() == first.json()
