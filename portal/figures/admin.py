"""The back office of the key figures: only the bureau's roles change them (portal/site.py)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from portal.admin.base import PublishableAdmin

from .models import KeyFigure


@admin.register(KeyFigure)
class KeyFigureAdmin(PublishableAdmin):
    list_display = [
        "label",
        "display_value",
        "scope",
        "topic",
        "display_period",
        "featured",
        "publication_state",
        "updated",
    ]
    list_filter = ["topic", "scope", "kind", "featured", "publication_state"]
    search_fields = ["label", "slug", "scope", "source"]
    fieldsets = [
        (None, {"fields": ["label", "slug", "topic", "kind", "scope"]}),
        (_("数值"), {"fields": ["value", "qualifier", "unit"]}),
        (_("时间"), {"fields": ["since_year", "as_of_year", "as_of_month", "period_note"]}),
        (_("展示"), {"fields": ["note", "featured", "position"]}),
        (_("来源"), {"fields": ["source", "source_url", "staff_note"]}),
    ]

    @admin.display(description=_("数值"))
    def display_value(self, figure):
        return figure.display_value

    @admin.display(description=_("时间"))
    def display_period(self, figure):
        return figure.display_period
