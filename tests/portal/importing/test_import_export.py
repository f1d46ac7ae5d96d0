"""Spreadsheet import (preview, all-or-nothing, encodings, scope) and export (BOM, formulas)."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from portal.importing import import_table, read_table
from portal.publishing.access import Role
from portal.publishing.choices import PublicationState as S
from programs.resources import (
    ProgramResource,
    ShortageEntryResource,
    TrainingBaseResource,
)
from talent.models import Craftsman
from talent.resources import (
    CompetitionResultResource,
    CraftsmanResource,
    HonorAwardResource,
    StudioResource,
)
from tests.factories import (
    CraftsmanFactory,
    DistrictFactory,
    HonorTitleFactory,
    OccupationFactory,
    OrganizationFactory,
    staff_with_role,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("staff_roles")]

TEMPLATES = {
    "craftsmen.csv": CraftsmanResource,
    "honor_awards.csv": HonorAwardResource,
    "studios.csv": StudioResource,
    "training_bases.csv": TrainingBaseResource,
    "programs.csv": ProgramResource,
    "competition_results.csv": CompetitionResultResource,
    "shortage_entries.csv": ShortageEntryResource,
}
HEADER = "姓名,性别,工作单位,职业,技能等级,所在区县,公开依据\n"


@pytest.fixture
def admin_user():
    return staff_with_role(Role.BUREAU_ADMIN, username="bureau-admin")


@pytest.fixture
def vocabulary():
    district = DistrictFactory(name="渝中区", code="500103")
    organization = OrganizationFactory(name="重庆测试机床有限公司", district=district)
    occupation = OccupationFactory(code="6-18-01-01", name="车工")
    return district, organization, occupation


def run(resource, text, user, *, commit=True, encoding="utf-8", name="file.csv"):
    table = read_table(name=name, content=text.encode(encoding))
    return import_table(resource=resource(), table=table, user=user, commit=commit)


def test_a_good_file_creates_every_row_as_a_draft(admin_user, vocabulary):
    credit_code = vocabulary[1].credit_code
    text = HEADER + "王师傅,男,重庆测试机床有限公司,6-18-01-01,技师,渝中区,\n"
    text += f"李师傅,女,{credit_code},车工,高级技师（一级）,500103,\n"
    report = run(CraftsmanResource, text, admin_user)
    assert report.ok, report.bad_rows
    assert report.count("create") == 2
    wang = Craftsman.objects.get(name="王师傅")
    assert (wang.occupation.code, wang.district.name, wang.skill_level) == (
        "6-18-01-01",
        "渝中区",
        "technician",
    )
    assert wang.publication_state == S.DRAFT


def test_an_import_writes_a_history_row_per_record_with_the_user(admin_user, vocabulary):
    run(CraftsmanResource, HEADER + "王师傅,男,重庆测试机床有限公司,车工,,渝中区,\n", admin_user)
    row = Craftsman.objects.get(name="王师傅").history.first()
    assert (row.history_user, row.history_change_reason) == (admin_user, "导入")


def test_a_file_with_bad_rows_writes_nothing_and_names_every_bad_row(admin_user, vocabulary):
    text = HEADER
    text += "王师傅,男,重庆测试机床有限公司,车工,技师,渝中区,\n"  # row 2: good
    text += "李师傅,男,不存在的公司,车工,技师,渝中区,\n"  # row 3: unknown organization
    text += "赵师傅,男,重庆测试机床有限公司,车工,大师,渝中区,\n"  # row 4: unknown level
    text += "钱师傅,男,重庆测试机床有限公司,车工,技师,火星区,也许\n"  # row 5: two errors
    report = run(CraftsmanResource, text, admin_user)
    assert not report.ok
    assert Craftsman.objects.count() == 0
    bad = {row.number: {column for column, _message in row.errors} for row in report.bad_rows}
    assert bad == {3: {"工作单位"}, 4: {"技能等级"}, 5: {"所在区县", "公开依据"}}


def test_a_bad_row_message_says_what_was_not_found(admin_user, vocabulary):
    report = run(CraftsmanResource, HEADER + "李师傅,男,不存在的公司,车工,,渝中区,\n", admin_user)
    assert "不存在的公司" in str(report.bad_rows[0].errors[0][1])


def test_a_row_repeating_an_earlier_row_of_the_file_is_refused(admin_user, vocabulary):
    HonorTitleFactory(name="巴渝工匠")
    CraftsmanFactory(name="王师傅", organization=vocabulary[1])
    text = "获得者,获得者单位,荣誉称号,年度\n"
    text += "王师傅,重庆测试机床有限公司,巴渝工匠,2024\n" * 2
    report = run(HonorAwardResource, text, admin_user)
    assert [row.number for row in report.bad_rows] == [3]
    assert "第 2 行" in str(report.bad_rows[0].errors[0][1])


def test_a_gb18030_file_from_older_excel_imports(admin_user, vocabulary):
    text = HEADER + "王师傅,男,重庆测试机床有限公司,车工,技师,渝中区,\n"
    report = run(CraftsmanResource, text, admin_user, encoding="gb18030")
    assert report.ok
    assert Craftsman.objects.filter(name="王师傅", district__name="渝中区").exists()


def test_a_utf8_file_with_a_bom_imports(admin_user, vocabulary):
    text = HEADER + "王师傅,男,重庆测试机床有限公司,车工,技师,渝中区,\n"
    report = run(CraftsmanResource, text, admin_user, encoding="utf-8-sig")
    assert report.ok
    assert Craftsman.objects.filter(name="王师傅").exists()


def test_an_xlsx_file_imports(admin_user, vocabulary):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER.strip().split(","))
    sheet.append(["王师傅", "男", "重庆测试机床有限公司", "车工", "技师", "渝中区", ""])
    buffer = io.BytesIO()
    book.save(buffer)
    table = read_table(name="人才.xlsx", content=buffer.getvalue())
    report = import_table(resource=CraftsmanResource(), table=table, user=admin_user, commit=True)
    assert report.ok
    assert Craftsman.objects.filter(name="王师傅").exists()


def test_a_preview_writes_nothing(admin_user, vocabulary):
    text = HEADER + "王师傅,男,重庆测试机床有限公司,车工,技师,渝中区,\n"
    report = run(CraftsmanResource, text, admin_user, commit=False)
    assert report.ok and report.count("create") == 1
    assert not Craftsman.objects.exists()


def test_a_district_editor_cannot_import_rows_for_another_district(vocabulary):
    own = vocabulary[0]
    DistrictFactory(name="江北区", code="500105")
    editor = staff_with_role(Role.DISTRICT_EDITOR, district=own)
    text = HEADER + "王师傅,男,,车工,,渝中区,\n" + "李师傅,男,,车工,,江北区,\n"
    report = run(CraftsmanResource, text, editor)
    assert [(row.number, row.errors[0][0]) for row in report.bad_rows] == [(3, "所在区县")]
    assert not Craftsman.objects.exists()


def test_a_district_editor_cannot_publish_or_change_published_records_by_import(vocabulary):
    own, organization, _occupation = vocabulary
    editor = staff_with_role(Role.DISTRICT_EDITOR, district=own)
    CraftsmanFactory(name="已发布师傅", organization=organization, district=own)
    text = "姓名,工作单位,所在区县,发布状态\n"
    text += "已发布师傅,重庆测试机床有限公司,渝中区,已发布\n"
    text += "新师傅,重庆测试机床有限公司,渝中区,已发布\n"
    report = run(CraftsmanResource, text, editor)
    assert [row.number for row in report.bad_rows] == [2]
    assert not Craftsman.objects.filter(name="新师傅").exists()
    report = run(CraftsmanResource, "姓名,所在区县,发布状态\n新师傅,渝中区,已发布\n", editor)
    assert report.ok
    assert Craftsman.objects.get(name="新师傅").publication_state == S.DRAFT


def test_a_district_editor_cannot_import_the_shortage_catalogue(client, vocabulary):
    editor = staff_with_role(Role.DISTRICT_EDITOR, district=vocabulary[0])
    client.force_login(editor)
    assert client.get(reverse("admin:programs_shortageentry_import")).status_code == 403


# -- the admin pages ------------------------------------------------------------------------


def test_the_admin_previews_each_row_then_imports_on_confirm(client, admin_user, vocabulary):
    CraftsmanFactory(name="老师傅", organization=vocabulary[1], district=vocabulary[0])
    text = HEADER + "老师傅,男,重庆测试机床有限公司,车工,技师,渝中区,\n"
    text += "王师傅,男,重庆测试机床有限公司,车工,技师,渝中区,\n"
    url = reverse("admin:talent_craftsman_import")
    client.force_login(admin_user)
    upload = SimpleUploadedFile("人才.csv", text.encode("gb18030"), content_type="text/csv")
    preview = client.post(url, {"file": upload})
    actions = [(row.number, row.action) for row in preview.context["report"].rows]
    assert actions == [(2, "update"), (3, "create")]
    assert not Craftsman.objects.filter(name="王师傅").exists()
    confirm = client.post(
        url,
        {
            "_confirm": "1",
            "file_name": preview.context["file_name"],
            "file_content": preview.context["file_content"],
        },
    )
    assert confirm.status_code == 302
    assert Craftsman.objects.filter(name="王师傅").exists()


def test_the_admin_refuses_a_file_with_one_bad_row_and_names_it(client, admin_user, vocabulary):
    text = HEADER + "王师傅,男,重庆测试机床有限公司,车工,技师,渝中区,\n"
    text += "李师傅,男,重庆测试机床有限公司,车工,技师,火星区,\n"
    client.force_login(admin_user)
    upload = SimpleUploadedFile("人才.csv", text.encode("utf-8"), content_type="text/csv")
    response = client.post(reverse("admin:talent_craftsman_import"), {"file": upload})
    page = response.content.decode()
    assert "第3行，所在区县" in page
    assert "确认导入" not in page
    assert not Craftsman.objects.exists()


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_each_sample_template_imports_cleanly_into_the_seeded_portal(admin_user, name):
    call_command("load_seeds", verbosity=0)
    path = Path(settings.BASE_DIR) / "seeds" / "templates" / name
    table = read_table(name=name, content=path.read_bytes())
    report = import_table(resource=TEMPLATES[name](), table=table, user=admin_user, commit=True)
    assert report.ok, [(row.number, row.errors) for row in report.bad_rows]
    assert len(report.rows) >= 3


# -- export ---------------------------------------------------------------------------------


def test_the_csv_export_has_a_bom_so_excel_reads_chinese(client, admin_user):
    CraftsmanFactory(name="王师傅")
    client.force_login(admin_user)
    response = client.get(reverse("admin:talent_craftsman_export", args=["csv"]))
    assert response.content.startswith("\ufeff姓名".encode())


def test_the_csv_export_neutralises_a_formula_in_a_cell(client, admin_user):
    CraftsmanFactory(name='=HYPERLINK("http://x")', profile="+1+1")
    client.force_login(admin_user)
    response = client.get(reverse("admin:talent_craftsman_export", args=["csv"]))
    text = response.content.decode("utf-8-sig")
    assert "'=HYPERLINK" in text
    assert "'+1+1" in text


def test_the_xlsx_export_keeps_a_formula_as_text(client, admin_user):
    CraftsmanFactory(name="=1+2", profile="@SUM(A1)")
    client.force_login(admin_user)
    response = client.get(reverse("admin:talent_craftsman_export", args=["xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    row = [cell.value for cell in sheet[2]]
    assert "'=1+2" in row
    assert "'@SUM(A1)" in row
    assert all(cell.data_type != "f" for cell in sheet[2])


def test_the_export_follows_the_changelist_filter(client, admin_user):
    CraftsmanFactory(name="草稿师傅", publication_state=S.DRAFT)
    CraftsmanFactory(name="发布师傅")
    client.force_login(admin_user)
    url = reverse("admin:talent_craftsman_export", args=["csv"])
    text = client.get(url, {"publication_state__exact": "draft"}).content.decode("utf-8-sig")
    assert "草稿师傅" in text
    assert "发布师傅" not in text


def test_an_exported_file_imports_back_unchanged(admin_user, vocabulary):
    from portal.importing import export_csv

    CraftsmanFactory(name="王师傅", organization=vocabulary[1], district=vocabulary[0])
    content = export_csv(CraftsmanResource(), Craftsman.objects.all())
    table = read_table(name="export.csv", content=content)
    report = import_table(resource=CraftsmanResource(), table=table, user=admin_user, commit=True)
    assert report.ok and report.count("update") == 1


def test_a_cell_naming_two_records_is_refused_in_its_column_and_a_code_is_not(
    admin_user, vocabulary
):
    OccupationFactory(name="数控车工", former_code="6-04-01-01")
    OccupationFactory(name="普通车工", former_code="6-04-01-01")
    text = HEADER + "王师傅,男,重庆测试机床有限公司,6-04-01-01,技师,渝中区,\n"
    text += "李师傅,男,重庆测试机床有限公司,6-18-01-01,技师,渝中区,\n"
    report = run(CraftsmanResource, text, admin_user, commit=False)
    assert [row.number for row in report.bad_rows] == [2]
    [(column, message)] = report.bad_rows[0].errors
    assert (column, "“6-04-01-01”对应多条职业" in str(message)) == ("职业", True)
