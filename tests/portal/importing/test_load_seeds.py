import csv
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from portal.vocabulary.models import District, Occupation, Organization
from programs.models import ShortageList
from talent.models import Craftsman, HonorTitle

pytestmark = pytest.mark.django_db

SEEDS = Path(settings.BASE_DIR) / "seeds"
SEEDED_APPS = ("portal", "talent", "programs")


def row_counts():
    return {
        model._meta.label: model.objects.count()
        for app in SEEDED_APPS
        for model in apps.get_app_config(app).get_models()
    }


def load(seeds_dir=SEEDS, **options):
    out = StringIO()
    call_command("load_seeds", seeds_dir=str(seeds_dir), stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def seeds_copy(tmp_path):
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target


def rewrite_csv_cell(path, row_number, column, value):
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    rows[row_number - 1][rows[0].index(column)] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)


def test_loading_the_seeds_twice_gives_the_same_rows():
    load()
    first = row_counts()
    report = load()
    assert row_counts() == first
    assert "created 1" not in report
    assert "updated 1" not in report


def test_the_second_load_reports_every_row_unchanged():
    load()
    report = load()
    for line in report.splitlines()[:-1]:
        assert "created 0, updated 0" in line, line


def test_all_38_districts_and_3_functional_zones_are_loaded():
    load()
    assert District.objects.exclude(kind=District.Kind.ZONE).count() == 38
    assert District.objects.filter(code__startswith="5001").count() == 26
    assert set(District.objects.filter(kind=District.Kind.ZONE).values_list("name", flat=True)) == {
        "两江新区",
        "西部科学城重庆高新区",
        "万盛经开区",
    }


def test_the_2023_shortage_catalogue_ranks_che_gong_first_without_invented_figures():
    load()
    edition = ShortageList.objects.get(year=2023)
    entries = list(edition.entries.order_by("rank").select_related("occupation"))
    assert [entry.occupation.name for entry in entries[:2]] == ["车工", "汽车装调工"]
    assert len(entries) == 10
    assert all(entry.demand is None and entry.gap is None for entry in entries)
    assert edition.enterprises_surveyed == 15283
    assert not edition.is_demo


def test_occupation_codes_from_the_design_are_loaded_with_former_codes():
    load()
    occupation = Occupation.objects.get(name="智能制造工程技术人员")
    assert (occupation.code, occupation.former_code) == ("2-02-38-05", "2-02-07-13")


def test_demo_people_are_marked_as_demo():
    load(demo=True)
    assert Craftsman.objects.filter(name__startswith="示例").exists()
    assert not Craftsman.objects.filter(name__startswith="示例", is_demo=False).exists()


def test_a_plain_load_holds_real_records_only():
    load()
    for app in SEEDED_APPS:
        for model in apps.get_app_config(app).get_models():
            if any(field.name == "is_demo" for field in model._meta.fields):
                assert not model.objects.filter(is_demo=True).exists(), model._meta.label
    assert not Organization.objects.filter(name__contains="演示").exists()
    assert not HonorTitle.objects.filter(name__contains="演示").exists()


def test_the_demo_switch_adds_demo_rows_to_the_real_ones():
    load()
    real = row_counts()
    load(demo=True)
    assert ShortageList.objects.filter(is_demo=True).exists()
    assert row_counts()["talent.Craftsman"] > real["talent.Craftsman"]


@override_settings(SHOW_DEMO_DATA=False)
def test_settings_that_hide_demo_rows_refuse_to_load_them():
    with pytest.raises(CommandError, match="SHOW_DEMO_DATA"):
        load(demo=True)
    assert District.objects.count() == 0


