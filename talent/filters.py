"""FilterSets for the talent records, shared by the public pages and the API."""

import django_filters
from django.utils.translation import gettext_lazy as _

from portal.finding.filters import (
    IdentifierFilter,
    PortalFilterSet,
    cluster_filter,
    district_filter,
    occupation_filter,
    organization_filter,
)
from portal.vocabulary.choices import Level, SkillLevel

from .models import (
    CONSENTED,
    Competition,
    CompetitionResult,
    Craftsman,
    HonorAward,
    HonorTitle,
    Studio,
)


def honor_title_filter(field_name):
    return IdentifierFilter(
        field_name=field_name,
        queryset=HonorTitle.objects.all(),
        label=_("荣誉称号"),
    )


class CraftsmanFilterSet(PortalFilterSet):
    search_fields = ("name", "organization__name", "occupation__name")

    district = district_filter("district")
    occupation = occupation_filter("occupation")
    organization = organization_filter("organization")
    skill_level = django_filters.ChoiceFilter(choices=SkillLevel.choices, label=_("技能等级"))
    title = honor_title_filter("awards__title")
    ordering = django_filters.OrderingFilter(
        fields=(("name", "name"), ("updated", "updated")),
        field_labels={"name": _("姓名"), "updated": _("更新时间")},
        label=_("排序"),
    )

    # Skill level is not a public field: filtering by it would reveal it.
    staff_only_filters = ("skill_level",)
    # Public only for people who consented: for the public these filters reach them alone,
    # or they would reveal the occupation and district of people shown on an announcement.
    consented_only_filters = ("district", "occupation")

    class Meta:
        model = Craftsman
        fields = ["district", "occupation", "organization", "skill_level"]

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        user = getattr(self.request, "user", None)
        if user and user.is_authenticated:
            return queryset
        if any(self.form.cleaned_data.get(name) for name in self.consented_only_filters):
            queryset = queryset.filter(CONSENTED)
        return queryset


class HonorTitleFilterSet(PortalFilterSet):
    search_fields = ("name", "name_en", "slug")

    level = django_filters.ChoiceFilter(choices=HonorTitle.TitleLevel.choices, label=_("级别"))

    class Meta:
        model = HonorTitle
        fields = ["level"]


class HonorAwardFilterSet(PortalFilterSet):
    # The awardee's name as the award stores it (indexed, talent/migrations/0010): matched in
    # place, not by joining a million people; a listed award's awardee is public already.
    search_fields = ("craftsman_name", "craftsman__organization__name", "title__name")

    title = honor_title_filter("title")
    year = django_filters.NumberFilter(label=_("年度"), min_value=1949, max_value=2100)
    district = district_filter("craftsman__district")
    occupation = occupation_filter("craftsman__occupation")
    ordering = django_filters.OrderingFilter(
        fields=(("year", "year"), ("updated", "updated")),
        field_labels={"year": _("年度"), "updated": _("更新时间")},
        label=_("排序"),
    )

    class Meta:
        model = HonorAward
        fields = ["title", "year", "district", "occupation"]


class StudioFilterSet(PortalFilterSet):
    search_fields = ("name", "leader__name", "organization__name")

    level = django_filters.ChoiceFilter(choices=Level.choices, label=_("级别"))
    district = district_filter("district")
    occupation = occupation_filter("occupations", distinct=True)
    cluster = cluster_filter("clusters", distinct=True)
    is_digital = django_filters.BooleanFilter(label=_("数字领域"))
    status = django_filters.ChoiceFilter(choices=Studio.Status.choices, label=_("建设状态"))
    approval_year = django_filters.NumberFilter(label=_("批准年度"), min_value=1949, max_value=2100)
    ordering = django_filters.OrderingFilter(
        fields=(("approval_year", "approval_year"), ("name", "name"), ("updated", "updated")),
        field_labels={
            "approval_year": _("批准年度"),
            "name": _("名称"),
            "updated": _("更新时间"),
        },
        label=_("排序"),
    )

    class Meta:
        model = Studio
        fields = ["level", "district", "occupation", "cluster", "is_digital", "status"]


class CompetitionFilterSet(PortalFilterSet):
    search_fields = ("name", "name_en", "location")

    series = django_filters.ChoiceFilter(choices=Competition.Series.choices, label=_("赛事系列"))
    level = django_filters.ChoiceFilter(
        choices=Competition.CompetitionLevel.choices, label=_("级别")
    )
    year = django_filters.NumberFilter(label=_("年度"), min_value=1949, max_value=2100)
    ordering = django_filters.OrderingFilter(
        fields=(("year", "year"), ("start_date", "start_date"), ("updated", "updated")),
        field_labels={"year": _("年度"), "start_date": _("开始日期"), "updated": _("更新时间")},
        label=_("排序"),
    )

    class Meta:
        model = Competition
        fields = ["series", "level", "year"]


class CompetitionResultFilterSet(PortalFilterSet):
    search_fields = ("craftsman__name", "competitor_name", "delegation", "event__name")

    competition = IdentifierFilter(
        field_name="event__competition",
        queryset=Competition.objects.all(),
        label=_("赛事"),
    )
    year = django_filters.NumberFilter(
        field_name="event__competition__year", label=_("年度"), min_value=1949, max_value=2100
    )
    medal = django_filters.ChoiceFilter(choices=CompetitionResult.Medal.choices, label=_("奖牌"))
    delegation = django_filters.CharFilter(label=_("代表队"), max_length=64)

    class Meta:
        model = CompetitionResult
        fields = ["competition", "year", "medal", "delegation"]
