"""FilterSets for programs, training bases and the shortage catalogue."""

import django_filters
from django.utils.translation import gettext_lazy as _

from portal.finding.filters import (
    IdentifierFilter,
    PortalFilterSet,
    cluster_filter,
    district_filter,
    occupation_filter,
)
from portal.vocabulary.choices import Level

from .models import (
    Program,
    ProgramState,
    ProgramTargetGroup,
    ShortageEntry,
    ShortageList,
    TrainingBase,
)


class ProgramFilterSet(PortalFilterSet):
    search_fields = ("title", "summary", "provider_organization__name", "provider_base__name")

    kind = django_filters.ChoiceFilter(choices=Program.Kind.choices, label=_("项目类型"))
    # A program lists a district once (the link table's pairs are unique), so the filter
    # needs no DISTINCT: with it, counting a district's 14,000 programs compared their every
    # column (50 ms at 50,000 programs).
    district = district_filter("districts")
    occupation = occupation_filter("occupations", distinct=True)
    target_group = django_filters.ChoiceFilter(
        field_name="target_groups__group",
        choices=ProgramTargetGroup.Group.choices,
        label=_("面向群体"),
        distinct=True,
    )
    mode = django_filters.ChoiceFilter(choices=Program.Mode.choices, label=_("方式"))
    state = django_filters.ChoiceFilter(
        choices=ProgramState.choices, method="filter_state", label=_("状态")
    )
    subsidy = django_filters.BooleanFilter(method="filter_subsidy", label=_("有补贴"))
    base = IdentifierFilter(
        field_name="provider_base",
        queryset=TrainingBase.objects.all(),
        label=_("承办基地"),
    )
    ordering = django_filters.OrderingFilter(
        fields=(
            ("enrol_end", "enrol_end"),
            ("start_date", "start_date"),
            ("created", "created"),
            ("updated", "updated"),
        ),
        field_labels={
            "enrol_end": _("报名截止"),
            "start_date": _("开始日期"),
            "created": _("发布先后"),
            "updated": _("更新时间"),
        },
        label=_("排序"),
    )

    class Meta:
        model = Program
        fields = ["kind", "district", "occupation", "target_group", "mode", "state", "subsidy"]

    def filter_state(self, queryset, name, value):
        return queryset.in_state(value)

    def filter_subsidy(self, queryset, name, value):
        if value:
            return queryset.filter(subsidy__gt=0)
        return queryset.exclude(subsidy__gt=0)


class TrainingBaseFilterSet(PortalFilterSet):
    search_fields = ("name", "organization__name", "address", "worldskills_skill")

    kind = django_filters.ChoiceFilter(choices=TrainingBase.Kind.choices, label=_("基地类型"))
    level = django_filters.ChoiceFilter(choices=Level.choices, label=_("级别"))
    district = district_filter("district")
    occupation = occupation_filter("occupations", distinct=True)
    cluster = cluster_filter("clusters", distinct=True)
    worldskills_edition = django_filters.NumberFilter(
        label=_("世赛届次"), min_value=1, max_value=100
    )

    class Meta:
        model = TrainingBase
        fields = ["kind", "level", "district", "occupation", "cluster", "worldskills_edition"]


class ShortageListFilterSet(PortalFilterSet):
    search_fields = ("title",)

    year = django_filters.NumberFilter(label=_("目录年度"), min_value=1949, max_value=2100)

    class Meta:
        model = ShortageList
        fields = ["year"]


class ShortageEntryFilterSet(PortalFilterSet):
    search_fields = ("occupation__name", "occupation__code")

    year = django_filters.NumberFilter(
        field_name="shortage_list__year", label=_("目录年度"), min_value=1949, max_value=2100
    )
    occupation = occupation_filter("occupation")
    ordering = django_filters.OrderingFilter(
        fields=(("rank", "rank"), ("gap", "gap"), ("demand", "demand"), ("updated", "updated")),
        field_labels={
            "rank": _("排名"),
            "gap": _("缺口人数"),
            "demand": _("需求人数"),
            "updated": _("更新时间"),
        },
        label=_("排序"),
    )

    class Meta:
        model = ShortageEntry
        fields = ["year", "occupation"]
