"""Roles and district scope: the rules the admin and the API both ask."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import translation

from portal.publishing import access
from portal.publishing.access import Role
from portal.publishing.choices import PublicationState
from portal.vocabulary.models import District, Organization
from tests.factories import (
    CompetitionResultFactory,
    CraftsmanFactory,
    DistrictFactory,
    OrganizationFactory,
    staff_with_role,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("staff_roles")]


def test_setup_roles_creates_the_four_groups_and_can_run_again():
    before = {
        g.name: set(g.permissions.values_list("codename", flat=True)) for g in Group.objects.all()
    }
    call_command("setup_roles", verbosity=0)
    after = {
        g.name: set(g.permissions.values_list("codename", flat=True)) for g in Group.objects.all()
    }
    assert set(after) == {"市局管理员", "市局审核员", "区县编辑", "接口对接方"}
    assert before == after


def test_setup_roles_takes_back_a_permission_added_by_hand():
    group = Group.objects.get(name="区县编辑")
    group.permissions.add(
        *Group.objects.get(name="市局管理员").permissions.filter(codename="delete_craftsman")
    )
    call_command("setup_roles", verbosity=0)
    assert not group.permissions.filter(codename="delete_craftsman").exists()


def test_roles_are_recognised_when_the_request_speaks_english():
    user = staff_with_role(Role.DISTRICT_EDITOR, district=DistrictFactory())
    with translation.override("en"):
        assert access.is_district_editor(user)


def test_a_district_editor_may_pick_only_its_own_district():
    own, other = DistrictFactory(), DistrictFactory()
    user = staff_with_role(Role.DISTRICT_EDITOR, district=own)
    assert list(access.choosable_queryset(user, District.objects.all())) == [own]
    assert other not in access.choosable_queryset(user, District.objects.all())


def test_a_district_editor_may_pick_municipal_organizations_but_not_another_districts():
    own, other = DistrictFactory(), DistrictFactory()
    user = staff_with_role(Role.DISTRICT_EDITOR, district=own)
    mine = OrganizationFactory(district=own)
    municipal = OrganizationFactory(district=None)
    theirs = OrganizationFactory(district=other)
    choosable = set(access.choosable_queryset(user, Organization.objects.all()))
    assert {mine, municipal} <= choosable
    assert theirs not in choosable


def test_a_district_editor_cannot_edit_a_result_of_a_published_competition():
    own = DistrictFactory()
    user = staff_with_role(Role.DISTRICT_EDITOR, district=own)
    result = CompetitionResultFactory(event__competition__district=own)
    assert result.event.competition.publication_state == PublicationState.PUBLISHED
    assert not access.can_edit(user, result)


def test_a_district_editor_can_edit_a_result_of_its_draft_competition():
    own = DistrictFactory()
    user = staff_with_role(Role.DISTRICT_EDITOR, district=own)
    result = CompetitionResultFactory(
        event__competition__district=own,
        event__competition__publication_state=PublicationState.DRAFT,
    )
    assert access.can_edit(user, result)


def test_a_district_editor_cannot_set_the_published_state():
    user = staff_with_role(Role.DISTRICT_EDITOR, district=DistrictFactory())
    assert access.can_set_state(user, PublicationState.SUBMITTED)
    assert not access.can_set_state(user, PublicationState.PUBLISHED)


def test_a_reviewer_can_edit_any_districts_published_record():
    reviewer = staff_with_role(Role.BUREAU_REVIEWER)
    assert access.can_edit(reviewer, CraftsmanFactory())
