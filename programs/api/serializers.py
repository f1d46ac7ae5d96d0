"""Program, base and shortage serializers; a program's state is derived, its groups a list."""

from django.db import transaction
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from portal.api.fields import LabelledChoiceField, ReadsPrefetchedRows
from portal.api.serializers import PortalModelSerializer

from ..models import (
    Program,
    ProgramState,
    ProgramTargetGroup,
    ShortageEntry,
    ShortageList,
    TrainingBase,
)

# The citation and its link are public; the editors' note (staff_note) never is.
PUBLICATION = [
    "publication_state",
    "published_at",
    "is_demo",
    "source",
    "source_url",
    "created",
    "updated",
]


class TargetGroupsField(ReadsPrefetchedRows, serializers.ListField):
    """Read as [{value, label}], written as a list of values."""

    child = LabelledChoiceField(choices=ProgramTargetGroup.Group.choices)

    def to_representation(self, data):
        rows = data.all() if hasattr(data, "all") else data
        return [self.child.to_representation(item.group) for item in rows]


class TrainingBaseSerializer(PortalModelSerializer):
    class Meta:
        model = TrainingBase
        fields = [
            "identifier",
            "name",
            "kind",
            "level",
            "organization",
            "district",
            "address",
            "latitude",
            "longitude",
            "occupations",
            "clusters",
            "worldskills_skill",
            "worldskills_edition",
            "is_leading_base",
            "approval_year",
            "yearly_capacity",
            "description",
            *PUBLICATION,
        ]


class ProgramSerializer(PortalModelSerializer):
    state = serializers.SerializerMethodField()
    target_groups = TargetGroupsField(required=False)

    class Meta:
        model = Program
        fields = [
            "identifier",
            "slug",
            "title",
            "kind",
            "state",
            "provider_base",
            "provider_organization",
            "occupations",
            "districts",
            "target_groups",
            "mode",
            "skill_level",
            "enrol_start",
            "enrol_end",
            "start_date",
            "end_date",
            "hours",
            "places",
            "fee",
            "subsidy",
            "summary",
            "eligibility",
            "how_to_apply",
            "contact",
            "address",
            *PUBLICATION,
        ]

    @extend_schema_field(
        {
            "type": "object",
            "properties": {
                "value": {"type": "string", "enum": list(ProgramState.values)},
                "label": {"type": "string"},
            },
            "required": ["value", "label"],
        }
    )
    def get_state(self, obj):
        state = ProgramState(obj.state)
        return {"value": state.value, "label": str(state.label)}

    def create(self, validated_data):
        groups = validated_data.pop("target_groups", None)
        with transaction.atomic():
            program = super().create(validated_data)
            self.save_groups(program, groups)
        return program

    def update(self, instance, validated_data):
        groups = validated_data.pop("target_groups", None)
        with transaction.atomic():
            program = super().update(instance, validated_data)
            self.save_groups(program, groups)
        return program

    @staticmethod
    def save_groups(program, groups):
        if groups is None:
            return
        program.target_groups.exclude(group__in=groups).delete()
        for group in dict.fromkeys(groups):
            ProgramTargetGroup.objects.get_or_create(program=program, group=group)


class ShortageListSerializer(PortalModelSerializer):
    class Meta:
        model = ShortageList
        fields = [
            "identifier",
            "year",
            "title",
            "enterprises_surveyed",
            "data_year",
            "description",
            *PUBLICATION,
        ]


class ShortageEntrySerializer(PortalModelSerializer):
    gap_ratio = serializers.FloatField(read_only=True, allow_null=True)

    class Meta:
        model = ShortageEntry
        fields = [
            "identifier",
            "shortage_list",
            "rank",
            "occupation",
            "demand",
            "gap",
            "gap_ratio",
            "created",
            "updated",
        ]
