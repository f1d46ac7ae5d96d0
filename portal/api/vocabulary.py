"""Serializers and viewsets of the shared vocabulary."""

from portal.finding.filters import (
    DistrictFilterSet,
    IndustryClusterFilterSet,
    OccupationFilterSet,
    OrganizationFilterSet,
)
from portal.vocabulary.models import District, IndustryCluster, Occupation, Organization

from .display import showing
from .serializers import PortalModelSerializer
from .viewsets import PortalViewSet

TIMES = ["created", "updated"]


class DistrictSerializer(PortalModelSerializer):
    class Meta:
        model = District
        fields = ["identifier", "code", "slug", "name", "name_en", "kind", "source", *TIMES]


class OccupationSerializer(PortalModelSerializer):
    class Meta:
        model = Occupation
        fields = [
            "identifier",
            "code",
            "former_code",
            "name",
            "name_en",
            "major_group",
            "is_digital",
            "is_green",
            "source",
            "source_url",
            *TIMES,
        ]


class IndustryClusterSerializer(PortalModelSerializer):
    class Meta:
        model = IndustryCluster
        fields = ["identifier", "slug", "name", "name_en", "tier", "source", *TIMES]


class OrganizationSerializer(PortalModelSerializer):
    class Meta:
        model = Organization
        fields = [
            "identifier",
            "credit_code",
            "name",
            "kind",
            "district",
            "is_demo",
            "source",
            "source_url",
            *TIMES,
        ]


class DistrictViewSet(PortalViewSet):
    """区县：重庆 26 区 12 县（GB/T 2260 代码）和 3 个功能区（用标识）。"""

    queryset = District.objects.all()
    serializer_class = DistrictSerializer
    filterset_class = DistrictFilterSet
    default_ordering = ("kind", "code", "name")
    ordering_fields = ("code", "name", "updated")


class OccupationViewSet(PortalViewSet):
    """职业：职业分类大典（2022）编码 D-DD-DD-DD；没有编码的以名称为标识。"""

    queryset = Occupation.objects.all()
    serializer_class = OccupationSerializer
    filterset_class = OccupationFilterSet
    default_ordering = ("code", "name")
    ordering_fields = ("code", "name", "updated")


class IndustryClusterViewSet(PortalViewSet):
    """产业集群（“33618”现代制造业集群体系）。"""

    queryset = IndustryCluster.objects.all()
    serializer_class = IndustryClusterSerializer
    filterset_class = IndustryClusterFilterSet
    default_ordering = ("tier", "name")
    ordering_fields = ("name", "updated")


class OrganizationViewSet(PortalViewSet):
    """依托单位：以统一社会信用代码为标识，没有代码的以名称为标识。"""

    queryset = showing(
        Organization.objects.select_related("district"),
        district=("code", "slug", "name", "name_en"),
    )
    serializer_class = OrganizationSerializer
    filterset_class = OrganizationFilterSet
    default_ordering = ("name",)
    ordering_fields = ("name", "updated")
