from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Program, ProgramTargetGroup, ShortageEntry, ShortageList, TrainingBase


@admin.register(TrainingBase)
class TrainingBaseAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "level", "district", "publication_state"]
    list_filter = ["publication_state", "kind", "level", "district"]
    search_fields = ["name", "organization__name", "address"]
    autocomplete_fields = ["organization", "district", "occupations", "clusters"]


class ProgramTargetGroupInline(admin.TabularInline):
    model = ProgramTargetGroup
    extra = 0


@admin.register(Program)
class ProgramAdmin(SimpleHistoryAdmin):
    list_display = ["title", "kind", "start_date", "enrol_end", "publication_state"]
    list_filter = ["publication_state", "kind", "mode"]
    search_fields = ["title", "slug"]
    autocomplete_fields = ["provider_base", "provider_organization", "occupations", "districts"]
    inlines = [ProgramTargetGroupInline]
    date_hierarchy = "start_date"


class ShortageEntryInline(admin.TabularInline):
    model = ShortageEntry
    extra = 0
    autocomplete_fields = ["occupation"]


@admin.register(ShortageList)
class ShortageListAdmin(SimpleHistoryAdmin):
    list_display = ["title", "year", "enterprises_surveyed", "publication_state"]
    search_fields = ["title"]
    inlines = [ShortageEntryInline]
