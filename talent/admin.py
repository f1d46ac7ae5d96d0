from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Competition,
    CompetitionEvent,
    CompetitionResult,
    Craftsman,
    HonorAward,
    HonorTitle,
    Studio,
)


@admin.register(Craftsman)
class CraftsmanAdmin(SimpleHistoryAdmin):
    list_display = ["name", "organization", "occupation", "district", "publication_state"]
    list_filter = ["publication_state", "skill_level", "public_consent", "is_demo"]
    search_fields = ["name", "organization__name", "occupation__name", "occupation__code"]
    autocomplete_fields = ["organization", "occupation", "district"]


@admin.register(HonorTitle)
class HonorTitleAdmin(SimpleHistoryAdmin):
    list_display = ["name", "level", "conferring_body", "order"]
    search_fields = ["name", "name_en", "slug"]


@admin.register(HonorAward)
class HonorAwardAdmin(SimpleHistoryAdmin):
    list_display = ["craftsman", "title", "year", "publication_state"]
    list_filter = ["publication_state", "title", "year"]
    search_fields = ["craftsman__name", "title__name", "document_number"]
    autocomplete_fields = ["craftsman", "title"]


@admin.register(Studio)
class StudioAdmin(SimpleHistoryAdmin):
    list_display = ["name", "level", "district", "approval_year", "status", "publication_state"]
    list_filter = ["publication_state", "level", "status", "is_digital", "district"]
    search_fields = ["name", "leader__name", "organization__name"]
    autocomplete_fields = ["leader", "organization", "occupations", "district", "clusters"]


class CompetitionEventInline(admin.TabularInline):
    model = CompetitionEvent
    extra = 0
    autocomplete_fields = ["occupation"]


@admin.register(Competition)
class CompetitionAdmin(SimpleHistoryAdmin):
    list_display = ["name", "series", "level", "year", "publication_state"]
    list_filter = ["publication_state", "series", "level", "year"]
    search_fields = ["name", "name_en", "slug"]
    autocomplete_fields = ["district"]
    inlines = [CompetitionEventInline]


@admin.register(CompetitionEvent)
class CompetitionEventAdmin(SimpleHistoryAdmin):
    list_display = ["name", "skill_number", "competition"]
    search_fields = ["name", "name_en", "skill_number", "competition__name"]
    autocomplete_fields = ["competition", "occupation"]


@admin.register(CompetitionResult)
class CompetitionResultAdmin(SimpleHistoryAdmin):
    list_display = ["event", "craftsman", "competitor_name", "delegation", "medal", "rank"]
    list_filter = ["medal"]
    search_fields = ["craftsman__name", "competitor_name", "delegation", "event__name"]
    autocomplete_fields = ["event", "craftsman"]
