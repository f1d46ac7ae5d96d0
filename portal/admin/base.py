"""The base classes every admin in the portal uses.

PortalAdmin narrows what a district editor sees, picks and saves to its own district, on the
server (querysets, object permissions, form choices, autocomplete, save), and keeps history.
PublishableAdmin adds the publication workflow as actions and change-form buttons, all through
portal.publishing.services.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from portal.publishing import access, services
from portal.publishing.choices import PublicationState
from portal.security.locking import StaleVersion, current_version
from portal.security.uploads import clean_uploads
from portal.vocabulary.models import District

VERSION_FIELD = "loaded_version"


def is_back_office_user(user):
    """Integrators (and staff without a role) are kept out of the admin entirely."""
    return access.is_bureau(user) or access.is_district_editor(user)


def in_scope(user, obj):
    if access.is_bureau(user) or access.district_path(type(obj)) is None:
        return True
    return access.scope_queryset(user, type(obj)._default_manager.filter(pk=obj.pk)).exists()


class ScopedChoicesMixin:
    """Foreign key and many-to-many choices limited to what the user may pick."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        formfield = super().formfield_for_foreignkey(db_field, request, **kwargs)
        return self._narrow(formfield, request)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        formfield = super().formfield_for_manytomany(db_field, request, **kwargs)
        return self._narrow(formfield, request)

    def _narrow(self, formfield, request):
        if formfield is not None and not access.is_bureau(request.user):
            formfield.queryset = access.choosable_queryset(request.user, formfield.queryset)
        return formfield


class PortalAdminForm(forms.ModelForm):
    """Refuses, with a message, a district editor's record that would leave its district,
    and a save over someone else's newer save (the version the form was loaded with)."""

    portal_user = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if hasattr(self._meta.model, "expect_version"):
            self.fields[VERSION_FIELD] = forms.IntegerField(
                widget=forms.HiddenInput, required=False, initial=self.instance.version
            )

    def clean(self):
        cleaned = super().clean()
        clean_uploads(self)
        loaded = cleaned.get(VERSION_FIELD)
        if VERSION_FIELD in self.fields and self.instance.pk and loaded is not None:
            current = current_version(self.instance)
            if current is not None and current != loaded:
                raise forms.ValidationError(
                    StaleVersion(current=current, expected=loaded).messages[0], code="stale"
                )
            self.instance.expect_version(loaded)
        user = self.portal_user
        if user is None or access.is_bureau(user):
            return cleaned
        own = access.staff_district(user)
        if "district" in self.fields and access.district_path(self._meta.model) == "district":
            if cleaned.get("district") != own:
                self.add_error(
                    "district", _("只能填写本区县（%(district)s）。") % {"district": own}
                )
        if "districts" in self.fields and access.district_path(self._meta.model) == "districts":
            chosen = set(cleaned.get("districts") or [])
            if own not in chosen:
                self.add_error("districts", _("须包含本区县（%(district)s）。") % {"district": own})
        return cleaned


class PortalAdmin(ScopedChoicesMixin, SimpleHistoryAdmin):
    """Every model admin: district scope on the server, history with field-level changes."""

    form = PortalAdminForm
    list_per_page = 50

    # -- who sees what -------------------------------------------------------------------
    def has_module_permission(self, request):
        return is_back_office_user(request.user) and super().has_module_permission(request)

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if access.is_bureau(request.user) or access.district_path(self.model) is None:
            return queryset
        return access.scope_queryset(request.user, queryset)

    def has_view_permission(self, request, obj=None):
        user = request.user
        if not is_back_office_user(user) or not super().has_view_permission(request, obj):
            return False
        return obj is None or in_scope(user, obj)

    def has_add_permission(self, request):
        user = request.user
        if not is_back_office_user(user) or not super().has_add_permission(request):
            return False
        return access.can_edit_model(user, self.model)

    def has_change_permission(self, request, obj=None):
        user = request.user
        if not is_back_office_user(user) or not super().has_change_permission(request, obj):
            return False
        if obj is None:
            return access.can_edit_model(user, self.model)
        return access.can_edit(user, obj)

    def has_delete_permission(self, request, obj=None):
        user = request.user
        if not is_back_office_user(user) or not super().has_delete_permission(request, obj):
            return False
        if obj is None or access.is_bureau(user):
            return True
        return access.can_edit(user, obj) and access.record_state(obj) == PublicationState.DRAFT

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        match = getattr(request, "resolver_match", None)
        if match is not None and match.url_name == "autocomplete":
            # An autocomplete offers only what the asking form would accept.
            queryset = access.choosable_queryset(request.user, queryset)
        return queryset, may_have_duplicates

    # -- writing -------------------------------------------------------------------------
    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        return type(form.__name__, (form,), {"portal_user": request.user})

    def save_model(self, request, obj, form, change):
        self.refuse_out_of_scope(request.user, obj, change=change)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        obj = form.instance
        if access.district_path(type(obj)) == "districts" and not in_scope(request.user, obj):
            raise PermissionDenied(_("不能把记录移出本区县。"))

    def delete_queryset(self, request, queryset):
        # The bulk delete action deletes what the changelist showed; check each record anyway.
        for obj in queryset:
            if not self.has_delete_permission(request, obj):
                raise PermissionDenied(_("您无权删除“%(record)s”。") % {"record": obj})
        for obj in queryset:
            obj._history_user = request.user
            obj.delete()

    @staticmethod
    def refuse_out_of_scope(user, obj, *, change):
        """The last server-side guard, whatever the form allowed."""
        if access.is_bureau(user):
            return
        if not access.can_edit_model(user, type(obj)):
            raise PermissionDenied(_("您的角色不能修改此类记录。"))
        if change and not access.can_edit(user, obj):
            raise PermissionDenied(_("您无权修改这条记录。"))
        state = getattr(obj, "publication_state", None)
        if state is not None and not access.can_set_state(user, state):
            raise PermissionDenied(_("您的角色不能发布记录。"))
        district = access.district_of(obj)
        own = access.staff_district(user)
        if isinstance(district, District) or district is None:
            if access.district_path(type(obj)) != "districts" and district != own:
                raise PermissionDenied(
                    _("只能保存本区县（%(district)s）的记录。") % {"district": own}
                )

    # -- the public page -----------------------------------------------------------------
    def get_view_on_site_url(self, obj=None):
        """Link to the public page only when the public can see it there."""
        if obj is None or not hasattr(obj, "get_absolute_url"):
            return None
        manager = type(obj)._default_manager
        if hasattr(manager, "published") and not manager.published().filter(pk=obj.pk).exists():
            return None
        try:
            return obj.get_absolute_url()
        except NoReverseMatch:
            return None


