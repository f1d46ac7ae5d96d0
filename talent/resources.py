"""Spreadsheet columns for the talent records, as staff write them in Excel.

Column headers are a file format shared with staff's spreadsheets and the templates in
seeds/templates/, so they stay in Chinese whatever the interface language.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from portal.importing import (
    Boolean,
    Choice,
    Date,
    Integer,
    Ref,
    RefList,
    Resource,
    Text,
)
from portal.publishing import access
from portal.vocabulary.choices import Gender, Level, SkillLevel
from portal.vocabulary.models import District, IndustryCluster, Occupation, Organization

from .models import (
    Competition,
    CompetitionResult,
    ConsentMethod,
    Craftsman,
    HonorAward,
    HonorTitle,
    PublicBasis,
    Studio,
)


def district_column(header="所在区县", field="district", **kwargs):
    return Ref(
        header,
        field,
        District,
        help_text=_("区县名称或行政区划代码，如“渝中区”或“500103”。"),
        **kwargs,
    )


def organization_column(header, field, **kwargs):
    return Ref(
        header,
        field,
        Organization,
        help_text=_("单位全称或统一社会信用代码。"),
        **kwargs,
    )


def occupation_column(header="职业", field="occupation", **kwargs):
    return Ref(
        header,
        field,
        Occupation,
        show=lambda occupation: occupation.code or occupation.name,
        help_text=_("职业编码（如 6-18-01-01）或职业名称（如 车工）。"),
        **kwargs,
    )


def occupations_column(header="职业"):
    return RefList(
        header,
        "occupations",
        Occupation,
        show=lambda occupation: occupation.code or occupation.name,
        help_text=_("一个或多个职业编码或名称，用“、”分隔。"),
    )


def clusters_column():
    return RefList(
        "产业集群",
        "clusters",
        IndustryCluster,
        help_text=_("一个或多个产业集群名称，用“、”分隔。"),
    )


def find_craftsman(*, name, organization, context, header):
    """A person in the talent pool by name, narrowed by organization when names repeat."""
    people = Craftsman.objects.filter(name=name)
    if organization is not None:
        people = people.filter(organization=organization)
    found = list(people[:2])
    if not found:
        raise ValidationError({header: [_("人才库中找不到“%(name)s”。") % {"name": name}]})
    if len(found) > 1:
        raise ValidationError(
            {header: [_("人才库中有多位“%(name)s”，请同时填写单位。") % {"name": name}]}
        )
    if not access.choosable_queryset(context.user, people.filter(pk=found[0].pk)).exists():
        raise ValidationError({header: [_("“%(name)s”不属于本区县，不能引用。") % {"name": name}]})
    return found[0]


class CraftsmanResource(Resource):
    model = Craftsman
    columns = [
        Text("姓名", "name", required=True),
        Choice("性别", "gender", Gender, help_text=_("男 或 女")),
        organization_column("工作单位", "organization"),
        occupation_column(),
        Choice(
            "技能等级", "skill_level", SkillLevel, help_text=_("如“技师”或“高级技师（一级）”。")
        ),
        district_column(),
        Text("公开简介", "profile"),
        Choice(
            "公开依据",
            "public_basis",
            PublicBasis,
            help_text=_("本人同意、官方公开发布，或留空（不公开）。媒体报道不等于本人同意。"),
        ),
        Date("同意日期", "consent_date", help_text=_("以本人同意为依据时必填，如 2025-03-01。")),
        Choice("同意方式", "consent_method", ConsentMethod, help_text=_("如“书面同意书”。")),
        Text(
            "公开发布出处",
            "announcement",
            help_text=_("以官方公开发布为依据时必填：发布机构或媒体、标题、日期。"),
        ),
        Text("公开发布链接", "announcement_url"),
        Boolean("演示数据", "is_demo"),
        Text("来源", "source"),
    ]
    key = ("姓名", "工作单位")
    select_related = ("organization", "occupation", "district")


class HonorAwardResource(Resource):
    model = HonorAward
    columns = [
        Text("获得者", None, required=True, get=lambda award: award.craftsman.name),
        organization_column(
            "获得者单位",
            None,
            get=lambda award: award.craftsman.organization,
        ),
        Ref(
            "荣誉称号",
            "title",
            HonorTitle,
            required=True,
            show=lambda title: title.name,
            help_text=_("称号名称，如“巴渝工匠”。"),
        ),
        Integer("年度", "year", help_text=_("来源未给出年度时留空。")),
        Text("文号", "document_number"),
        Text("备注", "note"),
        Boolean("演示数据", "is_demo"),
        Text("来源", "source"),
    ]
    key = ("荣誉称号", "年度")
    derived_key = ("craftsman",)
    derived_headers = {"craftsman": "获得者"}
    select_related = ("craftsman__organization", "title")

    def resolve(self, values, context):
        craftsman = find_craftsman(
            name=values["获得者"],
            organization=values.get("获得者单位"),
            context=context,
            header="获得者",
        )
        return {"craftsman": craftsman}


class StudioResource(Resource):
    model = Studio
    columns = [
        Text("工作室名称", "name", required=True),
        Choice("级别", "level", Level, required=True, help_text=_("国家级、市级或区县级")),
        Text("领办人", None, get=lambda studio: studio.leader.name if studio.leader else ""),
        organization_column("依托单位", "organization"),
        occupations_column(),
        district_column(),
        Integer("批准年度", "approval_year"),
        Text("批次", "batch"),
        Boolean("数字领域", "is_digital"),
        Choice("建设状态", "status", Studio.Status, help_text=_("建设中、已验收或撤销")),
        clusters_column(),
        Integer("技术创新项目数", "innovation_projects"),
        Integer("专利数", "patents"),
        Integer("带徒人数", "apprentices_trained"),
        Text("简介", "description"),
        Boolean("演示数据", "is_demo"),
        Text("来源", "source"),
    ]
    key = ("工作室名称",)
    derived_headers = {"leader": "领办人"}
    select_related = ("leader", "organization", "district")
    prefetch_related = ("occupations", "clusters")

    def resolve(self, values, context):
        if "领办人" not in values:
            return {}  # column absent: leave the leader as stored
        if not values["领办人"]:
            return {"leader": None}
        # The leader usually works at the host organization; use it to tell namesakes apart.
        try:
            return {
                "leader": find_craftsman(
                    name=values["领办人"],
                    organization=values.get("依托单位"),
                    context=context,
                    header="领办人",
                )
            }
        except ValidationError:
            return {
                "leader": find_craftsman(
                    name=values["领办人"], organization=None, context=context, header="领办人"
                )
            }


class CompetitionResultResource(Resource):
    model = CompetitionResult
    columns = [
        Ref(
            "赛事",
            None,
            Competition,
            required=True,
            get=lambda result: result.event.competition,
            show=lambda competition: competition.name,
            help_text=_("赛事名称或标识。"),
        ),
        Text(
            "赛项",
            None,
            required=True,
            get=lambda result: result.event.name,
            help_text=_("赛项名称或世赛项目编号。"),
        ),
        Text(
            "人才库选手",
            None,
            get=lambda result: result.craftsman.name if result.craftsman else "",
            help_text=_("已在人才库的选手姓名；不在人才库的填“选手姓名”。"),
        ),
        organization_column(
            "选手单位",
            None,
            get=lambda result: result.craftsman.organization if result.craftsman else None,
        ),
        Text("选手姓名", "competitor_name"),
        Text("代表队", "delegation"),
        Choice("奖牌", "medal", CompetitionResult.Medal, help_text=_("金牌、银牌、铜牌或优胜奖")),
        Integer("名次", "rank"),
        Boolean("演示数据", "is_demo"),
        Text("来源", "source"),
    ]
    key = ("选手姓名", "代表队", "奖牌", "名次")
    derived_key = ("event", "craftsman")
    derived_headers = {"event": "赛项", "craftsman": "人才库选手"}
    select_related = ("event__competition", "craftsman__organization")

    def resolve(self, values, context):
        competition = values["赛事"]
        wanted = values["赛项"]
        events = competition.events.filter(name=wanted) | competition.events.filter(
            skill_number=wanted
        )
        event = events.first()
        if event is None:
            raise ValidationError(
                {
                    "赛项": [
                        _("赛事“%(competition)s”没有赛项“%(event)s”。")
                        % {"competition": competition, "event": wanted}
                    ]
                }
            )
        craftsman = None
        if values.get("人才库选手"):
            craftsman = find_craftsman(
                name=values["人才库选手"],
                organization=values.get("选手单位"),
                context=context,
                header="人才库选手",
            )
        return {"event": event, "craftsman": craftsman}
