"""What an API route reads from its query string: the parameters it knows, a 400 naming any
other, and one shared-cache entry per request whatever is added to it or in what order."""

import pytest
from django.core.cache import cache

from portal.api.router import discover
from portal.publishing.access import Role
from tests.api_mixin import client_with, token_for, url
from tests.factories import CraftsmanFactory, DistrictFactory, StudioFactory, staff_with_role

pytestmark = pytest.mark.django_db

UNKNOWN = "未知的查询参数"


@pytest.fixture
def cache_on(settings):
    settings.PUBLIC_CACHE_SECONDS = 60
    cache.clear()


def public_entries():
    """The keys of the shared cache's responses (the local-memory cache of the tests)."""
    return {key for key in cache._cache if ":public:" in key and "generation" not in key}


def test_an_unknown_parameter_on_a_list_is_a_400_naming_it_and_the_known_ones():
    response = client_with().get(url("craftsmen"), {"zz": "1"})
    assert response.status_code == 400
    (message,) = response.json()["errors"]["zz"]
    assert UNKNOWN in message
    assert {"district", "occupation", "q", "ordering", "cursor", "page_size", "lang"} <= set(
        message.split("：", 1)[1].rstrip("。").split("、")
    )


def test_an_unknown_parameter_on_a_detail_is_a_400_naming_it():
    person = CraftsmanFactory()
    response = client_with().get(url("craftsmen", person.uid), {"district": "500103"})
    assert response.status_code == 400
    assert UNKNOWN in response.json()["errors"]["district"][0]


def test_a_detail_reads_its_language_and_format():
    person = CraftsmanFactory()
    response = client_with().get(url("craftsmen", person.uid), {"lang": "en", "format": "json"})
    assert response.status_code == 200


def test_a_token_holder_is_refused_an_unknown_parameter_too(staff_roles):
    key = token_for(staff_with_role(Role.BUREAU_ADMIN))
    response = client_with(key).get(url("craftsmen"), {"page": "2"})
    assert response.status_code == 400
    assert UNKNOWN in response.json()["errors"]["page"][0]


def test_a_token_holder_may_filter_by_a_staff_only_field(staff_roles):
    CraftsmanFactory(skill_level="junior")
    key = token_for(staff_with_role(Role.BUREAU_ADMIN))
    response = client_with(key).get(url("craftsmen"), {"skill_level": "junior"})
    assert response.status_code == 200


def test_every_query_parameter_the_schema_documents_is_known_to_its_route():
    """The contract and the routes agree: no documented parameter is refused as unknown."""
    discover()
    schema = client_with().get("/api/schema/", {"format": "json"}).json()
    refused = []
    for path, operations in schema["paths"].items():
        if not path.startswith("/api/v1/") or "{" in path:
            continue
        names = [p["name"] for p in operations["get"]["parameters"] if p["in"] == "query"]
        for name in names:
            errors = client_with().get(path, {name: "1"}).json().get("errors", {})
            if UNKNOWN in " ".join(errors.get(name, [])):
                refused.append((path, name))
    assert refused == []


def test_an_unknown_parameter_never_creates_a_cache_entry(cache_on):
    CraftsmanFactory()
    client_with().get(url("craftsmen"))
    before = public_entries()
    for value in ("1", "2", "3"):
        assert client_with().get(url("craftsmen"), {"zz": value}).status_code == 400
    assert public_entries() == before


def test_the_same_filters_in_another_order_are_served_from_one_entry(
    cache_on, django_assert_num_queries
):
    district = DistrictFactory(code="500103")
    CraftsmanFactory(district=district)
    first = client_with().get(url("craftsmen") + "?district=500103&page_size=2")
    with django_assert_num_queries(0):
        again = client_with().get(url("craftsmen") + "?page_size=2&district=500103")
    assert again.content == first.content


def test_a_cached_list_of_studios_is_served_again_without_the_database(
    cache_on, django_assert_num_queries
):
    StudioFactory(name="张建国车工技能大师工作室")
    first = client_with().get(url("studios"))
    with django_assert_num_queries(0):
        again = client_with().get(url("studios"))
    assert again.json() == first.json()


def test_a_refused_request_still_counts_against_the_rate(settings):
    cache.clear()
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "2/minute", "token": "100/minute"},
    }
    statuses = [client_with().get(url("craftsmen"), {"zz": "1"}).status_code for _ in range(3)]
    assert statuses == [400, 400, 429]
