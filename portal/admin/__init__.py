"""The back office for the shared vocabulary, organizations, staff profiles and API tokens."""

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal import access
from portal.models import (
    ApiToken,
    District,
    IndustryCluster,
    Occupation,
    Organization,
    StaffProfile,
    Tombstone,
    WorkType,
)

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


@admin.register(ApiToken)
class ApiTokenAdmin(PortalAdmin):
    """The key is shown once, in the message after saving; only its digest is kept."""

    list_display = ["name", "owner", "prefix", "scope", "last_used", "expires_at", "revoked_at"]
    list_filter = ["scope"]
    search_fields = ["name", "prefix", "owner__username"]
    autocomplete_fields = ["owner"]
    fields = ["name", "owner", "scope", "expires_at", "revoked_at", "prefix", "last_used"]
    readonly_fields = ["prefix", "last_used"]
    actions = ["revoke_selected"]

    def save_model(self, request, obj, form, change):
        if not change:
            token, key = ApiToken.issue(name=obj.name, owner=obj.owner, scope=obj.scope)
            token.expires_at = obj.expires_at
            token.save(update_fields=["expires_at"])
            obj.pk = token.pk
            self.message_user(
                request,
                _("令牌已创建。密钥只显示这一次，请立即交给对接方：%(key)s") % {"key": key},
                messages.WARNING,
            )
            return
        super().save_model(request, obj, form, change)

    @admin.action(description=_("吊销所选令牌"), permissions=["change"])
    def revoke_selected(self, request, queryset):
        count = 0
        for token in queryset.filter(revoked_at__isnull=True):
            token.revoked_at = timezone.now()
            token._history_user = request.user
            token.save()
            count += 1
        self.message_user(request, _("已吊销 %(count)d 个令牌。") % {"count": count})


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
