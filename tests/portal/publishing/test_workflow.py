"""The publication workflow: allowed and refused transitions, bulk reports, history rows."""

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from portal.publishing import services
from portal.publishing.access import Role
from portal.publishing.choices import PublicationState as S
from tests.factories import (
    CompetitionEventFactory,
    CompetitionFactory,
    CraftsmanFactory,
    DistrictFactory,
    ProgramFactory,
    TrainingBaseFactory,
    admin_form_data,
    staff_with_role,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("staff_roles")]


@pytest.fixture
def district():
    return DistrictFactory()


@pytest.fixture
def editor(district):
    return staff_with_role(Role.DISTRICT_EDITOR, district=district)


@pytest.fixture
def reviewer():
    return staff_with_role(Role.BUREAU_REVIEWER, username="reviewer")


def test_a_district_editor_submits_its_draft(district, editor):
    craftsman = CraftsmanFactory(district=district, publication_state=S.DRAFT)
    services.submit_record(record=craftsman, user=editor)
    craftsman.refresh_from_db()
    assert craftsman.publication_state == S.SUBMITTED


def test_a_district_editor_cannot_publish(district, editor):
    craftsman = CraftsmanFactory(district=district, publication_state=S.SUBMITTED)
    with pytest.raises(PermissionDenied):
        services.publish_record(record=craftsman, user=editor)
    craftsman.refresh_from_db()
    assert craftsman.publication_state == S.SUBMITTED


def test_a_district_editor_cannot_withdraw_a_published_record(district, editor):
    craftsman = CraftsmanFactory(district=district)
    with pytest.raises(PermissionDenied):
        services.return_to_draft(record=craftsman, user=editor)


def test_a_district_editor_withdraws_its_submission(district, editor):
    craftsman = CraftsmanFactory(district=district, publication_state=S.SUBMITTED)
    services.return_to_draft(record=craftsman, user=editor)
    craftsman.refresh_from_db()
    assert craftsman.publication_state == S.DRAFT


def test_a_reviewer_publishes_and_the_record_says_who_and_when(reviewer):
    craftsman = CraftsmanFactory(publication_state=S.SUBMITTED)
    services.publish_record(record=craftsman, user=reviewer)
    craftsman.refresh_from_db()
    assert craftsman.publication_state == S.PUBLISHED
    assert craftsman.published_by == reviewer
    assert craftsman.published_at is not None


def test_a_reviewer_archives_a_published_record(reviewer):
    craftsman = CraftsmanFactory()
    services.archive_record(record=craftsman, user=reviewer)
    craftsman.refresh_from_db()
    assert craftsman.publication_state == S.ARCHIVED


def test_a_draft_cannot_be_archived(reviewer):
    craftsman = CraftsmanFactory(publication_state=S.DRAFT)
    with pytest.raises(ValidationError, match="草稿"):
        services.archive_record(record=craftsman, user=reviewer)


def test_a_submitted_record_cannot_be_submitted_again(reviewer):
    craftsman = CraftsmanFactory(publication_state=S.SUBMITTED)
    with pytest.raises(ValidationError):
        services.submit_record(record=craftsman, user=reviewer)


def test_a_craftsman_without_a_basis_cannot_be_published_and_the_message_says_so(reviewer):
    craftsman = CraftsmanFactory(publication_state=S.SUBMITTED, no_basis=True)
    with pytest.raises(ValidationError, match="公开依据"):
        services.publish_record(record=craftsman, user=reviewer)
    craftsman.refresh_from_db()
    assert craftsman.publication_state == S.SUBMITTED


def test_a_program_missing_how_to_apply_cannot_be_published(reviewer):
    program = ProgramFactory(publication_state=S.SUBMITTED, summary="简介", how_to_apply="")
    with pytest.raises(ValidationError, match="报名方式"):
        services.publish_record(record=program, user=reviewer)


