"""The RSS and Atom feeds: what became public last, first, programs and honors together."""

import datetime
import re

import pytest
from django.utils import timezone

from portal.pages.feeds import FEED_SIZE
from tests.factories import HonorAwardFactory, ProgramFactory

pytestmark = pytest.mark.django_db


def titles(client):
    response = client.get("/feeds/programs/")
    assert response.status_code == 200
    return re.findall(r"<item><title>([^<]+)</title>", response.content.decode())


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


def test_the_feed_starts_with_what_was_published_last(client):
    ProgramFactory(title="上月发布的项目", published_at=days_ago(30))
    HonorAwardFactory(
        craftsman__name="昨天公布的工匠",
        title__name="巴渝工匠",
        year=2026,
        published_at=days_ago(1),
    )
    ProgramFactory(title="上周发布的项目", published_at=days_ago(7))
    assert titles(client) == ["2026年巴渝工匠：昨天公布的工匠", "上周发布的项目", "上月发布的项目"]


def test_a_record_published_long_after_it_was_made_counts_from_its_publication(client):
    ProgramFactory(title="早就录入今天才发布的项目", published_at=timezone.now())
    ProgramFactory(title="昨天录入并发布的项目", published_at=days_ago(1))
    assert titles(client)[0] == "早就录入今天才发布的项目"


def test_a_record_published_without_the_workflow_counts_from_when_it_was_made(client):
    ProgramFactory(title="上周发布的项目", published_at=days_ago(7))
    ProgramFactory(title="导入时即公开的项目", published_at=None)  # made just now
    assert titles(client)[0] == "导入时即公开的项目"


def test_the_feed_holds_the_newest_thirty_records(client):
    ProgramFactory.create_batch(FEED_SIZE - 5)
    HonorAwardFactory.create_batch(10)
    assert len(titles(client)) == FEED_SIZE
    assert client.get("/feeds/programs/atom/").content.decode().count("<entry>") == FEED_SIZE


def test_an_award_links_to_its_honor_roll_and_a_program_to_its_page(client):
    program = ProgramFactory()
    award = HonorAwardFactory(year=2025)
    rss = client.get("/feeds/programs/").content.decode()
    assert f"http://testserver{program.get_absolute_url()}</link>" in rss
    assert f"http://testserver/honors/{award.title.slug}/2025/#award-{award.pk}</link>" in rss
