"""Tombstones: which records left the public view since a moment, so mirrors can drop them."""

import django_filters
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from portal.finding.filters import MomentFilter
from portal.publishing.models import Tombstone

from . import router
from .viewsets import PortalListViewSet


class TombstoneSerializer(serializers.ModelSerializer):
    resource = serializers.SerializerMethodField(help_text=_("资源名，如 craftsmen"))

    class Meta:
        model = Tombstone
        fields = ["resource", "identifier", "removed_at"]

    def get_resource(self, obj) -> str:
        return router.resource_for_label(obj.model_label) or obj.model_label


def resource_choices():
    return [(name, name) for name in router.resource_names()]


class TombstoneFilterSet(django_filters.FilterSet):
    resource = django_filters.ChoiceFilter(
        choices=resource_choices, method="filter_resource", label=_("资源名")
    )
    updated_after = MomentFilter(
        field_name="removed_at", lookup_expr="gt", label=_("移除时间晚于（ISO 8601）")
    )

    class Meta:
        model = Tombstone
        fields = ["resource", "updated_after"]

    def filter_resource(self, queryset, name, value: str):
        return queryset.filter(model_label=router.label_for_resource(value))


class TombstoneViewSet(PortalListViewSet):
    """删除记录：已删除或已撤销发布的记录标识，供镜像同步时删除。

    Records deleted or withdrawn from publication since `updated_after`, oldest first. A record
    published again later reappears in its resource's `updated_after` list with a later time."""

    queryset = Tombstone.objects.all()
    serializer_class = TombstoneSerializer
    filterset_class = TombstoneFilterSet
    default_ordering = sync_ordering = ("removed_at",)
    ordering_fields = ("removed_at",)

    @classmethod
    def with_last_removal(cls, queryset):
        return queryset  # a tombstone list's last change is its newest row (latest)

    def latest(self, rows):
        return max((row.removed_at for row in rows), default=None)
