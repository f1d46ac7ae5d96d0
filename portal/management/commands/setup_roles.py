"""Create or refresh the four staff roles as groups with exactly their model permissions.

Run it after every migration: it is idempotent and resets each group's permissions to the
list below, so a permission added by hand in the admin does not silently widen a role.
"""

from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand

from portal.access import Role, group_name

VOCABULARY = [
    "portal.District",
    "portal.Occupation",
    "portal.WorkType",
    "portal.IndustryCluster",
    "talent.HonorTitle",
]
RECORDS = [
    "portal.Organization",
    "talent.Craftsman",
    "talent.HonorAward",
    "talent.Studio",
    "talent.Competition",
    "talent.CompetitionEvent",
    "talent.CompetitionResult",
    "programs.TrainingBase",
    "programs.Program",
    "programs.ProgramTargetGroup",
    "programs.ShortageList",
    "programs.ShortageEntry",
]
STAFF = ["portal.StaffProfile", "portal.ApiToken", "portal.Tombstone", "auth.User", "auth.Group"]
# Rows a district editor may remove from inside its own draft parent (events, results, groups).
CHILD_ROWS = ["talent.CompetitionEvent", "talent.CompetitionResult", "programs.ProgramTargetGroup"]
DISTRICT_RECORDS = [label for label in RECORDS if not label.startswith("programs.Shortage")]

ALL = ("add", "change", "delete", "view")
EDIT = ("add", "change", "view")


def grants():
    """Role -> set of (model label, action)."""
    return {
        Role.BUREAU_ADMIN: {(m, a) for m in VOCABULARY + RECORDS + STAFF for a in ALL},
        Role.BUREAU_REVIEWER: {(m, a) for m in RECORDS for a in ALL}
        | {(m, a) for m in VOCABULARY for a in EDIT},
        Role.DISTRICT_EDITOR: {(m, a) for m in DISTRICT_RECORDS for a in EDIT}
        | {(m, "delete") for m in CHILD_ROWS}
        | {(m, "view") for m in VOCABULARY},
        # Integrators reach records through the API only; the admin turns them away.
        Role.INTEGRATOR: {(m, "view") for m in VOCABULARY + RECORDS}
        | {(m, a) for m in RECORDS if not m.startswith("portal.") for a in ("add", "change")},
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
