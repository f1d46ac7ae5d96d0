"""Honor rolls, craftsman profiles, studios and competitions as citizens see them."""

import pytest

from portal.publishing.choices import PublicationState
from portal.vocabulary.choices import Level
from talent.models import Competition, CompetitionResult
from tests.factories import (
    CompetitionEventFactory,
    CompetitionFactory,
    CompetitionResultFactory,
    CraftsmanFactory,
    DistrictFactory,
    HonorAwardFactory,
    HonorTitleFactory,
    IndustryClusterFactory,
    OccupationFactory,
    StudioFactory,
)

pytestmark = pytest.mark.django_db


def html(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


@pytest.fixture
def bayu():
    return HonorTitleFactory(slug="bayu-gongjiang", name="巴渝工匠")


def test_the_honor_index_counts_awardees_per_title_and_year(client, bayu):
    HonorAwardFactory.create_batch(3, title=bayu, year=2025)
    HonorAwardFactory(title=bayu, year=2024)
    page = html(client, "/honors/")
    assert "巴渝工匠" in page
    assert '/honors/bayu-gongjiang/2025/"' in page
    assert "2025 年巴渝工匠：3 人" in page


def test_a_roll_lists_awardees_with_organization_occupation_and_district(client, bayu):
    person = CraftsmanFactory(
        name="张工匠",
        organization__name="重庆示例机械有限公司",
        occupation__name="车工",
        district=DistrictFactory(code="500106", name="沙坪坝区", slug="shapingba"),
    )
    HonorAwardFactory(title=bayu, year=2025, craftsman=person)
    page = html(client, "/honors/bayu-gongjiang/2025/")
    for text in ("2025 年巴渝工匠名单", "张工匠", "重庆示例机械有限公司", "车工", "沙坪坝区"):
        assert text in page


def test_a_roll_row_links_the_person_and_shows_a_dash_for_what_is_not_known(client, bayu):
    person = CraftsmanFactory(name="李无单位", organization=None, occupation=None, district=None)
    award = HonorAwardFactory(title=bayu, year=2025, craftsman=person)
    page = html(client, "/honors/bayu-gongjiang/2025/")
    row = page[page.index(f'<tr id="award-{award.pk}">') :].split("</tr>")[0]
    assert f'<a href="/craftsmen/{person.uid}/">李无单位</a>' in row
    assert row.count("<td>—</td>") == 3


def test_a_roll_escapes_what_its_rows_show_and_marks_demo_records(client, bayu):
    HonorAwardFactory(
        title=bayu,
        year=2025,
        is_demo=True,
        craftsman__name="王<b>",
        craftsman__organization__name="A&B<厂>",
    )
    page = html(client, "/honors/bayu-gongjiang/2025/")
    assert "王&lt;b&gt;</a>" in page
    assert "<td>A&amp;B&lt;厂&gt;</td>" in page
    assert 'class="badge badge-demo">演示数据</span></th>' in page


def test_a_roll_never_shows_drafts_or_people_who_did_not_consent(client, bayu):
    HonorAwardFactory(title=bayu, year=2025, craftsman__name="公开的人")
    HonorAwardFactory(
        title=bayu, year=2025, craftsman__name="草稿授予", publication_state=PublicationState.DRAFT
    )
    HonorAwardFactory(title=bayu, year=2025, craftsman__name="未同意的人", craftsman__no_basis=True)
    page = html(client, "/honors/bayu-gongjiang/2025/")
    assert "公开的人" in page
    assert "草稿授予" not in page
    assert "未同意的人" not in page
    assert "共 1 人" in page


def test_a_year_without_public_awards_is_404(client, bayu):
    HonorAwardFactory(title=bayu, year=2025, publication_state=PublicationState.DRAFT)
    html(client, "/honors/bayu-gongjiang/2025/", status=404)
    html(client, "/honors/no-such-title/2025/", status=404)


def test_a_profile_shows_honors_studio_and_medals(client, bayu):
    person = CraftsmanFactory(name="李技师")
    HonorAwardFactory(title=bayu, year=2024, craftsman=person)
    StudioFactory(name="李技师焊工技能大师工作室", leader=person)
    CompetitionResultFactory(
        craftsman=person,
        medal=CompetitionResult.Medal.SILVER,
        event__name="焊接",
        event__competition__name="第一届示例大赛",
    )
    page = html(client, person.get_absolute_url())
    for text in ("2024 年 巴渝工匠", "李技师焊工技能大师工作室", "第一届示例大赛", "银牌"):
        assert text in page


@pytest.mark.parametrize(
    "hidden",
    [{"no_basis": True}, {"publication_state": PublicationState.DRAFT}],
    ids=["without-consent", "draft"],
)
def test_a_profile_that_is_not_public_is_404(client, hidden):
    person = CraftsmanFactory(**hidden)
    html(client, person.get_absolute_url(), status=404)


def test_a_studio_page_does_not_name_a_leader_who_did_not_consent(client):
    studio = StudioFactory(leader__name="不公开的领办人", leader__no_basis=True)
    page = html(client, studio.get_absolute_url())
    assert studio.name in page
    assert "不公开的领办人" not in page


STUDIO_FILTERS = [
    ("level=national", {"level": Level.NATIONAL}, {"level": Level.MUNICIPAL}),
    ("is_digital=true", {"is_digital": True}, {"is_digital": False}),
    ("q=焊工", {"name": "焊工技能大师工作室"}, {"name": "美发技能大师工作室"}),
]


@pytest.mark.parametrize(("query", "wanted_fields", "other_fields"), STUDIO_FILTERS)
def test_each_studio_filter_narrows_the_directory(client, query, wanted_fields, other_fields):
    wanted, other = StudioFactory(**wanted_fields), StudioFactory(**other_fields)
    page = html(client, f"/studios/?{query}")
    assert wanted.name in page
    assert other.name not in page


def test_studios_filter_by_district_occupation_and_cluster(client):
    district = DistrictFactory(code="500106", name="沙坪坝区", slug="shapingba")
    wanted = StudioFactory(district=district)
    wanted.occupations.add(OccupationFactory(code="6-18-01-01", name="车工"))
    wanted.clusters.add(IndustryClusterFactory(slug="auto"))
    StudioFactory(name="别处的工作室")
    page = html(client, "/studios/?district=500106&occupation=6-18-01-01&cluster=auto")
    assert wanted.name in page
    assert "别处的工作室" not in page


def test_a_draft_studio_is_on_no_page(client):
    draft = StudioFactory(name="草稿工作室", publication_state=PublicationState.DRAFT)
    assert "草稿工作室" not in html(client, "/studios/")
    html(client, draft.get_absolute_url(), status=404)


def test_competitions_are_listed_by_year_and_filter_by_level(client):
    CompetitionFactory(
        name="喀山邀请赛", year=2024, level=Competition.CompetitionLevel.INTERNATIONAL
    )
    CompetitionFactory(name="江北选拔赛", year=2023, level=Competition.CompetitionLevel.MUNICIPAL)
    page = html(client, "/competitions/")
    assert (
        page.index("2024 年")
        < page.index("喀山邀请赛")
        < page.index("2023 年")
        < page.index("江北选拔赛")
    )
    filtered = html(client, "/competitions/?level=international")
    assert "喀山邀请赛" in filtered and "江北选拔赛" not in filtered


def test_a_competition_page_has_events_results_and_a_medal_table(client):
    competition = CompetitionFactory(name="示例国际赛")
    welding = CompetitionEventFactory(competition=competition, name="焊接", skill_number="10")
    turning = CompetitionEventFactory(competition=competition, name="数控车", skill_number="06")
    medals = CompetitionResult.Medal
    CompetitionResultFactory(event=welding, delegation="中国", medal=medals.GOLD)
    CompetitionResultFactory(event=turning, delegation="中国", medal=medals.EXCELLENCE)
    CompetitionResultFactory(event=turning, delegation="俄罗斯", medal=medals.GOLD)
    CompetitionResultFactory(event=welding, delegation="俄罗斯", medal=medals.SILVER)
    CompetitionResultFactory(event=welding, delegation="巴西", medal="", rank=4)
    page = html(client, competition.get_absolute_url())
    assert "焊接" in page and "数控车" in page and "第 4 名" in page
    rows = page.split("奖牌榜", 1)[1].split("</table>", 1)[0]
    # 俄罗斯: 1 gold 1 silver ranks above 中国: 1 gold 0 silver; 巴西 has no medal.
    assert rows.index("俄罗斯") < rows.index("中国")
    assert "巴西" not in rows
    china = rows.split("中国", 1)[1].split("</tr>", 1)[0]
    assert [cell for cell in china.split('<td class="num">')[1:]] == [
        "1</td>",
        "0</td>",
        "0</td>",
        "1</td>",
        "2</td>",
    ]


def test_a_draft_competition_is_404(client):
    draft = CompetitionFactory(publication_state=PublicationState.DRAFT)
    html(client, draft.get_absolute_url(), status=404)
