"""The back office permission matrix, and every forbidden move a district editor might try."""

import pytest
from django.urls import reverse

from portal.publishing.access import Role
from portal.publishing.choices import PublicationState
from programs.models import TrainingBase
from talent.models import Craftsman, HonorAward
from tests.factories import (
    CompetitionEventFactory,
    CompetitionFactory,
    CompetitionResultFactory,
    CraftsmanFactory,
    DistrictFactory,
    HonorAwardFactory,
    HonorTitleFactory,
    OccupationFactory,
    OrganizationFactory,
    ProgramFactory,
    ProgramTargetGroupFactory,
    ShortageEntryFactory,
    ShortageListFactory,
    StudioFactory,
    TrainingBaseFactory,
    admin_form_data,
    staff_with_role,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("staff_roles")]
DRAFT = PublicationState.DRAFT


@pytest.fixture
def own():
    return DistrictFactory(name="渝中区测试", code="500103")


@pytest.fixture
def other():
    return DistrictFactory(name="江北区测试", code="500105")


@pytest.fixture
def editor(own):
    return staff_with_role(Role.DISTRICT_EDITOR, district=own, username="yuzhong-editor")


def program_in(district, **kwargs):
    program = ProgramFactory(**kwargs)
    program.districts.add(district)
    return program


def target_group_in(district, **kwargs):
    return ProgramTargetGroupFactory(program=program_in(district, **kwargs))


# Records a district editor works on: how to make one in a district (as a draft where it has
# its own state, or under a draft parent).
SCOPED = {
    "portal_organization": lambda d: OrganizationFactory(district=d),
    "talent_craftsman": lambda d: CraftsmanFactory(district=d, publication_state=DRAFT),
    "talent_honoraward": lambda d: HonorAwardFactory(
        craftsman__district=d, publication_state=DRAFT
    ),
    "talent_studio": lambda d: StudioFactory(district=d, publication_state=DRAFT),
    "talent_competition": lambda d: CompetitionFactory(district=d, publication_state=DRAFT),
    "talent_competitionevent": lambda d: CompetitionEventFactory(
        competition__district=d, competition__publication_state=DRAFT
    ),
    "talent_competitionresult": lambda d: CompetitionResultFactory(
        event__competition__district=d,
        event__competition__publication_state=DRAFT,
        craftsman__district=d,
    ),
    "programs_trainingbase": lambda d: TrainingBaseFactory(district=d, publication_state=DRAFT),
    "programs_program": lambda d: program_in(d, publication_state=DRAFT),
    "programs_programtargetgroup": lambda d: target_group_in(d, publication_state=DRAFT),
}
BUREAU_ONLY = {
    "programs_shortagelist": lambda d: ShortageListFactory(),
    "programs_shortageentry": lambda d: ShortageEntryFactory(),
}
VOCABULARY = {
    "portal_district": lambda d: d,
    "portal_occupation": lambda d: OccupationFactory(),
    "portal_industrycluster": None,
    "portal_worktype": None,
    "talent_honortitle": lambda d: HonorTitleFactory(),
}
EVERY_MODEL = [*SCOPED, *BUREAU_ONLY, *VOCABULARY]

# role -> admin name -> expected status of the changelist
EXPECTED_LIST = {
    Role.BUREAU_ADMIN: dict.fromkeys(EVERY_MODEL, 200),
    Role.BUREAU_REVIEWER: dict.fromkeys(EVERY_MODEL, 200),
    Role.DISTRICT_EDITOR: {
        **dict.fromkeys(SCOPED, 200),
        **dict.fromkeys(BUREAU_ONLY, 403),
        **dict.fromkeys(VOCABULARY, 200),
    },
    Role.INTEGRATOR: dict.fromkeys(EVERY_MODEL, 403),
}
# role -> admin name -> expected status of the add page
EXPECTED_ADD = {
    Role.BUREAU_ADMIN: dict.fromkeys(EVERY_MODEL, 200),
    Role.BUREAU_REVIEWER: dict.fromkeys(EVERY_MODEL, 200),
    Role.DISTRICT_EDITOR: {
        **dict.fromkeys(SCOPED, 200),
        **dict.fromkeys(BUREAU_ONLY, 403),
        **dict.fromkeys(VOCABULARY, 403),
    },
    Role.INTEGRATOR: dict.fromkeys(EVERY_MODEL, 403),
}


def user_for(role, district):
    return staff_with_role(role, district=district if role == Role.DISTRICT_EDITOR else None)


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("name", EVERY_MODEL)
def test_each_role_reaches_each_changelist_as_the_matrix_says(client, own, role, name):
    client.force_login(user_for(role, own))
    response = client.get(reverse(f"admin:{name}_changelist"))
    assert response.status_code == EXPECTED_LIST[role][name]


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("name", EVERY_MODEL)
def test_each_role_may_add_records_as_the_matrix_says(client, own, role, name):
    client.force_login(user_for(role, own))
    response = client.get(reverse(f"admin:{name}_add"))
    assert response.status_code == EXPECTED_ADD[role][name]


