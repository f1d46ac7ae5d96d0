from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import District, IndustryCluster, Occupation, Organization, StaffProfile, WorkType


@admin.register(District)
class DistrictAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code", "kind", "name_en"]
    list_filter = ["kind"]
    search_fields = ["name", "code", "name_en", "slug"]


@admin.register(Occupation)
class OccupationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code", "former_code", "major_group", "is_digital", "is_green"]
    list_filter = ["major_group", "is_digital", "is_green"]
    search_fields = ["name", "code", "former_code", "name_en"]


@admin.register(WorkType)
class WorkTypeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "occupation"]
    search_fields = ["name", "occupation__name", "occupation__code"]
    autocomplete_fields = ["occupation"]


@admin.register(IndustryCluster)
class IndustryClusterAdmin(SimpleHistoryAdmin):
    list_display = ["name", "tier", "name_en"]
    list_filter = ["tier"]
    search_fields = ["name", "name_en", "slug"]


@admin.register(Organization)
class OrganizationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "district", "credit_code", "is_demo"]
    list_filter = ["kind", "is_demo", "district"]
    search_fields = ["name", "credit_code"]
    autocomplete_fields = ["district"]


@admin.register(StaffProfile)
class StaffProfileAdmin(SimpleHistoryAdmin):
    list_display = ["user", "district"]
    autocomplete_fields = ["district"]
