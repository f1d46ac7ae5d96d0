"""The one finder of a record by its identifiers and its ambiguity rule, as each caller shows it."""

import pytest

from portal.finding import identifiers
from portal.vocabulary.models import District, Occupation, Organization
from programs.models import ShortageList, TrainingBase
from talent.filters import StudioFilterSet
from talent.models import Craftsman, Studio
from tests.api_mixin import client_with, url
from tests.factories import (
    CraftsmanFactory,
    DistrictFactory,
    OccupationFactory,
    OrganizationFactory,
    ShortageListFactory,
    StudioFactory,
    TrainingBaseFactory,
)

pytestmark = pytest.mark.django_db


def find(model, value):
    return identifiers.find(model._default_manager.all(), value)


@pytest.fixture
def shapingba():
    return DistrictFactory(code="500106", name="沙坪坝区", slug="shapingba")


@pytest.fixture
def two_occupations_sharing_a_2015_code():
    return (
        OccupationFactory(name="数控车工", former_code="6-04-01-01"),
        OccupationFactory(name="普通车工", former_code="6-04-01-01"),
    )


# --- the rule ------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["500106", "shapingba", "沙坪坝区", "  沙坪坝区 "])
def test_a_district_is_found_by_its_code_its_slug_or_its_name_trimmed(shapingba, value):
    assert find(District, value) == shapingba


def test_values_are_compared_exactly_so_a_slug_in_capitals_is_unknown(shapingba):
    with pytest.raises(identifiers.Unknown):
        find(District, "Shapingba")


def test_a_credit_code_finds_its_organization_even_when_another_is_named_after_it():
    coded = OrganizationFactory()
    OrganizationFactory(name=coded.credit_code, credit_code=None)
    assert find(Organization, coded.credit_code) == coded


def test_a_number_that_is_one_bases_key_and_another_bases_name_finds_the_key():
    keyed = TrainingBaseFactory()
    TrainingBaseFactory(name=str(keyed.pk))
    assert find(TrainingBase, str(keyed.pk)) == keyed


def test_a_value_several_records_share_in_one_field_is_ambiguous_naming_that_field(
    two_occupations_sharing_a_2015_code,
):
    with pytest.raises(identifiers.Ambiguous) as error:
        find(Occupation, "6-04-01-01")
    assert error.value.field == "former_code"
    assert "“6-04-01-01”对应多条职业" in str(error.value)


def test_an_earlier_field_matching_one_record_wins_over_a_later_field_matching_several(
    two_occupations_sharing_a_2015_code,
):
    named = OccupationFactory(name="6-04-01-01")
    assert find(Occupation, "6-04-01-01") == named


def test_namesakes_are_ambiguous_by_name_but_each_is_found_by_uid():
    first = CraftsmanFactory(name="王师傅")
    CraftsmanFactory(name="王师傅")
    with pytest.raises(identifiers.Ambiguous):
        find(Craftsman, "王师傅")
    assert find(Craftsman, str(first.uid)) == first


def test_an_unknown_value_names_the_kind_of_record_and_the_value(shapingba):
    with pytest.raises(identifiers.Unknown) as error:
        find(District, "火星区")
    assert error.value.fields == ("code", "slug", "name")
    assert str(error.value) == "找不到区县“火星区”。"


@pytest.mark.parametrize(
    ("model", "value"),
    [
        (ShortageList, "二〇二三"),
        (ShortageList, "99999999999999999999"),
        (TrainingBase, "第一基地"),
        (Craftsman, "not-a-uuid"),
        (District, "沙坪坝\x00区"),
        (District, "区" * 300),
    ],
)
def test_a_value_that_cannot_be_a_fields_value_is_unknown_rather_than_an_error(model, value):
    ShortageListFactory(year=2023)
    with pytest.raises(identifiers.Unknown):
        find(model, value)


def test_an_empty_value_is_unknown_although_many_records_leave_a_field_empty():
    OccupationFactory(), OccupationFactory()  # both without a 2015 code
    with pytest.raises(identifiers.Unknown):
        find(Occupation, "  ")


def test_only_the_records_of_the_given_queryset_are_considered(
    two_occupations_sharing_a_2015_code,
):
    numerical, _manual = two_occupations_sharing_a_2015_code
    queryset = Occupation.objects.filter(name__startswith="数控")
    assert identifiers.find(queryset, "6-04-01-01") == numerical


def test_a_records_identifier_is_its_first_non_empty_identifier_field(shapingba):
    zone = DistrictFactory(code=None, kind=District.Kind.ZONE, slug="liangjiang")
    uncoded = OccupationFactory(code=None, name="无编码职业")
    base = TrainingBaseFactory()
    assert [identifiers.identifier_of(obj) for obj in (shapingba, zone, uncoded, base)] == [
        "500106",
        "liangjiang",
        "无编码职业",
        str(base.pk),
    ]


def test_a_model_naming_no_identifiers_is_found_by_its_primary_key_only():
    studio = StudioFactory()
    assert find(Studio, str(studio.pk)) == studio
    with pytest.raises(identifiers.Unknown):
        find(Studio, studio.name)


# --- as the callers report it --------------------------------------------------------------


def test_an_ambiguous_filter_value_is_a_form_error_on_that_parameter(
    two_occupations_sharing_a_2015_code,
):
    filterset = StudioFilterSet({"occupation": "6-04-01-01"}, queryset=Studio.objects.all())
    assert not filterset.is_valid()
    assert "对应多条职业" in str(filterset.errors["occupation"])


def test_a_filter_value_naming_a_record_by_its_2015_code_filters_by_it():
    occupation = OccupationFactory(former_code="6-04-01-01")
    wanted = StudioFactory()
    wanted.occupations.add(occupation)
    StudioFactory()
    filterset = StudioFilterSet({"occupation": "6-04-01-01"}, queryset=Studio.objects.all())
    assert list(filterset.qs) == [wanted]


def test_an_ambiguous_identifier_in_an_api_url_is_not_found_and_says_why(
    two_occupations_sharing_a_2015_code,
):
    response = client_with().get(url("occupations", "6-04-01-01"))
    assert response.status_code == 404
    assert "对应多条职业" in response.json()["message"]


def test_an_unknown_identifier_in_an_api_url_is_not_found():
    response = client_with().get(url("districts", "火星区"))
    assert response.status_code == 404
    assert response.json()["message"] == "没有找到该记录。"
