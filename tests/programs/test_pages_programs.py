"""The program directory, program pages, training bases and the shortage catalogue."""

import datetime
import re

import pytest
from django.utils import timezone

from portal.publishing.choices import PublicationState
from programs.models import Program, ProgramTargetGroup, TrainingBase
from tests.factories import (
    DistrictFactory,
    OccupationFactory,
    ProgramFactory,
    ProgramTargetGroupFactory,
    ShortageEntryFactory,
    ShortageListFactory,
    TrainingBaseFactory,
)

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def days(n):
    return timezone.localdate() + n * DAY


def enrolling(**kwargs):
    return ProgramFactory(
        enrol_start=days(-5), enrol_end=days(5), start_date=days(10), end_date=days(20), **kwargs
    )


def upcoming(**kwargs):
    return ProgramFactory(
        enrol_start=days(5), enrol_end=days(8), start_date=days(10), end_date=days(20), **kwargs
    )


def ended(**kwargs):
    return ProgramFactory(
        enrol_start=days(-40),
        enrol_end=days(-35),
        start_date=days(-30),
        end_date=days(-2),
        **kwargs,
    )


def page(client, url):
    response = client.get(url)
    return response, response.content.decode()


def with_district(code):
    program = enrolling(title=f"区县项目{code}")
    program.districts.add(DistrictFactory(code=code, name=f"区{code}", slug=f"d{code}"))
    return program


def with_occupation(code):
    program = enrolling(title=f"职业项目{code}")
    program.occupations.add(OccupationFactory(code=code, name=f"职业{code}"))
    return program


def with_group(group):
    program = enrolling(title=f"群体项目{group}")
    ProgramTargetGroupFactory(program=program, group=group)
    return program


FILTERS = [
    (
        "kind=skill_evaluation",
        lambda: enrolling(title="认定项目", kind=Program.Kind.SKILL_EVALUATION),
        lambda: enrolling(title="培训项目甲", kind=Program.Kind.VOCATIONAL_TRAINING),
    ),
    ("district=500106", lambda: with_district("500106"), lambda: with_district("500112")),
    (
        "occupation=6-18-01-01",
        lambda: with_occupation("6-18-01-01"),
        lambda: with_occupation("6-22-02-01"),
    ),
    (
        "target_group=veterans",
        lambda: with_group(ProgramTargetGroup.Group.VETERANS),
        lambda: with_group(ProgramTargetGroup.Group.GRADUATES),
    ),
    (
        "mode=online",
        lambda: enrolling(title="线上项目", mode=Program.Mode.ONLINE),
        lambda: enrolling(title="线下项目", mode=Program.Mode.OFFLINE),
    ),
    ("state=enrolling", lambda: enrolling(title="开放报名项目"), lambda: ended(title="已结项目")),
    ("state=upcoming", lambda: upcoming(title="将来项目"), lambda: enrolling(title="现在项目")),
    (
        "subsidy=true",
        lambda: enrolling(title="补贴项目", fee=1000, subsidy=800),
        lambda: enrolling(title="自费项目", fee=1000),
    ),
    ("q=焊工", lambda: enrolling(title="焊工培训班"), lambda: enrolling(title="美发培训班")),
]


@pytest.mark.parametrize(("query", "make_wanted", "make_other"), FILTERS)
def test_each_program_filter_narrows_the_directory(client, query, make_wanted, make_other):
    wanted, other = make_wanted(), make_other()
    response, html = page(client, f"/programs/?{query}")
    assert response.status_code == 200
    assert wanted.title in html
    assert other.title not in html


def test_the_filter_form_keeps_its_values_and_shows_the_count(client):
    with_district("500106")
    with_district("500112")
    _response, html = page(client, "/programs/?district=500106&q=区县")
    assert re.search(r'<option value="500106" selected>', html)
    assert 'value="区县"' in html
    assert "共 1 条" in html


def test_an_unknown_district_gets_a_message_naming_it_not_an_error_page(client):
    enrolling(title="仍然显示的项目")
    response, html = page(client, "/programs/?district=999999")
    assert response.status_code == 400
    assert "999999" in html and "区县（district）" in html
    assert "仍然显示的项目" in html


