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


def csv_rows(response):
    import csv
    import io

    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_csv_columns_do_not_depend_on_what_the_records_hold():
    from tests.factories import ProgramFactory

    ProgramFactory(provider_base=None, provider_organization=None)
    bare = csv_rows(client_with().get(url("programs"), {"format": "csv"}))[0]
    ProgramFactory()
    full = csv_rows(client_with().get(url("programs"), {"format": "csv"}))[0]
    assert bare == full


def test_a_csv_cell_a_spreadsheet_would_run_as_a_formula_is_kept_as_text():
    from tests.factories import ProgramFactory

    ProgramFactory(title='=HYPERLINK("http://evil")', summary="@SUM(A1)", contact="+86-23-12345678")
    header, row = csv_rows(client_with().get(url("programs"), {"format": "csv"}))[:2]
    cells = dict(zip(header, row, strict=True))
    assert cells["title"] == '\'=HYPERLINK("http://evil")'
    assert cells["summary"] == "'@SUM(A1)"
    assert cells["contact"] == "'+86-23-12345678"


def test_every_resource_csv_has_a_column_for_each_json_field():
    from portal.api import router
    from tests import factories

    for make in (
        factories.HonorAwardFactory,
        factories.StudioFactory,
        factories.CompetitionResultFactory,
        factories.ProgramTargetGroupFactory,
        factories.ShortageEntryFactory,
        factories.IndustryClusterFactory,
    ):
        make()
    router.discover()
    checked = 0
    for name in router.resource_names():
        header = csv_rows(client_with().get(url(name), {"format": "csv"}))[0]
        rows = client_with().get(url(name), {"page_size": 1}).json()["results"]
        for key in rows[0] if rows else ():
            assert any(column == key or column.startswith(f"{key}.") for column in header), (
                name,
                key,
            )
        checked += bool(rows)
    assert checked >= 12  # every record resource held a record


def test_a_csv_download_is_named_after_its_resource():
    response = client_with().get(url("districts"), {"format": "csv"})
    assert response["Content-Disposition"] == 'attachment; filename="districts.csv"'


def test_the_tombstones_csv_is_named_too():
    response = client_with().get(url("tombstones"), {"format": "csv"})
    assert response["Content-Disposition"] == 'attachment; filename="tombstones.csv"'


def test_another_sites_page_may_read_the_api_anonymously():
    response = client_with().get(url("districts"), HTTP_ORIGIN="https://example.org")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]


def test_another_sites_page_may_not_send_a_token_or_write():
    preflight = client_with().options(
        url("districts"),
        HTTP_ORIGIN="https://example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization",
    )
    assert "POST" not in preflight.get("Access-Control-Allow-Methods", "")
    assert "authorization" not in preflight.get("Access-Control-Allow-Headers", "")


def test_the_public_site_sends_no_cors_headers():
    response = client_with().get("/robots.txt", HTTP_ORIGIN="https://example.org")
    assert "Access-Control-Allow-Origin" not in response