@pytest.mark.parametrize(
    ("source", "source_url", "complaint"),
    [
        ("DESIGN.md §2", "", "'DESIGN'"),
        ("https://blog.bobobk.com/news/2024/06-24/10239800.html", "", "source_url"),
        ("中国网，某报道，2020年1月7日", "http://103.52.134.50/scripts/wab.php", "bare IP"),
        ("中国网，某报道，2020年1月7日", "http://us.usy7.cc/usy0218QWork.html", "allow-list"),
        ("某博客，某报道，2020年1月7日", "", "does not begin with a publisher"),
    ],
)
def test_a_row_whose_source_is_not_allowed_is_refused(seeds_copy, source, source_url, complaint):
    rewrite_csv_cell(seeds_copy / "studios.csv", 2, "source", source)
    rewrite_csv_cell(seeds_copy / "studios.csv", 2, "source_url", source_url)
    with pytest.raises(CommandError) as error:
        load(seeds_copy)
    assert "seeds/studios.csv row 2, field 'source'" in str(error.value)
    assert complaint in str(error.value)
    assert District.objects.count() == 0


def test_a_demo_row_must_carry_the_demo_source_and_a_real_row_may_not(seeds_copy):
    rewrite_csv_cell(seeds_copy / "studios.csv", 2, "is_demo", "true")
    with pytest.raises(CommandError, match="a demo row cites exactly"):
        load(seeds_copy)


def test_a_bad_cell_in_a_late_file_loads_nothing_and_names_file_row_and_field(seeds_copy):
    rewrite_csv_cell(seeds_copy / "studios.csv", 3, "approval_year", "二〇一九")
    with pytest.raises(CommandError) as error:
        load(seeds_copy)
    message = str(error.value)
    assert "seeds/studios.csv row 3" in message
    assert "'approval_year'" in message
    assert District.objects.count() == 0


def test_an_invalid_value_is_reported_with_the_model_validation_message(seeds_copy):
    rewrite_csv_cell(seeds_copy / "occupations.csv", 2, "code", "6-18-1-01")
    with pytest.raises(CommandError) as error:
        load(seeds_copy)
    assert "seeds/occupations.csv row 2, field 'code'" in str(error.value)
    assert "D-DD-DD-DD" in str(error.value)
    assert District.objects.count() == 0


def test_a_reference_to_an_unknown_district_is_refused(seeds_copy):
    rewrite_csv_cell(seeds_copy / "organizations.csv", 2, "district", "不存在区")
    with pytest.raises(CommandError) as error:
        load(seeds_copy)
    assert "field 'district': no district with code, slug or name '不存在区'" in str(error.value)


def test_a_reference_two_records_answer_to_is_refused_naming_the_field_they_share(seeds_copy):
    load(seeds_copy)
    with (seeds_copy / "honor_awards.csv").open(encoding="utf-8", newline="") as handle:
        awardee = next(csv.DictReader(handle))["craftsman"]
    namesake = Craftsman.objects.filter(name=awardee).first()
    Craftsman.objects.create(name=awardee, organization=None, source="test")
    with pytest.raises(CommandError) as error:
        load(seeds_copy)
    assert f"more than one craftsman has name '{awardee}'" in str(error.value)
    assert namesake is not None


def test_a_row_without_a_source_is_refused(seeds_copy):
    rewrite_csv_cell(seeds_copy / "honor_titles.csv", 2, "source", "")
    with pytest.raises(CommandError) as error:
        load(seeds_copy)
    assert "seeds/honor_titles.csv row 2, field 'source'" in str(error.value)


def test_a_skill_ladder_out_of_order_is_refused(seeds_copy):
    rewrite_csv_cell(seeds_copy / "skill_ladder.csv", 2, "code", "junior")
    with pytest.raises(CommandError) as error:
        load(seeds_copy)
    assert "seeds/skill_ladder.csv row 2, field 'code'" in str(error.value)


def test_a_malformed_yaml_file_loads_nothing(seeds_copy):
    (seeds_copy / "shortage.yaml").write_text("- year: [unclosed\n", encoding="utf-8")
    with pytest.raises(CommandError) as error:
        load(seeds_copy)
    assert "seeds/shortage.yaml" in str(error.value)
    assert District.objects.count() == 0


def test_a_yaml_rule_violation_names_the_nested_item(seeds_copy):
    path = seeds_copy / "shortage.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("rank: 2\n", "rank: 1\n", 1), encoding="utf-8")
    with pytest.raises(CommandError) as error:
        load(seeds_copy)
    assert "seeds/shortage.yaml item" in str(error.value)
    assert "entries[2]" in str(error.value)
