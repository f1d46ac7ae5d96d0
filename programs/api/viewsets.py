"""Program, training base and shortage catalogue resources."""

from portal.api.display import prefetched, showing
from portal.api.viewsets import PortalViewSet
from portal.vocabulary.models import District, IndustryCluster, Occupation

from ..filters import (
    ProgramFilterSet,
    ShortageEntryFilterSet,
    ShortageListFilterSet,
    TrainingBaseFilterSet,
)
from ..models import Program, ProgramTargetGroup, ShortageEntry, ShortageList, TrainingBase
from .serializers import (
    ProgramSerializer,
    ShortageEntrySerializer,
    ShortageListSerializer,
    TrainingBaseSerializer,
)


class ProgramViewSet(PortalViewSet):
    """培训项目：状态（即将开始、报名中、进行中、已结束）由日期得出；以标识（slug）为标识。"""

    queryset = showing(
        Program.objects.select_related("provider_base", "provider_organization"),
        provider_base=("name",),
        provider_organization=("credit_code", "name"),
    ).prefetch_related(
        prefetched("occupations", Occupation.objects.only("code", "name", "name_en")),
        prefetched("districts", District.objects.only("code", "slug", "name", "name_en")),
        prefetched(
            "target_groups",
            ProgramTargetGroup.objects.only("program_id", "group").order_by("group"),
        ),
    )
    serializer_class = ProgramSerializer
    filterset_class = ProgramFilterSet
    default_ordering = ("-start_date", "title")


class TrainingBaseViewSet(PortalViewSet):
    """培训基地：高技能人才培训基地、世赛中国集训基地、竞赛集训基地、公共实训基地。"""

    queryset = showing(
        TrainingBase.objects.select_related("organization", "district"),
        organization=("credit_code", "name"),
        district=("code", "slug", "name", "name_en"),
    ).prefetch_related(
        prefetched("occupations", Occupation.objects.only("code", "name", "name_en")),
        prefetched("clusters", IndustryCluster.objects.only("slug", "name", "name_en")),
    )
    serializer_class = TrainingBaseSerializer
    filterset_class = TrainingBaseFilterSet
    default_ordering = ("kind", "level", "name")
    ordering_fields = ("name", "approval_year", "updated")


class ShortageListViewSet(PortalViewSet):
    """急需紧缺职业（工种）目录：每年一版，以年度为标识。"""

    queryset = ShortageList.objects.all()
    serializer_class = ShortageListSerializer
    filterset_class = ShortageListFilterSet
    default_ordering = ("-year",)
    ordering_fields = ("year", "updated")
    dependents = (("programs.ShortageEntry", "shortage_list"),)


class ShortageEntryViewSet(PortalViewSet):
    """紧缺职业条目：随所属目录发布而公开。"""

    queryset = showing(
        ShortageEntry.objects.select_related("shortage_list", "occupation"),
        shortage_list=("year", "title"),
        occupation=("code", "name", "name_en"),
    )
    serializer_class = ShortageEntrySerializer
    filterset_class = ShortageEntryFilterSet
    default_ordering = ("shortage_list_id", "rank")

    @classmethod
    def public(cls, queryset):
        """Entries of the editions the public may see (their `published()`)."""
        return queryset.filter(shortage_list__in=ShortageList.objects.published())
