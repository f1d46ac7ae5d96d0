"""The site search (`/search/`): each list's public matches by the list's own search rule,
counted up to a bound, its first results shown, in a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.pages import views
from portal.publishing.choices import PublicationState
from tests.factories import (
    CompetitionFactory,
    CraftsmanFactory,
    OccupationFactory,
    OrganizationFactory,
    ProgramFactory,
    StudioFactory,
    TrainingBaseFactory,
)

pytestmark = pytest.mark.django_db

# Related names read once each (organizations, training bases, occupations, craftsmen), then
# each of the six lists counted and its first results read.
SITE_SEARCH_QUERIES = 4 + 6 + 6


def records_holding(word, count):
    for n in range(count):
        ProgramFactory(title=f"{word}培训{n}")
        CraftsmanFactory(name=f"{word}师{n}")
        StudioFactory(name=f"{word}工作室{n}")
        TrainingBaseFactory(name=f"{word}基地{n}")
        CompetitionFactory(name=f"{word}大赛{n}")
        OccupationFactory(name=f"{word}工{n}")


def queries_of(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("count", [3, 30])
def test_the_site_search_runs_the_same_queries_for_few_and_many_matches(client, count):
    records_holding("焊", count)
    assert queries_of(client, "/search/?q=焊") == SITE_SEARCH_QUERIES


def test_a_search_that_matches_nothing_reads_no_results(client):
    records_holding("焊", 3)
    assert queries_of(client, "/search/?q=没有这样的词") == SITE_SEARCH_QUERIES - 6


def test_each_list_shows_its_first_ten_matches_and_links_to_the_rest(client):
    records_holding("焊", 12)
    sections = {s["key"]: s for s in views.search_sections("焊")}
    assert {key: (s["count"], len(s["results"])) for key, s in sections.items()} == {
        key: (12, 10)
        for key in ("programs", "craftsmen", "studios", "bases", "competitions", "occupations")
    }
    assert sections["programs"]["more"] == "/programs/?q=%E7%84%8A"
    assert sections["craftsmen"]["more"] is None  # no public list of people to continue in


def test_counts_past_the_bound_are_shown_as_at_least(client, monkeypatch):
    monkeypatch.setattr(views, "SEARCH_COUNT_LIMIT", 5)
    records_holding("焊", 7)
    page = client.get("/search/?q=焊").content.decode()
    assert '技能竞赛 <span class="muted">（5+）</span>' in page
    assert "共找到 30+ 条结果" in page


def test_the_site_search_finds_studios_by_their_leader_and_organization(client):
    StudioFactory(name="甲工作室", leader=CraftsmanFactory(name="焊花"))
    StudioFactory(name="乙工作室", organization=OrganizationFactory(name="焊接技术学院"))
    StudioFactory(name="丙工作室")
    studios = views.search_sections("焊")[2]
    assert sorted(found.name for found in studios["results"]) == ["乙工作室", "甲工作室"]


def test_the_site_search_never_shows_people_who_are_not_public(client):
    CraftsmanFactory(name="焊甲", no_basis=True)
    CraftsmanFactory(name="焊乙", publication_state=PublicationState.DRAFT)
    CraftsmanFactory(name="焊丙")
    page = client.get("/search/?q=焊").content.decode()
    assert ("焊丙" in page, "焊甲" in page, "焊乙" in page) == (True, False, False)


def test_a_one_character_search_finds_records_holding_it(client):
    records_holding("焊", 2)
    page = client.get("/search/?q=焊").content.decode()
    assert all(f"焊{kind}1" in page for kind in ("培训", "师", "工作室", "基地", "大赛", "工"))


def test_people_found_are_listed_newest_on_the_register_first(client):
    for name in ("焊甲", "焊乙", "焊丙"):
        CraftsmanFactory(name=name)
    people = views.search_sections("焊")[1]
    assert [found.name for found in people["results"]] == ["焊丙", "焊乙", "焊甲"]