@pytest.mark.parametrize(
    "query", ["state=whenever", "subsidy=maybe", "ordering=title", "page=abc", "q=" + "长" * 150]
)
def test_nonsense_parameters_never_give_a_server_error(client, query):
    enrolling()
    response = client.get(f"/programs/?{query}", follow=True)
    assert response.status_code in (200, 400)
    assert b"<h1>" in response.content


def test_programs_open_for_enrolment_come_before_ended_ones(client):
    ended(title="早已结束")
    enrolling(title="正在报名")
    _response, html = page(client, "/programs/")
    assert html.index("正在报名") < html.index("早已结束")


def test_sorting_by_enrolment_deadline_puts_the_nearest_first(client):
    later = ProgramFactory(title="晚截止", enrol_end=days(9), start_date=days(12))
    sooner = ProgramFactory(title="早截止", enrol_end=days(3), start_date=days(12))
    _response, html = page(client, "/programs/?ordering=enrol_end")
    assert html.index(sooner.title) < html.index(later.title)


def test_a_card_shows_state_dates_place_and_cost_after_subsidy(client):
    enrolling(title="数控车工班", fee=1200, subsidy=1000, address="沙坪坝区大学城")
    _response, html = page(client, "/programs/")
    assert "报名中" in html
    assert days(5).isoformat() in html
    assert "沙坪坝区大学城" in html
    assert "200 元" in html


def test_a_program_page_says_who_may_apply_how_and_until_when(client):
    program = enrolling(
        title="学徒制项目",
        eligibility="本市在职职工",
        how_to_apply="向所在企业人力资源部门报名",
    )
    ProgramTargetGroupFactory(program=program, group=ProgramTargetGroup.Group.EMPLOYEES)
    response, html = page(client, program.get_absolute_url())
    assert response.status_code == 200
    for text in ("本市在职职工", "向所在企业人力资源部门报名", days(5).isoformat(), "在职职工"):
        assert text in html


def test_a_draft_program_is_on_no_page(client):
    draft = enrolling(title="草稿项目不可见", publication_state=PublicationState.DRAFT)
    assert draft.title not in page(client, "/programs/")[1]
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert draft.title not in page(client, "/")[1]


def test_the_long_list_is_paginated_and_the_next_page_keeps_the_filters(client):
    for n in range(25):
        enrolling(title=f"批量项目{n:02d}", kind=Program.Kind.DIGITAL_TRAINING)
    _response, html = page(client, "/programs/?kind=digital_training")
    assert "第 1 / 2 页" in html
    assert "?kind=digital_training&amp;page=2" in html


def test_each_page_lists_its_own_programs_in_citizen_order(client):
    """Ended last, nearest deadline first, and across pages no program twice or missing."""
    for n in range(12):
        ended(title=f"结束项目{n:02d}")
        ProgramFactory(
            title=f"报名项目{n:02d}",
            enrol_start=days(-5),
            enrol_end=days(12 - n),
            start_date=days(30),
            end_date=days(40),
        )
    titles = []
    for number in (1, 2):
        html = page(client, f"/programs/?page={number}")[1]
        titles += re.findall(r"(?:结束|报名)项目\d\d", html)
    assert titles[:12] == [f"报名项目{n:02d}" for n in reversed(range(12))]
    assert sorted(titles[12:]) == [f"结束项目{n:02d}" for n in range(12)]


def test_a_directory_lists_its_first_pages_and_says_how_to_reach_the_rest(client, monkeypatch):
    monkeypatch.setattr("portal.pages.directory.MAX_PAGES", 2)
    for n in range(45):
        enrolling(title=f"批量项目{n:02d}")
    first, last = page(client, "/programs/")[1], page(client, "/programs/?page=2")[1]
    assert "共 45 条" in first
    assert "第 1 / 2 页" in first
    assert "只列出前 40 条，请用筛选条件或关键词缩小范围。" in first
    assert "第 2 / 2 页" in last
    assert "批量项目39" in last
    assert "批量项目40" not in last
    assert 'rel="next"' not in last
    narrowed = page(client, "/programs/?q=批量项目4")[1]
    assert "缩小范围" not in narrowed


