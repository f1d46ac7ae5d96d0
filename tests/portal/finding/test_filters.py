import datetime

import pytest

from portal.finding.filters import OccupationFilterSet
from programs.filters import ProgramFilterSet
from programs.models import Program
from talent.filters import HonorAwardFilterSet, StudioFilterSet
from talent.models import HonorAward, Studio
from tests.factories import (
    DistrictFactory,
    HonorAwardFactory,
    HonorTitleFactory,
    OccupationFactory,
    ProgramFactory,
    ProgramTargetGroupFactory,
    StudioFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_districts():
    return (
        DistrictFactory(code="500106", name="沙坪坝区", slug="shapingba"),
        DistrictFactory(code="500112", name="渝北区", slug="yubei"),
    )


@pytest.mark.parametrize("reference", ["500106", "shapingba", "沙坪坝区"])
def test_a_district_can_be_named_by_code_slug_or_name(two_districts, reference):
    shapingba, yubei = two_districts
    wanted = StudioFactory(district=shapingba)
    StudioFactory(district=yubei)
    filterset = StudioFilterSet({"district": reference}, queryset=Studio.objects.all())
    assert filterset.is_valid()
    assert list(filterset.qs) == [wanted]


def test_an_unknown_district_is_a_validation_error_naming_the_parameter():
    filterset = StudioFilterSet({"district": "999999"}, queryset=Studio.objects.all())
    assert not filterset.is_valid()
    assert "999999" in str(filterset.errors["district"])


def test_the_filter_form_offers_districts_by_their_code(two_districts):
    form = StudioFilterSet({}, queryset=Studio.objects.all()).form
    values = [str(value) for value, _label in form.fields["district"].choices]
    assert "500106" in values


def test_q_matches_a_two_character_chinese_substring():
    wanted = StudioFactory(name="杨波焊工技能大师工作室")
    StudioFactory(name="王芃美发技能大师工作室")
    filterset = StudioFilterSet({"q": "焊工"}, queryset=Studio.objects.all())
    assert list(filterset.qs) == [wanted]


def test_occupations_can_be_filtered_by_code_through_many_to_many_without_duplicates():
    lathe = OccupationFactory(code="6-18-01-01", name="车工")
    program = ProgramFactory()
    program.occupations.add(lathe, OccupationFactory())
    ProgramFactory()
    filterset = ProgramFilterSet({"occupation": "6-18-01-01"}, queryset=Program.objects.all())
    assert list(filterset.qs) == [program]


def test_programs_filter_by_state_derived_from_dates(monkeypatch):
    monkeypatch.setattr("programs.models.training.today", lambda: datetime.date(2026, 11, 22))
    enrolling = ProgramFactory()
    ProgramFactory(
        enrol_start=datetime.date(2026, 1, 1),
        enrol_end=datetime.date(2026, 1, 31),
        start_date=datetime.date(2026, 2, 1),
        end_date=datetime.date(2026, 3, 1),
    )
    filterset = ProgramFilterSet({"state": "enrolling"}, queryset=Program.objects.all())
    assert list(filterset.qs) == [enrolling]


def test_programs_filter_by_target_group_and_subsidy():
    wanted = ProgramTargetGroupFactory(group="veterans", program__fee=1000, program__subsidy=600)
    ProgramTargetGroupFactory(group="graduates", program__fee=1000, program__subsidy=600)
    filterset = ProgramFilterSet(
        {"target_group": "veterans", "subsidy": "true"}, queryset=Program.objects.all()
    )
    assert list(filterset.qs) == [wanted.program]


def test_an_unknown_ordering_is_refused():
    filterset = ProgramFilterSet({"ordering": "password"}, queryset=Program.objects.all())
    assert not filterset.is_valid()
    assert "ordering" in filterset.errors


def test_honor_awards_filter_by_title_slug_and_year():
    title = HonorTitleFactory(slug="bayu-gongjiang")
    wanted = HonorAwardFactory(title=title, year=2025)
    HonorAwardFactory(title=title, year=2024)
    HonorAwardFactory(year=2025)
    filterset = HonorAwardFilterSet(
        {"title": "bayu-gongjiang", "year": "2025"}, queryset=HonorAward.objects.all()
    )
    assert list(filterset.qs) == [wanted]


def test_a_year_that_is_not_a_number_is_a_validation_error():
    filterset = HonorAwardFilterSet({"year": "二〇二五"}, queryset=HonorAward.objects.all())
    assert not filterset.is_valid()
    assert "year" in filterset.errors


def test_a_major_group_outside_one_to_eight_is_refused():
    filterset = OccupationFilterSet({"major_group": "9"})
    assert not filterset.is_valid()
    assert "major_group" in filterset.errors
