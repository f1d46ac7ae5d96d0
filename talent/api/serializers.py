"""Talent serializers: related records by identifier, people shown only when public."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from rest_framework import serializers

from portal.api.display import display_name
from portal.api.fields import IdentifierRelatedField
from portal.api.serializers import PortalModelSerializer
from portal.api.text import bilingual
from portal.publishing.choices import PublicationState

from ..models import (
    Competition,
    CompetitionEvent,
    CompetitionResult,
    Craftsman,
    HonorAward,
    HonorTitle,
    PublicBasis,
    Studio,
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


def is_public_person(craftsman):
    return (
        craftsman.publication_state == PublicationState.PUBLISHED
        and craftsman.public_basis != PublicBasis.NONE
    )


def has_token(serializer):
    request = serializer.context.get("request")
    return bool(request and request.auth)


class PersonField(IdentifierRelatedField):
    """A craftsman shown only if public (published, with a basis); otherwise null."""

    def to_representation(self, value):
        if not is_public_person(value) and not has_token(self):
            return None
        return super().to_representation(value)


class CompetitionOfResultField(IdentifierRelatedField):
    """A result's competition (through its event); written as the competition's slug."""

    def to_representation(self, value):
        return super().to_representation(value.event.competition)

    def to_internal_value(self, data):
        return {"_competition": super().to_internal_value(data)}


class EventField(serializers.Field):
    """A result's event, read as {identifier, name, skill_number}, written as its name."""

    default_error_messages = {"invalid": _("应为赛项名称。")}

    def to_representation(self, value):
        event = value.event
        return {
            "identifier": event.name,
            "name": display_name(event),
            "skill_number": event.skill_number,
        }

    def to_internal_value(self, data):
        if not isinstance(data, str) or not data.strip() or "\x00" in data:
            self.fail("invalid")
        return {"_event_name": data.strip()}


class EventFieldExtension(OpenApiSerializerFieldExtension):
    target_class = "talent.api.serializers.EventField"

    def map_serializer_field(self, auto_schema, direction):
        if direction == "request":
            return {
                "type": "string",
                "minLength": 1,
                "description": bilingual(_("赛项名称（须已在该赛事下登记）。")),
            }
        return {
            "type": "object",
            "properties": {
                "identifier": {"type": "string"},
                "name": {"type": "string"},
                "skill_number": {"type": "string"},
            },
            "required": ["identifier", "name", "skill_number"],
        }


class CraftsmanSerializer(PortalModelSerializer):
    """Anonymous callers see the public fields only: of a person who consented, name,
    organization, occupation, district and profile; of a person shown on an official
    announcement, name and organization with the announcement (honors and medals through their
    own resources). Token holders see the record."""

    staff_only_fields = ("gender", "skill_level", "consent_date", "consent_method")
    # What the public reads of a person shown on an announcement, not on their consent.
    announced_fields = (
        "identifier",
        "uid",
        "name",
        "organization",
        "public_basis",
        "announcement",
        "announcement_url",
    )

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if instance.public_basis != PublicBasis.CONSENT and not has_token(self):
            data = {name: data[name] for name in self.announced_fields}
        return data

    class Meta:
        model = Craftsman
        fields = [
            "identifier",
            "uid",
            "name",
            "gender",
            "organization",
            "occupation",
            "skill_level",
            "district",
            "profile",
            "public_basis",
            "consent_date",
            "consent_method",
            "announcement",
            "announcement_url",
            *PUBLICATION,
        ]


class HonorTitleSerializer(PortalModelSerializer):
    class Meta:
        model = HonorTitle
        fields = [
            "identifier",
            "slug",
            "name",
            "name_en",
            "level",
            "conferring_body",
            "order",
            "source",
            "created",
            "updated",
        ]


class HonorAwardSerializer(PortalModelSerializer):
    craftsman = PersonField(queryset=Craftsman.objects.all())

    class Meta:
        model = HonorAward
        fields = [
            "identifier",
            "craftsman",
            "title",
            "year",
            "document_number",
            "note",
            *PUBLICATION,
        ]


class StudioSerializer(PortalModelSerializer):
    leader = PersonField(queryset=Craftsman.objects.all(), allow_null=True, required=False)

    class Meta:
        model = Studio
        fields = [
            "identifier",
            "name",
            "level",
            "leader",
            "organization",
            "occupations",
            "district",
            "clusters",
            "approval_year",
            "batch",
            "is_digital",
            "status",
            "innovation_projects",
            "patents",
            "apprentices_trained",
            "description",
            *PUBLICATION,
        ]


class CompetitionEventSerializer(serializers.ModelSerializer):
    occupation = IdentifierRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = CompetitionEvent
        fields = ["name", "name_en", "skill_number", "occupation"]


class CompetitionSerializer(PortalModelSerializer):
    events = CompetitionEventSerializer(many=True, read_only=True)

    class Meta:
        model = Competition
        fields = [
            "identifier",
            "slug",
            "name",
            "name_en",
            "series",
            "edition",
            "level",
            "year",
            "start_date",
            "end_date",
            "location",
            "district",
            "participants",
            "countries_regions",
            "description",
            "events",
            *PUBLICATION,
        ]


class CompetitionResultSerializer(PortalModelSerializer):
    # A name typed in, with no person record: no basis for showing it is recorded.
    staff_only_fields = ("competitor_name",)

    competition = CompetitionOfResultField(queryset=Competition.objects.all(), source="*")
    event = EventField(source="*")
    craftsman = PersonField(queryset=Craftsman.objects.all(), allow_null=True, required=False)

    class Meta:
        model = CompetitionResult
        fields = [
            "identifier",
            "competition",
            "event",
            "craftsman",
            "competitor_name",
            "delegation",
            "medal",
            "rank",
            "is_demo",
            "source",
            "created",
            "updated",
        ]

    def to_internal_value(self, data):
        attrs = super().to_internal_value(data)
        competition = attrs.pop("_competition", None)
        name = attrs.pop("_event_name", None)
        if self.instance is not None:
            competition = competition or self.instance.event.competition
            name = name or self.instance.event.name
        if competition is not None and name is not None:
            event = CompetitionEvent.objects.filter(competition=competition, name=name).first()
            if event is None:
                raise serializers.ValidationError(
                    {"event": [_("该赛事下没有赛项“%(name)s”。") % {"name": name}]}
                )
            attrs["event"] = event
        return attrs
