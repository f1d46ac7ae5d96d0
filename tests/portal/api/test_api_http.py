"""What an integrator relies on beyond each resource: paging, sync, formats, HTTP caching,
rate limits, tokens and the error shape."""

import datetime

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from portal.api.models import ApiToken
from portal.api.pagination import Estimates
from talent.models import CompetitionResult, Craftsman
from tests.api_mixin import DRAFT, client_with, identifiers, token_for, url
from tests.factories import (
    CompetitionResultFactory,
    CraftsmanFactory,
    DistrictFactory,
    HonorAwardFactory,
    ProgramFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_paging_with_next_links_visits_every_published_program_once():
    programs = {ProgramFactory().slug for _ in range(7)}
    ProgramFactory(publication_state=DRAFT)
    seen, link = [], url("programs") + "?page_size=3"
    while link:
        body = client_with().get(link).json()
        seen += [row["identifier"] for row in body["results"]]
        link = body["next"]
    assert sorted(seen) == sorted(programs)


def test_the_previous_link_returns_the_page_before():
    for _ in range(5):
        ProgramFactory()
    first = client_with().get(url("programs"), {"page_size": 2}).json()
    second = client_with().get(first["next"]).json()
    back = client_with().get(second["previous"]).json()
    assert [r["identifier"] for r in back["results"]] == [r["identifier"] for r in first["results"]]


def pages_of(link):
    """Every page's identifiers following `next` from `link`, and the last page's body."""
    pages = []
    while link:
        body = client_with().get(link).json()
        pages.append([row["identifier"] for row in body["results"]])
        link = body["next"]
    return pages, body


def test_paging_through_people_who_share_a_name_visits_each_once_both_ways():
    people = {CraftsmanFactory(name="张伟").uid for _ in range(5)}
    people |= {CraftsmanFactory(name=name).uid for name in ("李娜", "王芳")}
    pages, last = pages_of(url("craftsmen") + "?page_size=2")
    assert sorted(uid for page in pages for uid in page) == sorted(str(uid) for uid in people)
    back, link = [], last["previous"]
    while link:
        body = client_with().get(link).json()
        back.insert(0, [row["identifier"] for row in body["results"]])
        link = body["previous"]
    assert back == pages[:-1]


def test_a_deep_page_starts_its_index_range_at_the_cursor_not_at_the_name():
    """Ten people called 张伟: the page after the third starts at (name, id), not at the
    name (reading and discarding the first three)."""
    people = [str(CraftsmanFactory(name="张伟").uid) for _ in range(10)]
    first = client_with().get(url("craftsmen"), {"page_size": 3}).json()
    with CaptureQueriesContext(connection) as queries:
        second = client_with().get(first["next"]).json()
    if connection.vendor != "postgresql":  # no plan to read: the page itself, then
        assert [row["identifier"] for row in second["results"]] == people[3:6]
        return
    page = next(q["sql"] for q in queries if "LIMIT 4" in q["sql"])
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN ANALYZE {page}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Rows Removed by Filter" not in plan


def test_count_is_null_when_more_rows_match_than_are_counted(monkeypatch):
    monkeypatch.setattr("portal.api.pagination.COUNT_LIMIT", 2)
    for _ in range(3):
        ProgramFactory()
    assert client_with().get(url("programs")).json()["count"] is None


def test_a_list_longer_than_its_page_is_counted_exactly_below_the_limit():
    for _ in range(3):
        ProgramFactory()
    assert client_with().get(url("programs"), {"page_size": 2}).json()["count"] == 3


def test_a_list_that_fits_on_its_page_is_counted_without_a_count_query():
    for _ in range(3):
        ProgramFactory()
    with CaptureQueriesContext(connection) as queries:
        body = client_with().get(url("programs")).json()
    assert body["count"] == len(body["results"])
    assert not [q for q in queries if "COUNT(" in q["sql"]]


def count_queries(path):
    with CaptureQueriesContext(connection) as queries:
        body = client_with().get(path).json()
    return body, [q["sql"] for q in queries if "COUNT(" in q["sql"]]


def test_a_list_the_database_estimates_far_beyond_the_limit_is_never_counted(monkeypatch):
    """PostgreSQL's planner estimate decides; elsewhere the list is counted up to the limit."""
    monkeypatch.setattr("portal.api.pagination.COUNT_LIMIT", 1)
    monkeypatch.setattr("portal.api.pagination.ESTIMATE_FACTOR", 1)
    monkeypatch.setattr("portal.api.pagination.ESTIMATES", Estimates())
    for _ in range(5):
        ProgramFactory()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE programs_program")
    body, counts = count_queries(url("programs") + "?page_size=2")
    assert body["count"] is None
    assert bool(counts) == (connection.vendor != "postgresql")


def test_the_estimate_of_a_list_is_asked_once_across_its_pages(monkeypatch):
    monkeypatch.setattr("portal.api.pagination.ESTIMATES", Estimates())
    for _ in range(5):
        ProgramFactory()
    explains = []
    for path in (url("programs") + "?page_size=2", url("programs") + "?page_size=3"):
        with CaptureQueriesContext(connection) as queries:
            client_with().get(path)
        explains += [q for q in queries if q["sql"].startswith("EXPLAIN")]
    assert len(explains) == (1 if connection.vendor == "postgresql" else 0)


def test_a_page_size_above_the_maximum_is_a_400_naming_page_size():
    response = client_with().get(url("programs"), {"page_size": 501})
    assert response.status_code == 400
    assert "page_size" in response.json()["errors"]


def test_a_forged_cursor_is_a_400_naming_cursor():
    response = client_with().get(url("programs"), {"cursor": "not-a-cursor"})
    assert response.status_code == 400
    assert "cursor" in response.json()["message"]


def test_an_unknown_ordering_is_a_400_naming_ordering():
    response = client_with().get(url("programs"), {"ordering": "fee"})
    assert response.status_code == 400
    assert "ordering" in response.json()["errors"]


def test_a_non_boolean_flag_is_a_400_naming_it():
    response = client_with().get(url("occupations"), {"is_digital": "maybe"})
    assert response.json()["errors"] == {"is_digital": ["应为 true 或 false。"]}


def test_a_district_no_one_has_is_a_400_naming_district():
    response = client_with().get(url("craftsmen"), {"district": "不存在的区"})
    assert response.status_code == 400
    assert "district" in response.json()["errors"]


def test_a_district_with_no_one_in_it_reads_an_empty_page():
    DistrictFactory(code="500106", name="沙坪坝区")
    CraftsmanFactory()
    body = client_with().get(url("craftsmen"), {"district": "500106"}).json()
    assert (body["count"], body["results"]) == (0, [])


def test_a_search_for_a_percent_sign_finds_only_names_holding_one():
    CraftsmanFactory(name="百分%之百")
    CraftsmanFactory(name="张建国")
    rows = client_with().get(url("craftsmen"), {"q": "%"}).json()["results"]
    assert [row["name"] for row in rows] == ["百分%之百"]


def test_updated_after_returns_only_records_changed_since_oldest_first():
    old = CraftsmanFactory()
    moment = timezone.now()
    first, second = CraftsmanFactory(), CraftsmanFactory()
    response = client_with().get(url("craftsmen"), {"updated_after": moment.isoformat()})
    assert identifiers(response) == [str(first.uid), str(second.uid)]
    assert str(old.uid) not in identifiers(response)


@pytest.mark.parametrize("resource", ["craftsmen", "tombstones"])
def test_a_time_zone_offset_no_clock_has_is_a_400_naming_updated_after(resource):
    response = client_with().get(url(resource), {"updated_after": "2026-01-01T00:00:00+20:00"})
    assert response.status_code == 400
    assert "updated_after" in response.json()["errors"]


def test_the_furthest_real_time_zones_are_accepted_in_updated_after():
    for moment in ("2026-01-01T00:00:00+14:00", "2026-01-01T00:00:00-12:00"):
        assert client_with().get(url("craftsmen"), {"updated_after": moment}).status_code == 200


def test_an_unpublished_craftsman_and_their_awards_appear_as_tombstones():
    award = HonorAwardFactory()
    moment = timezone.now() - datetime.timedelta(seconds=1)
    craftsman = award.craftsman
    craftsman.publication_state = DRAFT
    craftsman.save()
    body = client_with().get(url("tombstones"), {"updated_after": moment.isoformat()}).json()
    removed = {(row["resource"], row["identifier"]) for row in body["results"]}
    assert removed == {("craftsmen", str(craftsman.uid)), ("honor-awards", str(award.pk))}


def test_tombstones_can_be_narrowed_to_one_resource():
    CraftsmanFactory().delete()
    HonorAwardFactory().delete()
    body = client_with().get(url("tombstones"), {"resource": "honor-awards"}).json()
    assert {row["resource"] for row in body["results"]} == {"honor-awards"}


def test_csv_is_utf8_with_a_bom_and_flattens_related_records():
    ProgramFactory(title="数控车工培训")
    response = client_with().get(url("programs"), {"format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeffidentifier,")
    assert "kind.label" in text.splitlines()[0] and "数控车工培训" in text


def test_an_unknown_format_is_a_400_naming_format():
    response = client_with().get(url("programs"), {"format": "xml"})
    assert response.status_code == 400
    assert "format" in response.json()["errors"]


def test_choice_labels_follow_the_lang_parameter():
    CompetitionResultFactory(medal=CompetitionResult.Medal.GOLD)
    body = client_with().get(url("competition-results"), {"lang": "en"}).json()
    with translation.override("en"):
        english = str(CompetitionResult.Medal.GOLD.label)
    assert body["results"][0]["medal"] == {"value": "gold", "label": english}


def test_each_request_of_a_process_is_labelled_in_its_own_language():
    CompetitionResultFactory(medal=CompetitionResult.Medal.GOLD)
    labels = [
        client_with().get(url("competition-results"), {"lang": lang}).json()["results"][0]["medal"]
        for lang in ("en", "zh-hans", "en")
    ]
    assert [label["label"] for label in labels] == ["Gold", "金牌", "Gold"]


def test_choice_labels_follow_accept_language_in_chinese():
    CompetitionResultFactory(medal=CompetitionResult.Medal.GOLD)
    response = client_with().get(url("competition-results"), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.json()["results"][0]["medal"]["label"] == "金牌"


def test_a_repeated_get_with_the_etag_is_answered_304():
    program = ProgramFactory()
    first = client_with().get(url("programs", program.slug))
    again = client_with().get(url("programs", program.slug), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


def test_a_list_answers_304_to_a_reader_whose_copy_is_current():
    CraftsmanFactory()
    first = client_with().get(url("craftsmen"))
    again = client_with().get(url("craftsmen"), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


@override_settings(TIME_ZONE="Asia/Shanghai")
def test_times_are_written_in_the_sites_time_zone():
    summer_1988 = datetime.datetime(1988, 7, 1, 4, 30, 0, 120000, tzinfo=datetime.UTC)
    winter_2025 = datetime.datetime(2025, 1, 1, 0, 0, tzinfo=datetime.UTC)
    for moment in (summer_1988, winter_2025):  # Shanghai kept summer time until 1991
        Craftsman.objects.filter(pk=CraftsmanFactory().pk).update(created=moment)
    rows = client_with().get(url("craftsmen")).json()["results"]
    created = sorted(row["created"] for row in rows)
    assert created == ["1988-07-01T13:30:00.120000+09:00", "2025-01-01T08:00:00+08:00"]


def test_a_list_carries_last_modified_and_public_cache_control():
    ProgramFactory()
    response = client_with().get(url("programs"))
    assert response["Cache-Control"] == "public, max-age=60"
    assert response.has_header("Last-Modified")


def test_anonymous_callers_over_the_rate_get_429_with_retry_after(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "2/minute", "token": "100/minute"},
    }
    for _ in range(2):
        client_with().get(url("districts"))
    response = client_with().get(url("districts"))
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0 and response.json()["status"] == 429


def test_a_revoked_token_is_refused_with_401():
    token, key = ApiToken.issue(name="district system", owner=UserFactory(), scope="write")
    token.revoked_at = timezone.now()
    token.save()
    response = client_with(key).get(url("districts"))
    assert response.status_code == 401
    assert response.has_header("WWW-Authenticate")


def test_using_a_token_records_its_last_use():
    user = UserFactory()
    key = token_for(user)
    client_with(key).get(url("districts"))
    assert ApiToken.objects.get(owner=user).last_used is not None


def test_the_token_is_stored_only_as_a_digest():
    token, key = ApiToken.issue(name="data platform", owner=UserFactory(), scope="read_drafts")
    assert key not in (token.key_hash, token.prefix) and token.key_hash == ApiToken.hash_key(key)


def test_an_unsupported_method_is_a_json_405():
    response = client_with().delete(url("tombstones"))
    assert response.status_code == 405
    assert response.json()["code"] == "method_not_allowed"


def test_an_unknown_api_path_is_a_json_404():
    response = client_with().get("/api/v1/no-such-resource/")
    assert response.status_code == 404
    assert response.json()["status"] == 404


def test_the_docs_page_loads_swagger_from_local_static_files():
    html = client_with().get("/api/docs/").content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in html
    assert "cdn" not in html.lower()


def test_the_schema_lists_every_path_of_the_contract():
    schema = client_with().get("/api/schema/", {"format": "json"}).json()
    for resource in (
        "districts",
        "occupations",
        "industry-clusters",
        "organizations",
        "craftsmen",
        "studios",
        "honor-titles",
        "honor-awards",
        "competitions",
        "competition-results",
        "programs",
        "training-bases",
        "shortage-lists",
        "shortage-entries",
    ):
        assert f"/api/v1/{resource}/" in schema["paths"]
