"""Spreadsheet columns for programs, training bases and shortage entries, as staff write them.

Column headers are a file format shared with staff's spreadsheets and seeds/templates/, so they
stay in Chinese whatever the interface language.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from portal.importing import (
    Boolean,
    Choice,
    ChoiceList,
    Date,
    Decimal,
    Integer,
    Ref,
    RefList,
    Resource,
    Text,
)
from portal.vocabulary.choices import Level, SkillLevel
from portal.vocabulary.models import District
from talent.resources import (
    clusters_column,
    district_column,
    occupation_column,
    occupations_column,
    organization_column,
)

from .models import Program, ProgramTargetGroup, ShortageEntry, ShortageList, TrainingBase


class TrainingBaseResource(Resource):
    model = TrainingBase
    columns = [
        Text("基地名称", "name", required=True),
        Choice("基地类型", "kind", TrainingBase.Kind, required=True),
        Choice("级别", "level", Level),
        organization_column("依托单位", "organization"),
        district_column(),
        Text("地址", "address"),
        Decimal("纬度", "latitude"),
        Decimal("经度", "longitude"),
        occupations_column("培训职业"),
        clusters_column(),
        Text("世赛项目", "worldskills_skill"),
        Integer("世赛届次", "worldskills_edition"),
        Boolean("牵头基地", "is_leading_base"),
        Integer("认定年度", "approval_year"),
        Integer("年培训能力（人次）", "yearly_capacity"),
        Text("简介", "description"),
        Boolean("演示数据", "is_demo"),
        Text("来源", "source"),
    ]
    key = ("基地名称",)
    select_related = ("organization", "district")
    prefetch_related = ("occupations", "clusters")


def _write_groups(program, groups):
    program.target_groups.exclude(group__in=groups).delete()
    for group in groups:
        ProgramTargetGroup.objects.get_or_create(program=program, group=group)


class ProgramResource(Resource):
    model = Program
    columns = [
        Text("标识", "slug", required=True, help_text=_("英文小写和连字符，如 cq-welding-2026。")),
        Text("项目名称", "title", required=True),
        Choice("项目类型", "kind", Program.Kind, required=True),
        Ref(
            "承办基地",
            "provider_base",
            TrainingBase,
            help_text=_("培训基地全称。"),
        ),
        organization_column("承办单位", "provider_organization"),
        occupations_column(),
        RefList(
            "区县",
            "districts",
            District,
            show=lambda district: district.name,
            help_text=_("一个或多个区县名称或代码，用“、”分隔；全市留空。"),
        ),
        ChoiceList(
            "面向群体",
            choices=ProgramTargetGroup.Group,
            write=_write_groups,
            read=lambda program: [group.group for group in program.target_groups.all()],
            help_text=_("如“高校毕业生、失业人员”。"),
        ),
        Choice("方式", "mode", Program.Mode),
        Choice("目标等级", "skill_level", SkillLevel),
        Date("报名开始", "enrol_start"),
        Date("报名截止", "enrol_end"),
        Date("开始日期", "start_date"),
        Date("结束日期", "end_date"),
        Integer("学时", "hours"),
        Integer("名额", "places"),
        Decimal("费用（元）", "fee"),
        Decimal("补贴（元）", "subsidy"),
        Text("项目简介", "summary"),
        Text("报名条件", "eligibility"),
        Text("报名方式", "how_to_apply"),
        Text("咨询电话（单位）", "contact"),
        Text("地点", "address"),
        Boolean("演示数据", "is_demo"),
        Text("来源", "source"),
    ]
    key = ("标识",)
    select_related = ("provider_base", "provider_organization")
    prefetch_related = ("occupations", "districts", "target_groups")


class ShortageEntryResource(Resource):
    model = ShortageEntry
    columns = [
        Integer(
            "目录年度",
            None,
            required=True,
            get=lambda entry: entry.shortage_list.year,
            help_text=_("该目录须已在系统中建立，如 2023。"),
        ),
        Integer("排名", "rank", required=True),
        occupation_column("职业（工种）", "occupation", required=True),
        Integer("需求人数", "demand"),
        Integer("缺口人数", "gap"),
    ]
    key = ("职业（工种）",)
    derived_key = ("shortage_list",)
    derived_headers = {"shortage_list": "目录年度"}
    select_related = ("shortage_list", "occupation")

    def resolve(self, values, context):
        year = values["目录年度"]
        shortage_list = ShortageList.objects.filter(year=year).first()
        if shortage_list is None:
            raise ValidationError(
                {"目录年度": [_("没有 %(year)s 年的紧缺职业目录，请先建立目录。") % {"year": year}]}
            )
        return {"shortage_list": shortage_list}