@pytest.mark.parametrize("name", list(SCOPED))
def test_a_district_editor_opens_its_own_districts_draft(client, own, editor, name):
    record = SCOPED[name](own)
    client.force_login(editor)
    response = client.get(reverse(f"admin:{name}_change", args=[record.pk]))
    assert response.status_code == 200
    assert response.context["has_change_permission"]


@pytest.mark.parametrize("name", list(SCOPED))
def test_a_district_editor_cannot_open_another_districts_record(client, other, editor, name):
    record = SCOPED[name](other)
    client.force_login(editor)
    response = client.get(reverse(f"admin:{name}_change", args=[record.pk]))
    # The admin answers as if the record did not exist: back to the index, nothing shown.
    assert response.status_code == 302
    assert response.url == reverse("admin:index")


@pytest.mark.parametrize("name", list(SCOPED))
def test_a_district_editor_cannot_read_another_districts_history(client, other, editor, name):
    record = SCOPED[name](other)
    client.force_login(editor)
    response = client.get(reverse(f"admin:{name}_history", args=[record.pk]))
    assert response.status_code in (302, 403, 404)


@pytest.mark.parametrize("name", list(SCOPED))
def test_a_district_editors_list_shows_only_its_district(client, own, other, editor, name):
    mine, theirs = SCOPED[name](own), SCOPED[name](other)
    client.force_login(editor)
    response = client.get(reverse(f"admin:{name}_changelist"))
    shown = {obj.pk for obj in response.context["cl"].result_list}
    assert shown == {mine.pk}
    assert theirs.pk not in shown


@pytest.mark.parametrize("role", list(Role))
def test_only_bureau_and_district_staff_see_the_admin_index_apps(client, own, role):
    client.force_login(user_for(role, own))
    response = client.get(reverse("admin:index"))
    assert bool(response.context["app_list"]) == (role != Role.INTEGRATOR)


# -- forbidden moves -------------------------------------------------------------------------