class PortalInline(ScopedChoicesMixin):
    """An inline whose rows follow the parent record's permissions."""

    extra = 0
    show_change_link = True

    def _may(self, request, obj):
        return obj is None or access.can_edit(request.user, obj)

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self._may(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._may(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._may(request, obj)


class TabularInline(PortalInline, admin.TabularInline):
    pass


class StackedInline(PortalInline, admin.StackedInline):
    pass


def workflow_action(transition):
    name = services.TRANSITIONS[transition]

    def action(modeladmin, request, queryset):
        modeladmin.run_bulk_transition(request, queryset, transition)

    action.__name__ = f"{transition}_selected"
    action.short_description = _("%(action)s所选记录") % {"action": name.label}
    action.allowed_permissions = ("change",)
    return action


class PublishableAdmin(PortalAdmin):
    """A record with a publication state: the workflow as actions and as buttons."""

    change_form_template = "admin/portal/publishable_change_form.html"
    workflow_readonly = ("publication_state", "published_at", "published_by")
    actions = [workflow_action(name) for name in services.TRANSITIONS]

    def get_readonly_fields(self, request, obj=None):
        # The state changes only through the workflow (services), never by a form field.
        return tuple(super().get_readonly_fields(request, obj)) + self.workflow_readonly

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not access.can_publish(request.user):
            for name in ("publish", "archive"):
                actions.pop(f"{name}_selected", None)
        return actions

    def run_bulk_transition(self, request, queryset, transition):
        outcome = services.apply_to_each(
            records=list(queryset), user=request.user, transition=transition
        )
        label = services.TRANSITIONS[transition].label
        if outcome.done:
            self.message_user(
                request,
                _("%(action)s成功 %(count)d 条。") % {"action": label, "count": len(outcome.done)},
                messages.SUCCESS,
            )
        if outcome.failed:
            reasons = "；".join(f"“{record}”：{reason}" for record, reason in outcome.failed)
            self.message_user(
                request,
                _("%(action)s失败 %(count)d 条——%(reasons)s")
                % {"action": label, "count": len(outcome.failed), "reasons": reasons},
                messages.ERROR,
            )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk:
            context["workflow_transitions"] = services.allowed_transitions(request.user, obj)
            if access.can_publish(request.user) and not obj.is_published:
                context["publication_missing"] = services.missing_for_publication(obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def response_change(self, request, obj):
        transition = request.POST.get("_workflow")
        if transition in services.TRANSITIONS:
            self.run_single_transition(request, obj, transition)
            return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)

    def response_add(self, request, obj, post_url_continue=None):
        transition = request.POST.get("_workflow")
        if transition in services.TRANSITIONS:
            self.run_single_transition(request, obj, transition)
            opts = self.opts
            return HttpResponseRedirect(
                reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
            )
        return super().response_add(request, obj, post_url_continue)

    def run_single_transition(self, request, obj, transition):
        step = services.TRANSITIONS[transition]
        try:
            services.apply_transition(record=obj, user=request.user, transition=transition)
        except (services.ValidationError, PermissionDenied) as error:
            self.message_user(
                request,
                _("已保存，但未能%(action)s：%(reason)s")
                % {"action": step.label, "reason": services.error_text(error)},
                messages.ERROR,
            )
        else:
            self.message_user(
                request,
                _("已%(action)s：%(record)s") % {"action": step.label, "record": obj},
                messages.SUCCESS,
            )
