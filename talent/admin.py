"""The back office for craftsmen, honors, studios and competitions."""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from portal.admin import ImportExportMixin, PortalAdmin, PublishableAdmin, TabularInline
from portal.publishing import access
from portal.security import audit

from . import resources, services
from .models import (
    Competition,
    CompetitionEvent,
    CompetitionResult,
    Craftsman,
    HonorAward,
    HonorTitle,
    Studio,
)

DISTRICT_FILTER = ("district", admin.RelatedOnlyFieldListFilter)


class HonorAwardInline(TabularInline):
    model = HonorAward
    fk_name = "craftsman"
    fields = ["title", "year", "document_number", "publication_state"]
    readonly_fields = ["publication_state"]
    autocomplete_fields = ["title"]


@admin.register(Craftsman)
class CraftsmanAdmin(ImportExportMixin, PublishableAdmin):
    resource_class = resources.CraftsmanResource
    actions = [
        *PublishableAdmin.actions,
        "export_personal_data",
        "erase_personal_data",
    ]
    list_display = [
        "name",
        "organization",
        "occupation",
        "skill_level",
        "district",
        "public_basis",
        "publication_state",
        "updated",
    ]
    list_filter = [
        "publication_state",
        "skill_level",
        DISTRICT_FILTER,
        "public_basis",
        "consent_method",
        "is_demo",
    ]
    search_fields = [
        "name",
        "organization__name",
        "organization__credit_code",
        "occupation__name",
        "occupation__code",
    ]
    autocomplete_fields = ["organization", "occupation", "district"]
    list_select_related = ["organization", "occupation", "district"]
    inlines = [HonorAwardInline]
    fieldsets = [
        (None, {"fields": ["name", "gender", "organization", "occupation", "skill_level"]}),
        (_("区县与简介"), {"fields": ["district", "profile", "photo"]}),
        (
            _("公开依据"),
            {
                "fields": [
                    "public_basis",
                    ("consent_date", "consent_method"),
                    "announcement",
                    "announcement_url",
                ],
                "description": _(
                    "本人同意须记同意日期和方式；官方公开发布须记出处，只公开姓名、单位和所发布的"
                    "荣誉或成绩。无公开依据的人员不在网站和开放接口的任何地方出现。"
                ),
            },
        ),
        (_("发布"), {"fields": ["publication_state", "published_at", "published_by"]}),
        (_("来源"), {"fields": ["source", "source_url", "is_demo"]}),
        # Editors' remarks: shown here only, never on the site, the API or feeds.
        (_("编辑备注"), {"fields": ["staff_note"]}),
    ]

    @admin.action(description=_("导出所选人员的个人信息（JSON）"), permissions=["change"])
    def export_personal_data(self, request, queryset):
        people = [services.export_personal_data(craftsman=c) for c in queryset]
        audit.event("personal_data_export", request, people=",".join(p["uid"] for p in people))
        response = JsonResponse(people, safe=False, json_dumps_params={"ensure_ascii": False})
        response["Content-Disposition"] = 'attachment; filename="personal-data.json"'
        return response

    @admin.action(description=_("删除所选人员的个人信息"), permissions=["erase"])
    def erase_personal_data(self, request, queryset):
        """Erasure cannot be undone, so the first click only shows who would be erased."""
        if request.POST.get("confirm") != "yes":
            return TemplateResponse(
                request,
                "admin/talent/craftsman/erase_confirmation.html",
                {
                    **self.admin_site.each_context(request),
                    "title": _("确认删除个人信息"),
                    "opts": self.model._meta,
                    "people": queryset,
                    "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
                },
            )
        for craftsman in queryset:
            services.erase_personal_data(craftsman=craftsman, user=request.user)
            audit.event("personal_data_erased", request, person=str(craftsman.uid))
        self.message_user(
            request,
            _("已删除 %(count)d 人的个人信息，记录已归档，历史中的个人字段已清除。")
            % {"count": queryset.count()},
            messages.SUCCESS,
        )

    def has_erase_permission(self, request):
        """Only the bureau's administrators erase personal data."""
        return access.Role.BUREAU_ADMIN in access.roles_of(request.user)


@admin.register(HonorTitle)
class HonorTitleAdmin(PortalAdmin):
    list_display = ["name", "level", "conferring_body", "order"]
    list_filter = ["level"]
    search_fields = ["name", "name_en", "slug", "conferring_body"]


@admin.register(HonorAward)
class HonorAwardAdmin(ImportExportMixin, PublishableAdmin):
    resource_class = resources.HonorAwardResource
    list_display = [
        "craftsman",
        "title",
        "year",
        "title_level",
        "craftsman_district",
        "document_number",
        "publication_state",
    ]
    list_filter = ["publication_state", "title__level", "title", "year"]
    search_fields = [
        "craftsman__name",
        "craftsman__organization__name",
        "title__name",
        "document_number",
    ]
    autocomplete_fields = ["craftsman", "title"]
    list_select_related = ["craftsman__district", "title"]

    @admin.display(description=_("级别"), ordering="title__level")
    def title_level(self, award):
        return award.title.get_level_display()

    @admin.display(description=_("所在区县"), ordering="craftsman__district")
    def craftsman_district(self, award):
        return award.craftsman.district or "—"


