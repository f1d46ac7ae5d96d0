"""The base serializer: identifiers for related records, labelled choices, model validation."""

import copy
import functools

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from rest_framework import serializers
from rest_framework.settings import api_settings
from rest_framework.validators import UniqueValidator

from portal.finding.identifiers import identifier_of

from .fields import DateTimeField, IdentifierRelatedField, LabelledChoiceField


def drf_errors(error):
    """A Django ValidationError as DRF field errors (`__all__` becomes `non_field_errors`)."""
    if not hasattr(error, "error_dict"):
        return {api_settings.NON_FIELD_ERRORS_KEY: error.messages}
    return {
        (api_settings.NON_FIELD_ERRORS_KEY if name == "__all__" else name): messages
        for name, messages in error.message_dict.items()
    }


class StrictTextMixin:
    """Text is text: a number or a boolean where a string belongs is refused, not coerced."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


@functools.cache
def strict_text(field_class):
    return type(f"Strict{field_class.__name__}", (StrictTextMixin, field_class), {})


class PortalModelSerializer(serializers.ModelSerializer):
    """Every resource: `identifier` first, related records as {identifier, name}, and the
    model's own full_clean() (constraints and validators, in Chinese) deciding what is valid."""

    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.DateTimeField: DateTimeField,
    }
    serializer_related_field = IdentifierRelatedField
    serializer_choice_field = LabelledChoiceField

    identifier = serializers.SerializerMethodField()
    # Fields only a token holder reads; a reader without a token never gets them.
    staff_only_fields = ()

    def get_fields(self):
        """The fields built from the model once per serializer class, then copied for each
        serializer as DRF copies declared fields: building them walked the model's fields on
        every request (a quarter of a detail request). Their labels and messages stay lazy,
        so one set serves every language."""
        cls = type(self)
        prototypes = cls.__dict__.get("_field_prototypes")
        if prototypes is None:
            prototypes = cls._field_prototypes = super().get_fields()
        return copy.deepcopy(prototypes)

    def get_identifier(self, obj) -> str:
        return identifier_of(obj)

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if self.staff_only_fields:
            request = self.context.get("request")
            if not (request and request.auth):
                for name in self.staff_only_fields:
                    data.pop(name, None)
        return data

    def build_standard_field(self, field_name, model_field):
        field_class, kwargs = super().build_standard_field(field_name, model_field)
        if issubclass(field_class, serializers.CharField):
            field_class = strict_text(field_class)
        # Uniqueness is checked by full_clean() with the model's own (translated) message.
        validators = [v for v in kwargs.get("validators", []) if not isinstance(v, UniqueValidator)]
        if "validators" in kwargs:
            kwargs["validators"] = validators
        return field_class, kwargs

    def get_validators(self):
        return []

    def validate(self, attrs):
        model = self.Meta.model
        candidate = copy.copy(self.instance) if self.instance is not None else model()
        local = {f.name: f for f in model._meta.concrete_fields}
        for name, value in attrs.items():
            if name in local:
                setattr(candidate, name, value)
        exclude = [f.name for f in model._meta.many_to_many]
        try:
            candidate.full_clean(exclude=exclude)
        except DjangoValidationError as error:
            raise serializers.ValidationError(drf_errors(error)) from error
        return attrs