def test_the_base_directory_filters_by_kind_and_district(client):
    shapingba = DistrictFactory(code="500106", name="沙坪坝区", slug="shapingba")
    wanted = TrainingBaseFactory(kind=TrainingBase.Kind.PUBLIC_TRAINING_BASE, district=shapingba)
    other_kind = TrainingBaseFactory(kind=TrainingBase.Kind.HIGH_SKILL_BASE, district=shapingba)
    # Its own district, named: a factory's district code repeats every hundred districts.
    elsewhere = DistrictFactory(code="500107", name="九龙坡区", slug="jiulongpo")
    other_place = TrainingBaseFactory(
        kind=TrainingBase.Kind.PUBLIC_TRAINING_BASE, district=elsewhere
    )
    _response, html = page(client, "/bases/?kind=public_training_base&district=500106")
    assert wanted.name in html
    assert other_kind.name not in html
    assert other_place.name not in html


def test_a_base_page_shows_its_address_and_only_its_published_programs(client):
    base = TrainingBaseFactory(address="重庆市九龙坡区示例路1号")
    enrolling(title="基地的项目", provider_base=base)
    enrolling(title="基地的草稿项目", provider_base=base, publication_state=PublicationState.DRAFT)
    _response, html = page(client, base.get_absolute_url())
    assert "重庆市九龙坡区示例路1号" in html
    assert "基地的项目" in html
    assert "基地的草稿项目" not in html


def test_the_shortage_page_shows_the_latest_edition_ranked_with_a_chart(client):
    ShortageListFactory(year=2021, title="二〇二一年目录")
    latest = ShortageListFactory(year=2023, title="二〇二三年目录")
    ShortageEntryFactory(shortage_list=latest, rank=2, occupation__name="汽车装调工", demand=50)
    ShortageEntryFactory(shortage_list=latest, rank=1, occupation__name="车工", demand=100, gap=40)
    _response, html = page(client, "/shortage/")
    assert html.index("车工") < html.index("汽车装调工")
    assert "40.0%" in html
    assert "未公布" in html  # 汽车装调工 has no published gap
    assert "<svg" in html and 'role="img"' in html
    assert "/shortage/2021/" in html


def test_an_older_edition_has_its_own_page_and_a_draft_edition_is_404(client):
    ShortageListFactory(year=2021, title="二〇二一年目录")
    ShortageListFactory(year=2020, publication_state=PublicationState.DRAFT)
    assert "二〇二一年目录" in page(client, "/shortage/2021/")[1]
    assert client.get("/shortage/2020/").status_code == 404


def test_a_demo_edition_is_marked_as_demo(client):
    ShortageListFactory(year=2022, title="示例目录", is_demo=True)
    html = page(client, "/shortage/2022/")[1]
    assert "演示数据" in html
    assert "这是一份演示目录" in html


def test_a_parameter_the_directory_does_not_know_is_left_out_of_its_links(client):
    for n in range(25):
        enrolling(title=f"批量项目{n:02d}", kind=Program.Kind.DIGITAL_TRAINING)
    _response, html = page(client, "/programs/?zz=1&kind=digital_training&q=")
    assert 'href="?kind=digital_training&amp;page=2"' in html
    assert 'href="/en/programs/?kind=digital_training"' in html
    assert "zz=1" not in html


def test_a_directory_with_only_unknown_parameters_is_not_shown_as_filtered(client):
    enrolling()
    _response, html = page(client, "/programs/?utm_source=wechat")
    assert "清除筛选" not in html
    assert '<details class="more-filters">' in html


def test_an_unknown_parameter_is_served_the_directorys_cached_page(
    client, settings, django_assert_num_queries
):
    settings.PUBLIC_CACHE_SECONDS = 60
    enrolling(title="缓存中的项目")
    first = client.get("/programs/?page=1")
    with django_assert_num_queries(0):
        again = client.get("/programs/?page=1&zz=random")
    assert again.content == first.content
    assert client.get("/programs/?kind=digital_training&zz=random").content != first.content


def test_a_page_number_past_the_last_or_not_a_number_leads_to_the_page_served(client):
    for n in range(25):
        enrolling(title=f"批量项目{n:02d}")
    past = client.get("/programs/?q=批量&page=9&zz=1")
    assert past.status_code == 302
    assert past["Location"] == "/programs/?q=%E6%89%B9%E9%87%8F&page=2"
    assert client.get("/programs/?page=abc")["Location"] == "/programs/"
    assert client.get("/programs/?page=2").status_code == 200