@admin.register(Studio)
class StudioAdmin(ImportExportMixin, PublishableAdmin):
    resource_class = resources.StudioResource
    list_display = [
        "name",
        "level",
        "leader",
        "organization",
        "district",
        "approval_year",
        "status",
        "publication_state",
    ]
    list_filter = [
        "publication_state",
        "level",
        "status",
        "approval_year",
        "is_digital",
        DISTRICT_FILTER,
    ]
    search_fields = [
        "name",
        "leader__name",
        "organization__name",
        "organization__credit_code",
        "occupations__code",
        "occupations__name",
    ]
    autocomplete_fields = ["leader", "organization", "occupations", "district", "clusters"]
    list_select_related = ["leader", "organization", "district"]
    readonly_fields = ["leader_honors"]
    fieldsets = [
        (None, {"fields": ["name", "level", "status", "approval_year", "batch"]}),
        (_("领办人与依托单位"), {"fields": ["leader", "leader_honors", "organization"]}),
        (_("领域"), {"fields": ["occupations", "clusters", "is_digital", "district"]}),
        (
            _("成果"),
            {"fields": ["innovation_projects", "patents", "apprentices_trained", "description"]},
        ),
        (_("发布"), {"fields": ["publication_state", "published_at", "published_by"]}),
        (_("来源"), {"fields": ["source", "source_url", "is_demo"]}),
        # Editors' remarks: shown here only, never on the site, the API or feeds.
        (_("编辑备注"), {"fields": ["staff_note"]}),
    ]

    @admin.display(description=_("领办人所获荣誉"))
    def leader_honors(self, studio):
        """Read-only: honors are kept on the award records, not on the studio."""
        if not studio.leader_id:
            return "—"
        awards = studio.leader.awards.select_related("title").order_by("-year")
        if not awards:
            return _("暂无荣誉记录")
        return format_html_join(
            format_html("<br>"),
            '<a href="{}">{} {}</a>（{}）',
            (
                (
                    reverse("admin:talent_honoraward_change", args=[award.pk]),
                    award.year,
                    award.title.name,
                    award.get_publication_state_display(),
                )
                for award in awards
            ),
        )


class CompetitionEventInline(TabularInline):
    model = CompetitionEvent
    fields = ["skill_number", "name", "name_en", "occupation", "result_count"]
    readonly_fields = ["result_count"]
    autocomplete_fields = ["occupation"]

    @admin.display(description=_("成绩"))
    def result_count(self, event):
        if not event.pk:
            return "—"
        url = reverse("admin:talent_competitionevent_change", args=[event.pk])
        return format_html(
            '<a href="{}">{}</a>',
            url,
            _("%(count)d 条，编辑成绩") % {"count": event.results.count()},
        )


@admin.register(Competition)
class CompetitionAdmin(PublishableAdmin):
    list_display = [
        "name",
        "series",
        "edition",
        "level",
        "year",
        "start_date",
        "district",
        "publication_state",
    ]
    list_filter = ["publication_state", "series", "level", "year", DISTRICT_FILTER]
    search_fields = ["name", "name_en", "slug", "location"]
    autocomplete_fields = ["district"]
    list_select_related = ["district"]
    prepopulated_fields = {}
    date_hierarchy = "start_date"
    inlines = [CompetitionEventInline]


class CompetitionResultInline(TabularInline):
    model = CompetitionResult
    fields = ["craftsman", "competitor_name", "delegation", "medal", "rank", "source"]
    autocomplete_fields = ["craftsman"]


@admin.register(CompetitionEvent)
class CompetitionEventAdmin(PortalAdmin):
    list_display = ["name", "skill_number", "competition", "occupation", "competition_year"]
    list_filter = ["competition__series", "competition__year"]
    search_fields = [
        "name",
        "name_en",
        "skill_number",
        "competition__name",
        "occupation__code",
        "occupation__name",
    ]
    autocomplete_fields = ["competition", "occupation"]
    list_select_related = ["competition", "occupation"]
    inlines = [CompetitionResultInline]

    @admin.display(description=_("年度"), ordering="competition__year")
    def competition_year(self, event):
        return event.competition.year


@admin.register(CompetitionResult)
class CompetitionResultAdmin(ImportExportMixin, PortalAdmin):
    resource_class = resources.CompetitionResultResource
    list_display = [
        "event",
        "competition",
        "competitor",
        "delegation",
        "medal",
        "rank",
        "publication_state",
    ]
    list_filter = [
        "medal",
        "event__competition__year",
        "event__competition__series",
        "event__competition__publication_state",
    ]
    search_fields = [
        "craftsman__name",
        "competitor_name",
        "delegation",
        "event__name",
        "event__competition__name",
    ]
    autocomplete_fields = ["event", "craftsman"]
    list_select_related = ["event__competition", "craftsman"]

    @admin.display(description=_("赛事"), ordering="event__competition__name")
    def competition(self, result):
        return result.event.competition

    @admin.display(description=_("选手"))
    def competitor(self, result):
        return result.craftsman.name if result.craftsman_id else result.competitor_name or "—"

    @admin.display(description=_("发布状态"))
    def publication_state(self, result):
        return result.event.competition.get_publication_state_display()
