"""Each public page of studios, competitions, honor rolls and craftsmen reads a fixed number
of queries, the same for 3 records as for 30: what it shows is joined or prefetched, never
read per row, and a roll is counted by its HonorRoll size, not over its awards."""

import pytest

from talent.models import CompetitionResult
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
    OrganizationFactory,
    StudioFactory,
)
from tests.page_queries import assert_fixed_queries

pytestmark = pytest.mark.django_db

# (what a citizen opens, the queries it reads). A directory: its count, its page, the page's
# occupations, and each vocabulary its filter form lists; a filter naming a record by
# identifier adds that record's lookup, a search its related names' lookup. A roll: the
# title's rolls (their sizes count the pages), then the page's awards.
PAGES = [
    ("/studios/", 6),
    ("/studios/?district=500106&occupation=6-18-01-01&level=municipal", 8),
    ("/studios/?q=工作室", 8),
    ("/studios/?page=2", 6),
    ("studio", 3),
    ("/competitions/", 2),
    ("/competitions/?level=municipal&ordering=year", 2),
    ("/competitions/?q=大赛", 2),
    ("/competitions/?page=2", 2),
    ("competition", 4),
    ("/honors/", 1),
    ("/honors/bayu-gongjiang/2025/", 2),
    ("/honors/bayu-gongjiang/2025/?page=2", 2),
    ("craftsman", 4),
]
# A second page is opened once the first is full (studios 20 a page, competitions 30, a
# roll 50).
SECOND_PAGES = {
    "/studios/?page=2": 21,
    "/competitions/?page=2": 31,
    "/honors/bayu-gongjiang/2025/?page=2": 51,
}


@pytest.fixture
def records():
    """The vocabularies, a title and the person and competition whose pages grow."""
    district = DistrictFactory(code="500106", name="沙坪坝区", slug="shapingba")
    organization = OrganizationFactory(district=district)
    return {
        "district": district,
        "occupation": OccupationFactory(code="6-18-01-01", name="车工"),
        "organization": organization,
        "cluster": IndustryClusterFactory(),
        "title": HonorTitleFactory(slug="bayu-gongjiang", name="巴渝工匠"),
        "craftsman": CraftsmanFactory(organization=organization, district=district),
        "competition": CompetitionFactory(name="技能大赛", year=2025),
        "studio": None,
    }


def add_records(records, numbers):
    """Studios, competitions with results, and awards numbered `numbers`; the first person
    gets an award, a studio and a result with each number, the first competition an event."""
    district, occupation, person = records["district"], records["occupation"], records["craftsman"]
    for n in numbers:
        awardee = CraftsmanFactory(
            name=f"工匠{n}",
            organization=records["organization"],
            occupation=occupation,
            district=district,
        )
        HonorAwardFactory(title=records["title"], year=2025, craftsman=awardee)
        HonorAwardFactory(title=records["title"], year=1990 + n, craftsman=person)
        studio = StudioFactory(
            name=f"工作室{n}",
            leader=person,
            organization=records["organization"],
            district=district,
        )
        studio.occupations.add(occupation)
        studio.clusters.add(records["cluster"])
        records["studio"] = records["studio"] or studio
        CompetitionFactory(name=f"技能大赛{n}", year=2000 + n)
        event = CompetitionEventFactory(competition=records["competition"], occupation=occupation)
        CompetitionResultFactory(event=event, craftsman=person, medal=CompetitionResult.Medal.GOLD)
        CompetitionResultFactory(event=event, craftsman=awardee, delegation=f"代表队{n}")


def address(records, page):
    """The page's URL: a detail page is the first record's."""
    if page in ("studio", "competition", "craftsman"):
        return records[page].get_absolute_url()
    return page


@pytest.mark.parametrize(("page", "expected"), PAGES)
def test_a_page_reads_the_same_fixed_number_of_queries_for_3_records_as_for_30(
    client, django_assert_num_queries, records, page, expected
):
    assert_fixed_queries(
        client,
        django_assert_num_queries,
        lambda numbers: add_records(records, numbers),
        lambda: address(records, page),
        expected,
        first=SECOND_PAGES.get(page, 3),
    )
