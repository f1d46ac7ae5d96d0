"""Serializer fields that show records and choices the way integrators read them.

A related record reads as `{"identifier": "500106", "name": "沙坪坝区"}` and is written as its
identifier; a choice reads as `{"value": "gold", "label": "金牌"}` (label in the request's
language) and is written as its value.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import relations, serializers

from portal.finding import identifiers

from .display import display_name, prefetched_name


class DateTimeField(serializers.DateTimeField):
    """DRF's, asking for the current time zone once per field (it serves one request) rather
    than for every row."""

    def default_timezone(self):
        if not hasattr(self, "zone"):
            self.zone = super().default_timezone()
        return self.zone


class ReadsPrefetchedRows:
    """A field of many related records: it reads the list that display.prefetched() left
    on the record, else the relation."""

    def get_attribute(self, instance):
        rows = instance.__dict__.get(prefetched_name(self.source))
        return super().get_attribute(instance) if rows is None else rows


class ManyIdentifiersField(ReadsPrefetchedRows, serializers.ManyRelatedField):
    pass


class IdentifierRelatedField(serializers.RelatedField):
    default_error_messages = {
        "does_not_exist": _("没有找到“{value}”。"),
        "incorrect_type": _("应为标识字符串。"),
    }

    @classmethod
    def many_init(cls, *args, **kwargs):
        many = {key: kwargs[key] for key in kwargs if key in relations.MANY_RELATION_KWARGS}
        return ManyIdentifiersField(child_relation=cls(*args, **kwargs), **many)

    json_keys = ("identifier", "name")  # the object it reads as (CSV columns)

    def use_pk_only_optimization(self):
        return False

    def to_representation(self, value):
        return {"identifier": identifiers.identifier_of(value), "name": display_name(value)}

    def to_internal_value(self, data):
        if isinstance(data, dict):
            data = data.get("identifier")
        if isinstance(data, bool) or not isinstance(data, str | int):
            self.fail("incorrect_type")
        try:
            return identifiers.find(self.get_queryset(), data)
        except identifiers.Ambiguous as error:
            raise serializers.ValidationError(str(error), code="ambiguous") from None
        except identifiers.Unknown:
            self.fail("does_not_exist", value=data)

    def get_queryset(self):
        queryset = super().get_queryset()
        request = self.context.get("request")
        view = self.context.get("view")
        if request is not None and view is not None:
            queryset = view.choosable(queryset)
        return queryset


class LabelledChoiceField(serializers.ChoiceField):
    json_keys = ("value", "label")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Each label translated once per field: a field serves one request, in one language,
        # and translating the same label again for every row cost more than the row's value.
        self.labels = {}

    def to_representation(self, value):
        if value in ("", None):
            return None
        value = str(value)
        label = self.labels.get(value)
        if label is None:
            label = self.labels[value] = str(self.choices.get(value, value))
        return {"value": value, "label": label}

    def to_internal_value(self, data):
        if data is None and self.allow_blank:
            return ""
        return super().to_internal_value(data)