def test_a_competition_without_events_cannot_be_published(reviewer):
    competition = CompetitionFactory(publication_state=S.SUBMITTED)
    with pytest.raises(ValidationError, match="赛项"):
        services.publish_record(record=competition, user=reviewer)
    CompetitionEventFactory(competition=competition)
    services.publish_record(record=competition, user=reviewer)
    assert competition.publication_state == S.PUBLISHED


def test_a_record_failing_validation_cannot_be_published(reviewer):
    program = ProgramFactory(
        publication_state=S.SUBMITTED, slug="带 空格的标识", summary="简介", how_to_apply="电话"
    )
    with pytest.raises(ValidationError, match="标识"):
        services.publish_record(record=program, user=reviewer)


def test_the_bulk_publish_action_reports_successes_and_each_failure(client, reviewer):
    good = CraftsmanFactory(publication_state=S.SUBMITTED, name="可发布")
    bad = CraftsmanFactory(publication_state=S.SUBMITTED, no_basis=True, name="未同意")
    client.force_login(reviewer)
    response = client.post(
        reverse("admin:talent_craftsman_changelist"),
        {"action": "publish_selected", "_selected_action": [good.pk, bad.pk]},
    )
    texts = [str(message) for message in get_messages(response.wsgi_request)]
    assert any("成功 1 条" in text for text in texts)
    assert any("失败 1 条" in text and "未同意" in text and "公开依据" in text for text in texts)
    good.refresh_from_db()
    bad.refresh_from_db()
    assert (good.publication_state, bad.publication_state) == (S.PUBLISHED, S.SUBMITTED)


def test_the_publish_button_on_the_change_form_publishes(client, reviewer):
    base = TrainingBaseFactory(publication_state=S.SUBMITTED)
    url = reverse("admin:programs_trainingbase_change", args=[base.pk])
    client.force_login(reviewer)
    form = client.get(url)
    assert "publish" in {step.name for step in form.context["workflow_transitions"]}
    client.post(url, admin_form_data(form, _workflow="publish"))
    base.refresh_from_db()
    assert base.publication_state == S.PUBLISHED


def test_a_district_editor_is_offered_only_submit_on_its_draft(client, district, editor):
    base = TrainingBaseFactory(district=district, publication_state=S.DRAFT)
    client.force_login(editor)
    form = client.get(reverse("admin:programs_trainingbase_change", args=[base.pk]))
    assert [step.name for step in form.context["workflow_transitions"]] == ["submit"]


# -- history --------------------------------------------------------------------------------


def test_an_admin_edit_writes_a_history_row_with_the_user_and_the_changed_field(client, reviewer):
    base = TrainingBaseFactory(name="旧名")
    url = reverse("admin:programs_trainingbase_change", args=[base.pk])
    client.force_login(reviewer)
    client.post(url, admin_form_data(client.get(url), name="新名"))
    latest, previous = base.history.all()[:2]
    assert latest.history_user == reviewer
    assert [change.field for change in latest.diff_against(previous).changes] == ["name"]


def test_a_bulk_action_writes_a_history_row_per_record_with_the_user(client, reviewer):
    records = CraftsmanFactory.create_batch(2, publication_state=S.SUBMITTED)
    client.force_login(reviewer)
    client.post(
        reverse("admin:talent_craftsman_changelist"),
        {"action": "publish_selected", "_selected_action": [r.pk for r in records]},
    )
    for record in records:
        latest = record.history.first()
        assert latest.history_user == reviewer
        assert latest.history_change_reason == "发布"
        assert latest.publication_state == S.PUBLISHED


def test_the_history_page_shows_who_changed_which_field(client, reviewer):
    base = TrainingBaseFactory(name="旧名")
    url = reverse("admin:programs_trainingbase_change", args=[base.pk])
    client.force_login(reviewer)
    client.post(url, admin_form_data(client.get(url), name="新名"))
    page = client.get(reverse("admin:programs_trainingbase_history", args=[base.pk]))
    text = page.content.decode()
    assert "reviewer" in text
    assert "旧名" in text and "新名" in text
