"""How the key figures are listed: the same parameters for the API and any page."""

import django_filters
from django.utils.translation import gettext_lazy as _

from portal.finding.filters import PortalFilterSet

from .models import FigureKind, KeyFigure, Topic


class KeyFigureFilterSet(PortalFilterSet):
    search_fields = ("label", "scope", "note", "slug")

    topic = django_filters.ChoiceFilter(choices=Topic.choices, label=_("主题"))
    kind = django_filters.ChoiceFilter(choices=FigureKind.choices, label=_("类型"))
    scope = django_filters.CharFilter(label=_("范围"), max_length=64)
    featured = django_filters.BooleanFilter(label=_("在首页显示"))

    class Meta:
        model = KeyFigure
        fields = ["topic", "kind", "scope", "featured"]
