"""The home page and the stats page: what is new, and figures counted from published data."""

import datetime
import re

import pytest
from django.utils import timezone

from portal.publishing.choices import PublicationState
from tests.factories import (
    CompetitionResultFactory,
    CraftsmanFactory,
    HonorAwardFactory,
    ProgramFactory,
)

pytestmark = pytest.mark.django_db


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def latest_honors(client):
    section = page(client, "/").split('id="honors-heading"', 1)[1].split("</ul>", 1)[0]
    return re.findall(r'<a href="/craftsmen/[^"]+/">([^<]+)</a>', section)


def table(client, heading):
    """(label, number) rows of the stats table under `heading`."""
    block = page(client, "/stats/").split(heading, 1)[1].split("</tbody>", 1)[0]
    rows = re.findall(r'<th scope="row">([^<]+)</th><td class="num">(\d+)</td>', block)
    return {label: int(n) for label, n in rows}


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


def test_the_latest_honors_on_the_home_page_are_the_six_published_last(client):
    names = ["甲", "乙", "丙", "丁", "戊", "己", "庚"]
    for days, name in enumerate(names):
        HonorAwardFactory(craftsman__name=f"工匠{name}", published_at=days_ago(days))
    assert latest_honors(client) == [f"工匠{name}" for name in names[:6]]


def test_the_latest_honors_leave_out_people_who_are_not_public(client):
    HonorAwardFactory(craftsman__name="公开的工匠", published_at=days_ago(3))
    HonorAwardFactory(craftsman=CraftsmanFactory(name="未同意的工匠", no_basis=True))
    HonorAwardFactory(craftsman__name="草稿中的授予", publication_state=PublicationState.DRAFT)
    assert latest_honors(client) == ["公开的工匠"]


def test_the_stats_count_published_programs_by_their_state_today(client):
    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    dates = {
        "即将开始": (today + 10 * day, today + 20 * day, today + 30 * day, today + 40 * day),
        "报名中": (today - day, today + 5 * day, today + 10 * day, today + 20 * day),
        "进行中": (today - 20 * day, today - 10 * day, today - day, today + 10 * day),
        "已结束": (today - 40 * day, today - 30 * day, today - 20 * day, today - day),
    }
    for enrol_start, enrol_end, start, end in dates.values():
        ProgramFactory(enrol_start=enrol_start, enrol_end=enrol_end, start_date=start, end_date=end)
    ProgramFactory(enrol_start=None, enrol_end=None, start_date=None, end_date=None)  # standing
    ProgramFactory(publication_state=PublicationState.DRAFT)
    counts = table(client, "培训项目（按状态）")
    assert counts == {"即将开始": 1, "报名中": 2, "进行中": 1, "已结束": 1}


def test_the_stats_count_honors_by_year_and_medals_of_published_competitions(client):
    HonorAwardFactory.create_batch(2, year=2025)
    HonorAwardFactory(year=2024)
    CompetitionResultFactory.create_batch(2, medal="gold")
    CompetitionResultFactory(medal="gold", event__competition__publication_state="draft")
    assert table(client, "荣誉称号授予（按年度）") == {"2025": 2, "2024": 1}
    assert table(client, "竞赛奖牌（按类别）")["金牌"] == 2
