"""The home page and /stats/ show the bureau's figures (官方数据) with their sources, and the
portal's own counts as records held, never counting demo records."""

import re

import pytest
from django.core.cache import cache

from portal.publishing.choices import PublicationState
from tests.factories import HonorAwardFactory, StudioFactory, TrainingBaseFactory

from .factories import CITATION, KeyFigureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_pages():
    cache.clear()


def page(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def section(html, heading_id):
    """The text of the <section> headed by `heading_id`."""
    start = html.index(f'id="{heading_id}"')
    return html[start : html.index("</section>", start)]


@pytest.fixture
def figures():
    return [
        KeyFigureFactory(
            label="特级技师和首席技师", value=110, qualifier="more_than", unit="人", featured=True
        ),
        KeyFigureFactory(
            label="高技能人才占技能人才的比例",
            value="39.7",
            unit="%",
            scope="西部（重庆）科学城",
            topic="workforce",
            as_of_year=2022,
            source="《西部（重庆）科学城 加快建设高技能人才国际合作先导区》，2022年",
        ),
        KeyFigureFactory(
            label="草稿里的数字", publication_state=PublicationState.DRAFT, featured=True
        ),
    ]


def test_stats_shows_every_published_official_figure_with_its_scope_date_and_source(
    client, figures
):
    official = section(page(client, "/stats/"), "official-figures-heading")
    assert "官方数据" in official
    assert "超过110人" in official and CITATION in official
    assert "39.7%" in official and "西部（重庆）科学城" in official and "截至2022年" in official
    assert "《西部（重庆）科学城 加快建设高技能人才国际合作先导区》，2022年" in official
    assert "草稿里的数字" not in official


def test_the_home_page_shows_the_featured_official_figures_with_their_source(client, figures):
    official = section(page(client, "/"), "official-figures-heading")
    assert "特级技师和首席技师" in official and "超过110人" in official
    assert "信息来源：" + CITATION in official
    assert "高技能人才占技能人才的比例" not in official  # not chosen for the home page
    assert "草稿里的数字" not in official


def test_a_figure_links_its_source_only_when_it_has_a_link(client):
    KeyFigureFactory(label="有链接的数字", featured=True, source_url="https://rlsbj.cq.gov.cn/")
    KeyFigureFactory(label="没有链接的数字", featured=True)
    official = section(page(client, "/"), "official-figures-heading")
    assert official.count("<a href=") == 2  # the one source link and "all official figures"
    assert 'href="https://rlsbj.cq.gov.cn/"' in official


def held_count(html, heading_id, label):
    held = section(html, heading_id)
    match = re.search(rf"{label}(?:</a>)?</dt><dd>(\d+)</dd>", held)
    return int(match.group(1))


def test_the_records_held_are_counted_without_the_demo_ones(client):
    StudioFactory.create_batch(2)
    StudioFactory(is_demo=True)
    TrainingBaseFactory()
    TrainingBaseFactory(is_demo=True)
    home = page(client, "/")
    assert "本站收录的记录" in home
    assert held_count(home, "records-held-heading", "技能大师工作室") == 2
    assert held_count(home, "records-held-heading", "培训基地") == 1
    stats = page(client, "/stats/")
    assert held_count(stats, "records-held-heading", "技能大师工作室") == 2
    assert held_count(stats, "records-held-heading", "培训基地") == 1
    assert "不含演示数据" in stats


def test_the_honors_chart_counts_real_awards_only(client):
    HonorAwardFactory(year=2024)
    HonorAwardFactory(year=2024, is_demo=True)
    stats = page(client, "/stats/")
    assert held_count(stats, "records-held-heading", "荣誉称号授予") == 1
