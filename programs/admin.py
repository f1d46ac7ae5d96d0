"""The back office for training bases, programs and the shortage catalogue."""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from portal.admin import ImportExportMixin, PortalAdmin, PublishableAdmin, TabularInline

from . import resources
from .models import (
    Program,
    ProgramState,
    ProgramTargetGroup,
    ShortageEntry,
    ShortageList,
    TrainingBase,
)


@admin.register(TrainingBase)
class TrainingBaseAdmin(ImportExportMixin, PublishableAdmin):
    resource_class = resources.TrainingBaseResource
    list_display = [
        "name",
        "kind",
        "level",
        "organization",
        "district",
        "approval_year",
        "publication_state",
    ]
    list_filter = [
        "publication_state",
        "kind",
        "level",
        ("district", admin.RelatedOnlyFieldListFilter),
        "is_leading_base",
    ]
    search_fields = [
        "name",
        "organization__name",
        "organization__credit_code",
        "address",
        "occupations__code",
        "occupations__name",
        "worldskills_skill",
    ]
    autocomplete_fields = ["organization", "district", "occupations", "clusters"]
    list_select_related = ["organization", "district"]


class ProgramTargetGroupInline(TabularInline):
    model = ProgramTargetGroup
    fields = ["group"]


class ProgramStateFilter(admin.SimpleListFilter):
    """The derived state (from the dates), as citizens see it today."""

    title = _("项目状态")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return ProgramState.choices

    def queryset(self, request, queryset):
        if self.value() in ProgramState.values:
            return queryset.in_state(self.value())
        return queryset


@admin.register(Program)
class ProgramAdmin(ImportExportMixin, PublishableAdmin):
    resource_class = resources.ProgramResource
    list_display = [
        "title",
        "kind",
        "provider",
        "current_state",
        "enrol_end",
        "start_date",
        "publication_state",
    ]
    list_filter = [
        "publication_state",
        ProgramStateFilter,
        "kind",
        "mode",
        ("districts", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = [
        "title",
        "slug",
        "provider_organization__name",
        "provider_organization__credit_code",
        "provider_base__name",
        "occupations__code",
        "occupations__name",
    ]
    autocomplete_fields = ["provider_base", "provider_organization", "occupations", "districts"]
    list_select_related = ["provider_base", "provider_organization"]
    inlines = [ProgramTargetGroupInline]
    date_hierarchy = "start_date"

    @admin.display(description=_("承办方"))
    def provider(self, program):
        return program.provider_base or program.provider_organization or "—"

    @admin.display(description=_("项目状态"))
    def current_state(self, program):
        return program.state.label


@admin.register(ProgramTargetGroup)
class ProgramTargetGroupAdmin(PortalAdmin):
    list_display = ["program", "group"]
    list_filter = ["group"]
    search_fields = ["program__title"]
    autocomplete_fields = ["program"]
    list_select_related = ["program"]


class ShortageEntryInline(TabularInline):
    model = ShortageEntry
    fields = ["rank", "occupation", "demand", "gap"]
    autocomplete_fields = ["occupation"]
    ordering = ["rank"]


@admin.register(ShortageList)
class ShortageListAdmin(PublishableAdmin):
    list_display = [
        "title",
        "year",
        "data_year",
        "enterprises_surveyed",
        "entry_count",
        "publication_state",
    ]
    list_filter = ["publication_state"]
    search_fields = ["title", "year"]
    inlines = [ShortageEntryInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(entry_count=Count("entries"))

    @admin.display(description=_("条目数"), ordering="entry_count")
    def entry_count(self, shortage_list):
        return shortage_list.entry_count


@admin.register(ShortageEntry)
class ShortageEntryAdmin(ImportExportMixin, PortalAdmin):
    resource_class = resources.ShortageEntryResource
    list_display = ["shortage_list", "rank", "occupation", "demand", "gap", "gap_ratio_display"]
    list_filter = ["shortage_list__year", "occupation__is_digital"]
    search_fields = ["occupation__name", "occupation__code", "shortage_list__title"]
    autocomplete_fields = ["shortage_list", "occupation"]
    list_select_related = ["shortage_list", "occupation"]

    @admin.display(description=_("缺口率"))
    def gap_ratio_display(self, entry):
        ratio = entry.gap_ratio
        return "—" if ratio is None else f"{ratio:.0%}"
