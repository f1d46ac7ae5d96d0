"""`/api/schema/`: the OpenAPI document in each language and format, the same bytes on every
request of a process, and a 400 for a parameter it does not read."""

import pytest
from drf_spectacular.views import SpectacularAPIView

from portal.api.document import SchemaView, build_documents
from tests.api_mixin import client_with

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_documents():
    SchemaView.built.clear()
    yield
    SchemaView.built.clear()


def test_the_document_is_served_in_json_with_every_resource():
    document = client_with().get("/api/schema/", {"format": "json"}).json()
    assert "/api/v1/craftsmen/" in document["paths"]
    assert "/api/schema/" not in document["paths"]


def test_a_second_request_gets_the_same_bytes_without_building_again():
    first = client_with().get("/api/schema/", {"format": "json"})
    assert len(SchemaView.built) == 1
    second = client_with().get("/api/schema/", {"format": "json"})
    assert second.content == first.content
    assert len(SchemaView.built) == 1


def test_the_english_document_is_kept_apart_from_the_chinese_one():
    chinese = client_with().get("/api/schema/", {"format": "json"}).content
    english = client_with().get("/api/schema/", {"format": "json", "lang": "en"}).content
    assert chinese != english
    assert len(SchemaView.built) == 2


def test_an_unknown_parameter_is_a_400_naming_it_and_builds_nothing():
    response = client_with().get("/api/schema/", {"zz": "1"})
    assert response.status_code == 400
    assert "zz" in response.content.decode()
    assert SchemaView.built == {}


def test_an_unknown_language_is_a_400_naming_lang():
    response = client_with().get("/api/schema/", {"lang": "xx"})
    assert response.status_code == 400
    assert "lang" in response.content.decode()
    assert SchemaView.built == {}


def test_a_started_server_answers_the_first_reader_without_building(monkeypatch):
    build_documents()
    assert len(SchemaView.built) == 4  # two languages, YAML and JSON

    def build_again(*args, **kwargs):
        raise AssertionError("the document was built again")

    monkeypatch.setattr(SpectacularAPIView, "get", build_again)
    for parameters in ({}, {"format": "json"}, {"lang": "en"}, {"lang": "en", "format": "json"}):
        assert client_with().get("/api/schema/", parameters).status_code == 200


def test_csv_is_documented_as_text_not_as_the_json_object():
    document = client_with().get("/api/schema/", {"format": "json"}).json()
    content = document["paths"]["/api/v1/programs/"]["get"]["responses"]["200"]["content"]
    assert content["text/csv"]["schema"]["type"] == "string"
    assert "$ref" in content["application/json"]["schema"]