def change_url(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def test_a_district_editor_cannot_move_a_record_to_another_district(client, own, other, editor):
    base = TrainingBaseFactory(district=own, publication_state=DRAFT)
    client.force_login(editor)
    form = client.get(change_url(base))
    response = client.post(change_url(base), admin_form_data(form, district=str(other.pk)))
    assert response.status_code == 200  # the form comes back with an error
    assert "district" in response.context["adminform"].form.errors
    base.refresh_from_db()
    assert base.district == own


def test_a_district_editor_cannot_create_a_record_in_another_district(client, other, editor):
    client.force_login(editor)
    response = client.post(
        reverse("admin:programs_trainingbase_add"),
        {"name": "越界基地", "kind": TrainingBase.Kind.HIGH_SKILL_BASE, "district": other.pk},
    )
    assert response.status_code == 200
    assert not TrainingBase.objects.filter(name="越界基地").exists()


def test_a_district_editor_cannot_create_a_record_without_a_district(client, editor):
    client.force_login(editor)
    client.post(
        reverse("admin:programs_trainingbase_add"),
        {"name": "无区县基地", "kind": TrainingBase.Kind.HIGH_SKILL_BASE},
    )
    assert not TrainingBase.objects.filter(name="无区县基地").exists()


def test_a_district_editor_creates_a_draft_in_its_own_district(client, own, editor):
    client.force_login(editor)
    response = client.post(
        reverse("admin:programs_trainingbase_add"),
        {"name": "本区基地", "kind": TrainingBase.Kind.HIGH_SKILL_BASE, "district": own.pk},
    )
    assert response.status_code == 302
    base = TrainingBase.objects.get(name="本区基地")
    assert (base.district, base.publication_state) == (own, DRAFT)


def test_a_district_editor_cannot_set_the_publication_state_through_the_form(client, own, editor):
    base = TrainingBaseFactory(district=own, publication_state=DRAFT)
    client.force_login(editor)
    form = client.get(change_url(base))
    client.post(change_url(base), admin_form_data(form, publication_state="published"))
    base.refresh_from_db()
    assert base.publication_state == DRAFT


def test_a_district_editor_cannot_publish_with_the_bulk_action(client, own, editor):
    craftsman = CraftsmanFactory(district=own, publication_state=PublicationState.SUBMITTED)
    client.force_login(editor)
    client.post(
        reverse("admin:talent_craftsman_changelist"),
        {"action": "publish_selected", "_selected_action": [craftsman.pk]},
    )
    craftsman.refresh_from_db()
    assert craftsman.publication_state == PublicationState.SUBMITTED


def test_a_district_editor_is_not_offered_the_publish_action(client, editor):
    client.force_login(editor)
    response = client.get(reverse("admin:talent_craftsman_changelist"))
    offered = {name for name, _label in response.context["action_form"].fields["action"].choices}
    assert "submit_selected" in offered
    assert "publish_selected" not in offered


def test_a_district_editor_cannot_publish_with_the_change_form_button(client, own, editor):
    base = TrainingBaseFactory(district=own, publication_state=PublicationState.SUBMITTED)
    client.force_login(editor)
    form = client.get(change_url(base))
    client.post(change_url(base), admin_form_data(form, _workflow="publish"))
    base.refresh_from_db()
    assert base.publication_state == PublicationState.SUBMITTED


def test_a_district_editor_cannot_edit_its_districts_published_record(client, own, editor):
    base = TrainingBaseFactory(district=own, name="已发布基地")
    client.force_login(editor)
    response = client.post(
        change_url(base), {"name": "改名", "kind": base.kind, "district": own.pk}
    )
    assert response.status_code == 403
    base.refresh_from_db()
    assert base.name == "已发布基地"


def test_a_district_editor_sees_its_published_record_read_only(client, own, editor):
    base = TrainingBaseFactory(district=own)
    client.force_login(editor)
    response = client.get(change_url(base))
    assert response.status_code == 200
    assert not response.context["has_change_permission"]


def test_a_district_editor_cannot_delete_a_record(client, own, editor):
    craftsman = CraftsmanFactory(district=own, publication_state=DRAFT)
    client.force_login(editor)
    response = client.post(
        reverse("admin:talent_craftsman_delete", args=[craftsman.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert Craftsman.objects.filter(pk=craftsman.pk).exists()


def test_a_district_editor_cannot_award_another_districts_craftsman(client, other, editor):
    theirs = CraftsmanFactory(district=other)
    title = HonorTitleFactory()
    client.force_login(editor)
    response = client.post(
        reverse("admin:talent_honoraward_add"),
        {"craftsman": theirs.pk, "title": title.pk, "year": 2025},
    )
    assert response.status_code == 200
    assert "craftsman" in response.context["adminform"].form.errors
    assert not HonorAward.objects.filter(craftsman=theirs).exists()


def test_a_district_editor_cannot_edit_the_shortage_catalogue(client, editor):
    shortage_list = ShortageListFactory(publication_state=DRAFT)
    client.force_login(editor)
    response = client.post(change_url(shortage_list), {"title": "改名", "year": shortage_list.year})
    assert response.status_code == 403


def test_a_district_editors_district_autocomplete_offers_only_its_district(
    client, own, other, editor
):
    client.force_login(editor)
    response = client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "talent",
            "model_name": "craftsman",
            "field_name": "district",
            "term": "",
        },
    )
    offered = {item["text"] for item in response.json()["results"]}
    assert offered == {own.name}


def test_a_district_editors_craftsman_autocomplete_hides_other_districts(
    client, own, other, editor
):
    CraftsmanFactory(district=own, name="本区工匠")
    CraftsmanFactory(district=other, name="外区工匠")
    client.force_login(editor)
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "talent", "model_name": "honoraward", "field_name": "craftsman", "term": ""},
    )
    offered = {item["text"] for item in response.json()["results"]}
    assert offered == {"本区工匠"}


def test_a_district_editor_cannot_export_another_districts_records(client, own, other, editor):
    CraftsmanFactory(district=own, name="本区工匠")
    CraftsmanFactory(district=other, name="外区工匠")
    client.force_login(editor)
    response = client.get(reverse("admin:talent_craftsman_export", args=["csv"]))
    text = response.content.decode("utf-8-sig")
    assert "本区工匠" in text
    assert "外区工匠" not in text


def test_an_integrator_cannot_open_any_record(client, own):
    integrator = user_for(Role.INTEGRATOR, own)
    craftsman = CraftsmanFactory()
    client.force_login(integrator)
    assert client.get(change_url(craftsman)).status_code in (302, 403)


def test_a_reviewer_edits_another_districts_published_record(client, other):
    base = TrainingBaseFactory(district=other, name="旧名")
    client.force_login(user_for(Role.BUREAU_REVIEWER, None))
    form = client.get(change_url(base))
    response = client.post(change_url(base), admin_form_data(form, name="新名"))
    assert response.status_code == 302
    base.refresh_from_db()
    assert base.name == "新名"


# -- list cost ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(SCOPED))
def test_a_changelist_costs_the_same_queries_for_two_rows_as_for_one(
    client, own, editor, name, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    SCOPED[name](own)
    client.force_login(editor)
    url = reverse(f"admin:{name}_changelist")
    client.get(url)  # warm the session and content types
    with CaptureQueriesContext(connection) as one_row:
        client.get(url)
    SCOPED[name](own)
    with django_assert_num_queries(len(one_row)):
        client.get(url)
