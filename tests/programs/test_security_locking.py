"""Two staff editing one record: the second save is refused (admin form, API If-Match)."""

import pytest
from django.urls import reverse

from portal.publishing import services
from portal.publishing.access import Role
from portal.publishing.choices import PublicationState
from programs.models import Program
from tests.api_mixin import client_with, token_for
from tests.factories import ProgramFactory, admin_form_data, staff_with_role

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("staff_roles")]


@pytest.fixture
def bureau():
    return staff_with_role(Role.BUREAU_ADMIN, username="chen")


@pytest.fixture
def program():
    return ProgramFactory(title="焊工培训", publication_state=PublicationState.DRAFT)


def test_every_save_moves_the_version_on(program):
    start = program.version
    program.title = "焊工培训（第二期）"
    program.save()
    program.save(update_fields=["title"])
    program.refresh_from_db()
    assert program.version == start + 2


def test_a_workflow_step_moves_the_version_on(program, bureau):
    start = program.version
    services.submit_record(record=program, user=bureau)
    program.refresh_from_db()
    assert program.version == start + 1


def change_url(program):
    return reverse("admin:programs_program_change", args=[program.pk])


def test_the_second_of_two_admin_edits_is_refused_and_the_first_is_kept(client, bureau, program):
    client.force_login(bureau)
    first = admin_form_data(client.get(change_url(program)), title="甲的修改")
    second = admin_form_data(client.get(change_url(program)), title="乙的修改")
    assert client.post(change_url(program), first).status_code == 302
    response = client.post(change_url(program), second)
    assert response.status_code == 200
    assert "已被他人修改" in response.content.decode()
    program.refresh_from_db()
    assert program.title == "甲的修改"


def test_an_admin_edit_from_the_current_version_is_saved(client, bureau, program):
    client.force_login(bureau)
    data = admin_form_data(client.get(change_url(program)), title="新名称")
    assert client.post(change_url(program), data).status_code == 302
    program.refresh_from_db()
    assert program.title == "新名称"


def test_a_record_detail_carries_its_version_in_the_etag(program):
    program.publication_state = PublicationState.PUBLISHED
    program.save()
    response = client_with().get(f"/api/v1/programs/{program.slug}/")
    assert response["ETag"].startswith(f'"v{program.version}-')


@pytest.fixture
def api(bureau):
    return client_with(token_for(bureau))


def test_a_stale_if_match_gets_412_and_changes_nothing(api, program):
    url = f"/api/v1/programs/{program.slug}/"
    etag = api.get(url)["ETag"]
    assert api.patch(url, {"title": "先到的修改"}, HTTP_IF_MATCH=etag).status_code == 200
    response = api.patch(url, {"title": "后到的修改"}, HTTP_IF_MATCH=etag)
    assert response.status_code == 412
    body = response.json()
    assert body["status"] == 412 and body["code"] == "precondition_failed"
    assert "已被他人修改" in body["message"]
    assert Program.objects.get(pk=program.pk).title == "先到的修改"


def test_the_etag_a_write_returns_allows_the_next_write(api, program):
    url = f"/api/v1/programs/{program.slug}/"
    etag = api.patch(url, {"title": "第一次"}, HTTP_IF_MATCH=api.get(url)["ETag"])["ETag"]
    assert api.patch(url, {"title": "第二次"}, HTTP_IF_MATCH=etag).status_code == 200


def test_the_etag_a_write_returns_is_the_one_a_read_of_the_record_gives(api, program):
    url = f"/api/v1/programs/{program.slug}/"
    written = api.patch(url, {"title": "第一次"}, HTTP_IF_MATCH=api.get(url)["ETag"])
    assert written["ETag"] == api.get(url)["ETag"]


def test_put_is_not_offered_a_write_is_a_patch(api, program):
    url = f"/api/v1/programs/{program.slug}/"
    response = api.put(url, {"title": "整条替换"}, format="json")
    assert response.status_code == 405
    assert "PATCH" in response["Allow"] and "PUT" not in response["Allow"]


def test_a_stale_if_match_on_delete_keeps_the_record(api, program):
    url = f"/api/v1/programs/{program.slug}/"
    etag = api.get(url)["ETag"]
    api.patch(url, {"title": "改过了"})
    assert api.delete(url, HTTP_IF_MATCH=etag).status_code == 412
    assert Program.objects.filter(pk=program.pk).exists()


def test_the_openapi_document_describes_if_match_and_412():
    schema = client_with().get("/api/schema/?format=json").json()
    patch = schema["paths"]["/api/v1/programs/{identifier}/"]["patch"]
    assert any(p["name"] == "If-Match" and p["in"] == "header" for p in patch["parameters"])
    assert "412" in patch["responses"]


def test_an_import_that_updates_a_record_moves_its_version_on(bureau):
    from portal.importing import import_table, read_table
    from talent.models import Craftsman
    from talent.resources import CraftsmanResource
    from tests.factories import DistrictFactory

    DistrictFactory(name="渝中区", code="500103")
    header = "姓名,性别,工作单位,职业,技能等级,所在区县,公开依据\n"

    def run(row):
        table = read_table(name="people.csv", content=(header + row).encode())
        report = import_table(resource=CraftsmanResource(), table=table, user=bureau, commit=True)
        assert report.ok, report.bad_rows

    run("王师傅,男,,,,渝中区,\n")
    run("王师傅,男,,,技师,渝中区,\n")
    person = Craftsman.objects.get(name="王师傅")
    assert (person.skill_level, person.version) == ("technician", 2)
