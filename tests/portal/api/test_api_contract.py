"""The API's contract beyond the data: languages, and what caches may keep (issue 23)."""

import pytest

from tests.api_mixin import client_with, url
from tests.factories import DistrictFactory

pytestmark = pytest.mark.django_db


def test_accept_language_english_gets_english_labels():
    DistrictFactory(code="500106", name="沙坪坝区", name_en="Shapingba District")
    response = client_with().get(url("districts"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["results"][0]["kind"]["label"] == "District"


def test_lang_overrides_accept_language():
    DistrictFactory(code="500106", name="沙坪坝区", name_en="Shapingba District")
    response = client_with().get(url("districts"), {"lang": "zh-hans"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["results"][0]["kind"]["label"] == "区"


def test_responses_vary_on_accept_language():
    assert "Accept-Language" in client_with().get(url("districts"))["Vary"]


def test_the_chinese_etag_does_not_answer_an_english_request():
    DistrictFactory()
    chinese = client_with().get(url("districts"))
    english = client_with().get(
        url("districts"), HTTP_ACCEPT_LANGUAGE="en", HTTP_IF_NONE_MATCH=chinese["ETag"]
    )
    assert english.status_code == 200


@pytest.mark.parametrize(
    "path, status",
    [("districts/?nonsense=1", 400), ("districts/999999/", 404), ("no-such-resource/", 404)],
)
def test_an_error_is_never_kept_by_a_shared_cache(path, status):
    response = client_with().get(f"/api/v1/{path}")
    assert response.status_code == status
    assert "public" not in response.get("Cache-Control", "")


def test_every_record_list_can_be_ordered_by_last_change():
    from portal.api import router

    router.discover()
    for name in router.resource_names():
        response = client_with().get(url(name), {"ordering": "-updated"})
        assert response.status_code == 200, name
