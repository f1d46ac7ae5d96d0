"""Who may see and change what: the one place the admin and the API ask.

Roles are Django groups (created by `setup_roles`). A district editor's district lives on its
StaffProfile; everything a district editor reads or writes is narrowed to that district here,
on the server, whichever door the request came through.
"""

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from portal import registry
from portal.publishing.choices import PublicationState


class Role(models.TextChoices):
    BUREAU_ADMIN = "bureau_admin", _("市局管理员")
    BUREAU_REVIEWER = "bureau_reviewer", _("市局审核员")
    DISTRICT_EDITOR = "district_editor", _("区县编辑")
    INTEGRATOR = "integrator", _("接口对接方")


# Which models are district-scoped (the path to their district) and which follow a parent's
# publication state: each app declares it for its models (`registry.StaffModel`). Models
# without a district path (vocabulary, honor titles, the shortage catalogue) are changed by
# bureau roles only.

# The states a district editor may put a record in: it drafts and submits, never publishes.
DISTRICT_EDITOR_STATES = (PublicationState.DRAFT, PublicationState.SUBMITTED)


def group_name(role):
    """The group's stored name: the Chinese msgid, whatever language the request speaks."""
    with translation.override(None):
        return str(Role(role).label)


def roles_of(user):
    if not user.is_authenticated or not user.is_active:
        return set()
    if user.is_superuser:
        return {Role.BUREAU_ADMIN}
    cached = getattr(user, "_portal_roles", None)
    if cached is None:
        by_name = {group_name(role): role for role in Role}
        names = user.groups.values_list("name", flat=True)
        cached = {by_name[name] for name in names if name in by_name}
        user._portal_roles = cached
    return cached


def is_bureau(user):
    return bool(roles_of(user) & {Role.BUREAU_ADMIN, Role.BUREAU_REVIEWER})


def is_district_editor(user):
    return Role.DISTRICT_EDITOR in roles_of(user) and not is_bureau(user)


def can_publish(user):
    return is_bureau(user)


def staff_district(user):
    profile = getattr(user, "staff_profile", None) if user.is_authenticated else None
    return profile.district if profile else None


def district_path(model):
    entry = registry.staff_model(model._meta.label)
    return entry.district if entry else None


def scope_queryset(user, queryset):
    """What `user` may see of `queryset` in the back office and the write API."""
    if is_bureau(user):
        return queryset
    if not is_district_editor(user):
        return queryset.none()
    path = district_path(queryset.model)
    district = staff_district(user)
    if path is None or district is None:
        return queryset.none()
    scoped = queryset.filter(**{path: district})
    if path.endswith("districts"):
        scoped = scoped.distinct()
    return scoped


def can_edit_model(user, model):
    """Whether `user` may add or change records of `model` at all."""
    if is_bureau(user):
        return True
    return is_district_editor(user) and district_path(model) is not None


def can_edit(user, obj):
    """Whether `user` may change this record as it is stored now."""
    if is_bureau(user):
        return True
    if not can_edit_model(user, type(obj)) or obj.pk is None:
        return can_edit_model(user, type(obj)) and obj.pk is None
    stored = type(obj)._default_manager.filter(pk=obj.pk)
    if record_state(stored.first() or obj) not in DISTRICT_EDITOR_STATES:
        return False
    return scope_queryset(user, stored).exists()


def record_state(obj):
    """The publication state that governs `obj`: its own, or its parent's (a result's
    competition); records that are never published on their own count as drafts."""
    entry = registry.staff_model(obj._meta.label)
    path = entry.parent if entry else None
    if path:
        for part in path.split("__"):
            obj = getattr(obj, part, None)
            if obj is None:
                return PublicationState.DRAFT
    return getattr(obj, "publication_state", PublicationState.DRAFT)


def can_set_state(user, state):
    """Whether `user` may put a record into publication `state` (by any door)."""
    if is_bureau(user):
        return True
    return is_district_editor(user) and state in DISTRICT_EDITOR_STATES


def district_of(obj):
    """The district a stored or unsaved record belongs to, following its district path.

    Returns a set of districts for records reached through a many-to-many (programs)."""
    path = district_path(type(obj))
    if path is None:
        return None
    target = obj
    parts = path.split("__")
    for part in parts[:-1]:
        target = getattr(target, part, None)
        if target is None:
            return None
    last = parts[-1]
    if last == "districts":
        return set(target.districts.all()) if target.pk else set()
    return getattr(target, last, None)


def choosable_queryset(user, queryset):
    """What `user` may pick from `queryset` in a form, an autocomplete or an import.

    Bureau staff pick anything. A district editor picks only its own district, records of its
    own district, organizations of its district or of none (municipal enterprises), and the
    vocabulary that has no district (occupations, clusters, honor titles)."""
    if is_bureau(user):
        return queryset
    model = queryset.model
    district = staff_district(user)
    if model._meta.label == "portal.District":
        return queryset.filter(pk=district.pk) if district else queryset.none()
    if model._meta.label == "portal.Organization":
        if district is None:
            return queryset.none()
        return queryset.filter(models.Q(district=district) | models.Q(district__isnull=True))
    if district_path(model) is None:
        return queryset if is_district_editor(user) else queryset.none()
    return scope_queryset(user, queryset)
