"""A person is shown only on a recorded basis: their consent (dated, with how it was given) or an
official announcement (cited), which covers name, organization and the announced honor alone."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from talent.models import Craftsman, HonorRoll, PublicBasis
from tests.api_mixin import client_with, url
from tests.factories import (
    CompetitionResultFactory,
    CraftsmanFactory,
    DistrictFactory,
    HonorAwardFactory,
    HonorTitleFactory,
    OccupationFactory,
    StudioFactory,
)

pytestmark = pytest.mark.django_db


def text(client, path):
    response = client.get(path)
    assert response.status_code in (200, 404), path
    return response.content.decode()


def every_sitemap_page(client):
    index = text(client, "/sitemap.xml")
    files = [loc.removeprefix("http://testserver") for loc in index.split("<loc>")[1:]]
    return "".join(text(client, part.split("</loc>")[0]) for part in files)


def public_places(client, roll_url, studio, competition):
    """Every public place a person could appear, but their own (404) addresses: pages, API,
    feeds, search, sitemap."""
    pages = [
        "/",
        "/honors/",
        roll_url,
        studio.get_absolute_url(),
        competition.get_absolute_url(),
        "/search/?q=无依据",  # not the whole name: the results page repeats the query
        "/feeds/programs/",
        url("craftsmen"),
        url("honor-awards"),
        url("competition-results"),
        url("studios"),
    ]
    return "".join(text(client, page) for page in pages) + every_sitemap_page(client)


def test_a_person_without_a_basis_appears_nowhere_public(client):
    person = CraftsmanFactory(name="无依据者", no_basis=True)
    title = HonorTitleFactory(slug="bayu-gongjiang", name="巴渝工匠")
    HonorAwardFactory(craftsman=person, title=title, year=2025)
    HonorAwardFactory(title=title, year=2025)  # the roll exists through someone else
    studio = StudioFactory(leader=person)
    result = CompetitionResultFactory(craftsman=person)
    everywhere = public_places(
        client, "/honors/bayu-gongjiang/2025/", studio, result.event.competition
    )
    assert "无依据者" not in everywhere
    assert str(person.uid) not in everywhere
    assert person.get_absolute_url() not in text(client, "/search/?q=无依据者")
    assert client.get(person.get_absolute_url()).status_code == 404
    assert client_with().get(url("craftsmen", person.uid)).status_code == 404


def test_a_typed_in_competitor_name_is_not_shown_to_the_public():
    result = CompetitionResultFactory(craftsman=None, competitor_name="未登记选手")
    page = text(client_with(), url("competition-results"))
    assert "未登记选手" not in page
    assert result.event.competition.name


def test_an_announced_person_shows_name_organization_and_honor_but_not_the_profile(client):
    person = CraftsmanFactory(
        name="公告工匠",
        announced=True,
        organization__name="公告单位",
        occupation__name="公告职业",
        district__name="公告区",
        profile="只在本人同意后公开的简介",
    )
    HonorAwardFactory(craftsman=person, title__name="全国劳动模范", year=None)
    page = text(client, person.get_absolute_url())
    for shown in ("公告工匠", "公告单位", "全国劳动模范", "重庆日报，《测试公告》"):
        assert shown in page
    for hidden in ("只在本人同意后公开的简介", "公告职业", "公告区"):
        assert hidden not in page


def test_the_api_gives_the_public_only_name_and_organization_of_an_announced_person():
    person = CraftsmanFactory(announced=True, profile="简介", gender="male")
    record = client_with().get(url("craftsmen", person.uid)).json()
    assert record["name"] == person.name
    assert record["organization"]["name"] == person.organization.name
    for hidden in ("profile", "occupation", "district", "gender", "skill_level", "source"):
        assert hidden not in record


def test_filtering_people_by_district_reaches_only_those_who_consented():
    district = DistrictFactory(code="500103", name="渝中区")
    consented = CraftsmanFactory(district=district)
    CraftsmanFactory(district=district, announced=True)
    response = client_with().get(url("craftsmen"), {"district": "500103"})
    assert [row["uid"] for row in response.json()["results"]] == [str(consented.uid)]


def test_filtering_by_occupation_does_not_reveal_an_announced_persons_occupation():
    welder = OccupationFactory(code="6-18-02-04", name="焊工")
    CraftsmanFactory(occupation=welder, announced=True)
    response = client_with().get(url("craftsmen"), {"occupation": "6-18-02-04"})
    assert response.json()["results"] == []


def test_consent_needs_a_date_and_a_way_it_was_given():
    person = Craftsman(name="无日期", public_basis=PublicBasis.CONSENT, consent_method="written")
    with pytest.raises(ValidationError, match="同意日期"):
        person.full_clean()
    with transaction.atomic(), pytest.raises(IntegrityError):
        Craftsman.objects.create(name="无日期", public_basis=PublicBasis.CONSENT)


def test_an_announcement_needs_its_citation():
    with transaction.atomic(), pytest.raises(IntegrityError):
        Craftsman.objects.create(name="无出处", public_basis=PublicBasis.ANNOUNCEMENT)


def test_consent_with_a_date_and_a_way_is_accepted():
    person = Craftsman.objects.create(
        name="已同意",
        public_basis=PublicBasis.CONSENT,
        consent_date=datetime.date(2025, 5, 1),
        consent_method="written",
    )
    assert person.shows_details is False  # a draft: published people only
    assert person.public_basis == PublicBasis.CONSENT


def test_an_award_without_a_year_is_on_the_persons_page_but_on_no_roll(client):
    person = CraftsmanFactory(announced=True)
    HonorAwardFactory(craftsman=person, title__name="大国工匠", year=None)
    HonorAwardFactory(craftsman=person, title__name="巴渝工匠", title__slug="bayu", year=2017)
    assert "大国工匠" in text(client, person.get_absolute_url())
    assert list(HonorRoll.objects.values_list("title__slug", "year", "size")) == [("bayu", 2017, 1)]
    assert "大国工匠" not in text(client, "/honors/")


def test_an_award_without_a_year_is_recorded_once_per_person_and_title():
    award = HonorAwardFactory(year=None)
    with transaction.atomic(), pytest.raises(IntegrityError):
        HonorAwardFactory(craftsman=award.craftsman, title=award.title, year=None)


def test_an_announcement_links_only_to_an_allowed_site():
    person = CraftsmanFactory(announced=True, announcement_url="http://103.52.134.50/notice.html")
    with pytest.raises(ValidationError, match="允许名单"):
        person.full_clean()
    person.announcement_url = "https://epaper.cqrb.cn/cqrb/2026-01/01/001/content.htm"
    person.full_clean()
