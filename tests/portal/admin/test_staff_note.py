"""Editors keep their remarks in the admin form of every publishable record (staff_note);
the public never sees them (tests/portal/test_public_content_sweep.py)."""

import pytest
from django.urls import reverse

from portal.publishing.access import Role
from tests.factories import (
    CompetitionFactory,
    CraftsmanFactory,
    HonorAwardFactory,
    ProgramFactory,
    ShortageListFactory,
    StudioFactory,
    TrainingBaseFactory,
    staff_with_role,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("staff_roles")]


@pytest.mark.parametrize(
    "factory",
    [
        CompetitionFactory,
        CraftsmanFactory,
        HonorAwardFactory,
        ProgramFactory,
        ShortageListFactory,
        StudioFactory,
        TrainingBaseFactory,
    ],
)
def test_the_change_form_of_a_publishable_record_shows_its_staff_note_and_source_link(
    client, factory
):
    record = factory(staff_note="待核对官方名单", source_url="https://rlsbj.cq.gov.cn/x.html")
    client.force_login(staff_with_role(Role.BUREAU_ADMIN))
    opts = record._meta
    response = client.get(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'name="staff_note"' in body
    assert "待核对官方名单" in body
    assert 'name="source_url"' in body
