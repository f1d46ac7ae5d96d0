"""The back office for the shared vocabulary, organizations and staff profiles.

API tokens have their admin in portal/api/admin.py.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from portal.figures import admin as figures_admin  # noqa: F401 - the key figures' admin
from portal.publishing import access
from portal.publishing.models import StaffProfile, Tombstone
from portal.vocabulary.models import District, IndustryCluster, Occupation, Organization, WorkType

from .base import PortalAdmin, PublishableAdmin, TabularInline  # noqa: F401 - the apps' bases
from .importexport import ImportExportMixin  # noqa: F401

admin.site.site_header = _("重庆技能人才门户 · 管理后台")
admin.site.site_title = _("重庆技能人才门户管理后台")
admin.site.index_title = _("业务数据管理")


@admin.register(District)
class DistrictAdmin(PortalAdmin):
    list_display = ["name", "code", "kind", "name_en"]
    list_filter = ["kind"]
    search_fields = ["name", "code", "name_en", "slug"]


class WorkTypeInline(TabularInline):
    model = WorkType
    fields = ["name", "source"]


@admin.register(Occupation)
class OccupationAdmin(PortalAdmin):
    list_display = ["code", "name", "former_code", "major_group", "is_digital", "is_green"]
    list_filter = ["major_group", "is_digital", "is_green"]
    search_fields = ["name", "code", "former_code", "name_en"]
    inlines = [WorkTypeInline]


@admin.register(WorkType)
class WorkTypeAdmin(PortalAdmin):
    list_display = ["name", "occupation"]
    search_fields = ["name", "occupation__name", "occupation__code"]
    autocomplete_fields = ["occupation"]
    list_select_related = ["occupation"]


@admin.register(IndustryCluster)
class IndustryClusterAdmin(PortalAdmin):
    list_display = ["name", "tier", "name_en"]
    list_filter = ["tier"]
    search_fields = ["name", "name_en", "slug"]


@admin.register(Organization)
class OrganizationAdmin(PortalAdmin):
    list_display = ["name", "kind", "district", "credit_code", "is_demo"]
    list_filter = ["kind", ("district", admin.RelatedOnlyFieldListFilter), "is_demo"]
    search_fields = ["name", "credit_code"]
    autocomplete_fields = ["district"]
    list_select_related = ["district"]


@admin.register(StaffProfile)
class StaffProfileAdmin(PortalAdmin):
    list_display = ["user", "district", "roles"]
    list_filter = [("district", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["user__username", "user__first_name", "user__last_name", "district__name"]
    autocomplete_fields = ["user", "district"]
    list_select_related = ["user", "district"]

    @admin.display(description=_("角色"))
    def roles(self, profile):
        return "、".join(str(role.label) for role in sorted(access.roles_of(profile.user))) or "—"


@admin.register(Tombstone)
class TombstoneAdmin(admin.ModelAdmin):
    """Read-only: written by the system when a record leaves the public view."""

    list_display = ["model_label", "identifier", "removed_at"]
    list_filter = ["model_label"]
    search_fields = ["identifier"]
    date_hierarchy = "removed_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_module_permission(self, request):
        return access.is_bureau(request.user) and super().has_module_permission(request)
