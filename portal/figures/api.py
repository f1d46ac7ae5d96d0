"""`/api/v1/key-figures/`: the bureau's published figures, each with its source."""

from rest_framework import serializers

from portal.api.serializers import PortalModelSerializer
from portal.api.viewsets import PortalViewSet

from .filters import KeyFigureFilterSet
from .models import KeyFigure


class KeyFigureSerializer(PortalModelSerializer):
    display_value = serializers.CharField(read_only=True)
    display_period = serializers.CharField(read_only=True)

    class Meta:
        model = KeyFigure
        fields = [
            "identifier",
            "slug",
            "label",
            "topic",
            "kind",
            "value",
            "qualifier",
            "unit",
            "display_value",
            "scope",
            "since_year",
            "as_of_year",
            "as_of_month",
            "period_note",
            "display_period",
            "note",
            "featured",
            "position",
            "source",
            "source_url",
            "publication_state",
            "published_at",
            "created",
            "updated",
        ]


class KeyFigureViewSet(PortalViewSet):
    """官方数据：市人社局等公开来源发布的关键数字，注明数值、单位、范围、时间和来源；以标识为标识。"""

    queryset = KeyFigure.objects.all()
    serializer_class = KeyFigureSerializer
    filterset_class = KeyFigureFilterSet
    default_ordering = ("topic", "position", "slug")
    ordering_fields = ("value", "as_of_year", "updated")
