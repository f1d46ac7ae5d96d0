"""Create or refresh the four staff roles as groups with exactly their model permissions.

Run it after every migration: it is idempotent and resets each group's permissions to the
list below, so a permission added by hand in the admin does not silently widen a role.
"""

from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand

from portal import registry
from portal.publishing.access import Role, group_name

# Every model staff keep (each app registers its own), and the roles' other models.
STAFF = ["portal.StaffProfile", "portal.ApiToken", "portal.Tombstone", "auth.User", "auth.Group"]


def kept_models():
    """(vocabulary, records, district records, child rows): labels of the registered models."""
    models = registry.registered(registry.StaffModel)
    vocabulary = [m.label for m in models if m.vocabulary]
    records = [m.label for m in models if not m.vocabulary]
    district_records = [m.label for m in models if m.district]
    child_rows = [m.label for m in models if m.child_row]
    return vocabulary, records, district_records, child_rows


ALL = ("add", "change", "delete", "view")
EDIT = ("add", "change", "view")


def grants():
    """Role -> set of (model label, action)."""
    vocabulary, records, district_records, child_rows = kept_models()
    return {
        Role.BUREAU_ADMIN: {(m, a) for m in vocabulary + records + STAFF for a in ALL},
        Role.BUREAU_REVIEWER: {(m, a) for m in records for a in ALL}
        | {(m, a) for m in vocabulary for a in EDIT},
        Role.DISTRICT_EDITOR: {(m, a) for m in district_records for a in EDIT}
        | {(m, "delete") for m in child_rows}
        | {(m, "view") for m in vocabulary},
        # Integrators reach records through the API only; the admin turns them away.
        Role.INTEGRATOR: {(m, "view") for m in vocabulary + records}
        | {(m, a) for m in records if not m.startswith("portal.") for a in ("add", "change")},
    }


def permission(label, action):
    app_label, model = label.split(".")
    return Permission.objects.get(
        content_type__app_label=app_label, codename=f"{action}_{model.lower()}"
    )


class Command(BaseCommand):
    help = "Create or refresh the four staff role groups and their permissions."

    def handle(self, *args, **options):
        for role, wanted in grants().items():
            group, created = Group.objects.get_or_create(name=group_name(role))
            group.permissions.set([permission(label, action) for label, action in sorted(wanted)])
            verb = "created" if created else "refreshed"
            self.stdout.write(f"{verb} {group.name}: {len(wanted)} permissions")
