import pytest
from django.db import IntegrityError, transaction

from portal.publishing.choices import PublicationState
from portal.vocabulary.models import District, Occupation, Organization
from programs.models import Program
from tests.factories import (
    DistrictFactory,
    OccupationFactory,
    OrganizationFactory,
    ProgramFactory,
)
from tests.helpers import assert_database_refuses, assert_invalid

pytestmark = pytest.mark.django_db


def test_a_district_code_must_be_six_digits_starting_with_50():
    district = District(code="110101", name="东城区", kind="district", slug="dongcheng")
    assert_invalid(district, "__all__", "50 开头的 6 位代码")
    assert_database_refuses(district)


def test_a_functional_zone_has_no_gb_code():
    zone = District(code="500199", name="某新区", kind="zone", slug="some-zone")
    assert_invalid(zone, "__all__", "功能区不填代码")
    assert_database_refuses(zone)


def test_a_functional_zone_without_a_code_is_valid():
    District(name="两江新区", kind="zone", slug="liangjiang").full_clean()


def test_district_names_are_unique():
    DistrictFactory(name="渝中区")
    assert_invalid(
        District(code="500199", name="渝中区", kind="district", slug="x"), "name", "已存在"
    )


def test_an_occupation_code_in_the_wrong_format_is_refused_by_form_and_database():
    occupation = Occupation(code="6-18-1-01", name="车工")
    assert_invalid(occupation, "code", "D-DD-DD-DD")
    assert_database_refuses(occupation)


def test_a_former_occupation_code_in_the_wrong_format_is_refused():
    occupation = Occupation(code="2-02-38-05", former_code="2-2-07-13", name="智能制造工程技术人员")
    assert_invalid(occupation, "former_code", "D-DD-DD-DD")
    assert_database_refuses(occupation)


def test_an_occupation_may_have_no_code_when_none_is_published():
    occupation = Occupation(code="", name="继电器制造工")
    occupation.full_clean()
    occupation.save()
    assert occupation.code is None
    assert occupation.major_group is None


def test_an_occupation_knows_its_major_group_from_the_code():
    assert OccupationFactory(code="4-04-05-05").major_group == 4


def test_two_occupations_cannot_share_a_code():
    OccupationFactory(code="6-18-01-01")
    with pytest.raises(IntegrityError), transaction.atomic():
        Occupation.objects.create(code="6-18-01-01", name="另一个名称")


def test_an_organization_with_a_bad_credit_code_check_character_is_refused():
    organization = Organization(name="某公司", credit_code="91350100M000100Y44")
    assert_invalid(organization, "credit_code", "校验位错误")


def test_the_database_refuses_a_credit_code_that_is_not_18_characters():
    organization = Organization(name="某公司", credit_code="123")
    assert_database_refuses(organization)


def test_an_organization_may_have_no_credit_code():
    organization = Organization(name="某培训学校", credit_code="")
    organization.full_clean()
    organization.save()
    assert organization.credit_code is None


def test_two_organizations_cannot_share_a_credit_code():
    existing = OrganizationFactory()
    duplicate = Organization(name="另一单位", credit_code=existing.credit_code)
    assert_invalid(duplicate, "credit_code", "已存在")


def test_published_returns_only_published_records():
    shown = ProgramFactory(publication_state=PublicationState.PUBLISHED)
    for state in (PublicationState.DRAFT, PublicationState.SUBMITTED, PublicationState.ARCHIVED):
        ProgramFactory(publication_state=state)
    assert list(Program.objects.published()) == [shown]


def test_every_record_keeps_created_and_updated_timestamps():
    program = ProgramFactory()
    first_update = program.updated
    program.title = "改名后的项目"
    program.save()
    program.refresh_from_db()
    assert program.created <= first_update < program.updated


def test_a_vocabulary_record_in_use_cannot_be_deleted():
    district = DistrictFactory()
    OrganizationFactory(district=district)
    with pytest.raises(IntegrityError), transaction.atomic():
        district.delete()


def test_a_work_type_name_is_unique_within_its_occupation():
    from portal.vocabulary.models import WorkType

    occupation = OccupationFactory()
    WorkType.objects.create(occupation=occupation, name="数控车工")
    again = WorkType(occupation=occupation, name="数控车工")
    assert_invalid(again, "__all__", "该职业下已有同名工种")
    assert_database_refuses(again)


def test_a_staff_member_has_one_profile():
    from portal.publishing.models import StaffProfile
    from tests.factories import StaffProfileFactory

    profile = StaffProfileFactory()
    assert_database_refuses(StaffProfile(user=profile.user))


def test_an_api_token_keeps_only_the_hash_of_its_key():
    from portal.api.models import ApiToken
    from tests.factories import UserFactory

    token, key = ApiToken.issue(name="区县系统", owner=UserFactory(), scope=ApiToken.Scope.WRITE)
    stored = ApiToken.objects.get(pk=token.pk)
    assert key not in (stored.key_hash, stored.prefix)
    assert stored.key_hash == ApiToken.hash_key(key)
