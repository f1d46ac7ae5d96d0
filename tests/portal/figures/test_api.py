"""/api/v1/key-figures/, through the shared API test mixin."""

import pytest

from portal.figures.models import KeyFigure
from portal.publishing.choices import PublicationState
from tests.api_mixin import BureauOnlyApiTests, PublishableApiTests, client_with, url

from .factories import KeyFigureFactory


class TestKeyFigures(PublishableApiTests, BureauOnlyApiTests):
    resource = "key-figures"
    model = KeyFigure
    update_field = ("note", "自试验区获批以来建成。")
    search_text = "测试"

    def make(self, **kwargs):
        return KeyFigureFactory(**kwargs)

    def make_draft(self):
        return KeyFigureFactory(publication_state=PublicationState.DRAFT)

    def identifier(self, obj):
        return obj.slug

    def filter_case(self):
        wanted = KeyFigureFactory(topic="digital", scope="西部（重庆）科学城")
        return {"topic": "digital", "scope": "西部（重庆）科学城"}, wanted, KeyFigureFactory()

    def create_payload(self, district):
        return {
            "slug": "new-figure",
            "label": "新建的数字",
            "topic": "training",
            "value": "9",
            "qualifier": "more_than",
            "unit": "万人次",
            "scope": "全市",
            "since_year": 2022,
            "as_of_year": 2025,
            "source": "重庆日报，《测试报道》，2025年",
        }


@pytest.mark.django_db
def test_a_figure_reads_with_its_wording_period_and_source():
    KeyFigureFactory(
        slug="digital-skill-workers",
        value=70,
        qualifier="about",
        unit="万人",
        as_of_year=2024,
        as_of_month=12,
    )
    data = client_with().get(url("key-figures", "digital-skill-workers")).json()
    assert data["display_value"] == "约70万人"
    assert data["display_period"] == "截至2024年12月"
    assert data["source"] == "重庆日报，《测试报道》，2025年"
    assert "staff_note" not in data


@pytest.mark.django_db
def test_an_unknown_topic_is_a_400_that_says_so():
    response = client_with().get(url("key-figures"), {"topic": "weather"})
    assert response.status_code == 400
    assert "topic" in response.json()["errors"]
