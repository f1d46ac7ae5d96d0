"""Each public page of programs, bases and the shortage catalogue reads a fixed number of
queries, the same for 3 records as for 30: what it shows is joined or prefetched, never read
per row."""

import pytest

from programs.models import ProgramTargetGroup
from tests.factories import (
    DistrictFactory,
    IndustryClusterFactory,
    OccupationFactory,
    ProgramFactory,
    ProgramTargetGroupFactory,
    ShortageEntryFactory,
    ShortageListFactory,
    TrainingBaseFactory,
)
from tests.page_queries import assert_fixed_queries

pytestmark = pytest.mark.django_db

# (what a citizen opens, the queries it reads). A directory: its count, its page, the page's
# districts or occupations, and each vocabulary its filter form lists; a filter naming a
# record by identifier adds that record's lookup, a search its related names' lookup.
PAGES = [
    ("/programs/", 6),
    ("/programs/?district=500106&kind=vocational_training", 7),
    ("/programs/?q=培训", 8),
    ("/programs/?page=2", 6),
    ("/programs/?ordering=start_date&page=2", 6),
    ("program", 4),
    ("/bases/", 6),
    ("/bases/?district=500106&occupation=6-18-01-01", 8),
    ("/bases/?q=基地", 7),
    ("/bases/?page=2", 6),
    ("base", 5),
    ("/shortage/", 3),
    ("/shortage/2024/", 3),
]
# A second page is opened once the first is full (a directory's page size is 20).
SECOND_PAGES = {
    "/programs/?page=2": 21,
    "/programs/?ordering=start_date&page=2": 21,
    "/bases/?page=2": 21,
}


@pytest.fixture
def directory():
    """The vocabularies, one catalogue edition and the base every program is run by."""
    districts = [
        DistrictFactory(code="500106", name="沙坪坝区", slug="shapingba"),
        DistrictFactory(code="500103", name="渝中区", slug="yuzhong"),
    ]
    base = TrainingBaseFactory(name="培训基地", district=districts[0])
    return {
        "districts": districts,
        "occupation": OccupationFactory(code="6-18-01-01", name="车工"),
        "cluster": IndustryClusterFactory(),
        "edition": ShortageListFactory(year=2024),
        "base": base,
        "program": None,
    }


def add_records(directory, numbers):
    """Programs, bases and catalogue entries numbered `numbers`, with everything their pages
    show; every program is the first base's, so that base's page grows with them."""
    districts, occupation = directory["districts"], directory["occupation"]
    for n in numbers:
        base = TrainingBaseFactory(name=f"培训基地{n}", district=districts[n % 2])
        base.occupations.add(occupation)
        base.clusters.add(directory["cluster"])
        program = ProgramFactory(title=f"培训项目{n}", provider_base=directory["base"])
        program.districts.add(*districts)
        program.occupations.add(occupation)
        ProgramTargetGroupFactory(program=program, group=ProgramTargetGroup.Group.GRADUATES)
        ShortageEntryFactory(shortage_list=directory["edition"], rank=n + 1, demand=100, gap=n)
        directory["program"] = directory["program"] or program


def address(directory, page):
    """The page's URL: a detail page is the first record's."""
    if page in ("program", "base"):
        return directory[page].get_absolute_url()
    return page


@pytest.mark.parametrize(("page", "expected"), PAGES)
def test_a_page_reads_the_same_fixed_number_of_queries_for_3_records_as_for_30(
    client, django_assert_num_queries, directory, page, expected
):
    assert_fixed_queries(
        client,
        django_assert_num_queries,
        lambda numbers: add_records(directory, numbers),
        lambda: address(directory, page),
        expected,
        first=SECOND_PAGES.get(page, 3),
    )
