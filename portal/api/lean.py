"""The lean read path of anonymous API lists: database rows as dictionaries, not model instances
run through DRF serializer fields.

At a million rows the database answers a page in milliseconds; building fifty model instances
with their joined relations and passing every value through a serializer field cost ten times
that. A `LeanPlan` is compiled once per serializer class from the serializer's own fields: it
names the columns to read with `.values()` and, per field, a reader that turns a row into
exactly what the field's `to_representation()` returns for an anonymous reader. A serializer
with a field the plan cannot reproduce (a many-to-many, a nested serializer, a computed field)
has no plan and keeps the DRF path. tests/portal/test_api_lean.py holds each plan to the
serializer's output, field by field.
"""

import functools

from django.conf import settings
from django.utils import timezone, translation
from rest_framework import ISO_8601, serializers
from rest_framework import fields as drf_fields
from rest_framework.settings import api_settings

from .fields import IdentifierRelatedField, LabelledChoiceField
from .identifiers import first_identifier, identifier_fields, name_in

# DRF fields whose representation depends on the value alone (no request, no instance).
PLAIN_FIELDS = (
    drf_fields.CharField,
    drf_fields.IntegerField,
    drf_fields.BooleanField,
    drf_fields.DateField,
    drf_fields.DecimalField,
    drf_fields.FloatField,
    drf_fields.UUIDField,
)


class Unsupported(Exception):
    """A field the lean path cannot reproduce exactly: the serializer keeps the DRF path."""


class RequestState:
    """What readers need once per request: the active time zone and translated labels."""

    def __init__(self):
        self.timezone = timezone.get_current_timezone()
        self.language = translation.get_language()
        self._labels = {}

    def labels(self, field):
        found = self._labels.get(id(field))
        if found is None:
            found = {str(value): str(label) for value, label in field.choices.items()}
            self._labels[id(field)] = found
        return found


def identifier_reader(model, prefix=""):
    """The columns holding a record's identifier (its primary key last) and a reader: the
    rule of portal.api.identifiers.identifier_of over a row."""
    names = [name for name in identifier_fields(model) if name != "pk"]
    columns = [f"{prefix}{name}" for name in names] + [f"{prefix}pk"]
    for name in names:
        model._meta.get_field(name)  # a typo fails here, at compile time

    def read(row):
        return first_identifier(row[column] for column in columns)

    return columns, read


def name_reader(model, prefix=""):
    """portal.api.identifiers.display_name over a row: English name when asked and present."""
    names = {field.name for field in model._meta.concrete_fields}
    base = next((name for name in ("name", "title") if name in names), None)
    if base is None:
        raise Unsupported(f"{model.__name__} has no name")
    columns = [f"{prefix}{base}"]
    english = f"{prefix}name_en" if "name_en" in names else None
    if english:
        columns.append(english)

    def read(row, state):
        return name_in(state.language, row[columns[0]], row[english] if english else "")

    return columns, read


def related_reader(field, source):
    """An IdentifierRelatedField (or a subclass that says how) over a row."""
    model = field.queryset.model if field.queryset is not None else None
    if model is None:
        raise Unsupported(f"{field.field_name}: no related model")
    prefix = f"{source}__"
    id_columns, read_identifier = identifier_reader(model, prefix)
    name_columns, read_name = name_reader(model, prefix)
    visible_columns, visible = field.lean_visibility(prefix)
    columns = [source, *id_columns, *name_columns, *visible_columns]

    def read(row, state):
        if row[source] is None or not visible(row):
            return None
        return {"identifier": read_identifier(row), "name": read_name(row, state)}

    return columns, read


def field_reader(serializer, field):
    """(columns, reader(row, state)) reproducing `field.to_representation` for a reader
    without a token."""
    if isinstance(field, serializers.SerializerMethodField):
        if field.method_name == "get_identifier" and not _overrides(serializer, "get_identifier"):
            columns, read = identifier_reader(serializer.Meta.model)
            return columns, lambda row, state: read(row)
        raise Unsupported(f"{field.field_name}: a computed field")
    if field.source == "*" or "." in field.source:
        raise Unsupported(f"{field.field_name}: source {field.source}")
    source = field.source
    model_field = _model_field(serializer.Meta.model, source)
    if isinstance(field, IdentifierRelatedField):
        if not model_field.many_to_one:
            raise Unsupported(f"{field.field_name}: not a foreign key")
        return related_reader(field, source)
    if isinstance(field, serializers.RelatedField | serializers.ManyRelatedField):
        raise Unsupported(f"{field.field_name}: {type(field).__name__}")
    if model_field.is_relation:
        raise Unsupported(f"{field.field_name}: a relation")
    if type(field) is LabelledChoiceField:

        def read_choice(row, state, field=field):
            value = row[source]
            if value in ("", None):
                return None
            text = str(value)
            return {"value": text, "label": state.labels(field).get(text, value)}

        return [source], read_choice
    if type(field) is drf_fields.DateTimeField and _iso_in_current_zone(field):
        return [source], _datetime_reader(source)
    if isinstance(field, PLAIN_FIELDS) and _plain(field):

        def read_plain(row, state, represent=field.to_representation):
            value = row[source]
            return None if value is None else represent(value)

        return [source], read_plain
    raise Unsupported(f"{field.field_name}: {type(field).__name__}")


def _datetime_reader(source):
    """DRF's ISO 8601 in the active time zone, `Z` for UTC, without a call per value into
    the field (the same format as DateTimeField.to_representation with default settings)."""

    def read(row, state):
        value = row[source]
        if value is None:
            return None
        text = value.astimezone(state.timezone).isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text

    return read


def _iso_in_current_zone(field):
    output = getattr(field, "format", api_settings.DATETIME_FORMAT)
    return (
        isinstance(output, str)
        and output.lower() == ISO_8601
        and not hasattr(field, "timezone")
        and settings.USE_TZ
    )


def _plain(field):
    """A plain field whose to_representation has not been replaced (our strict text fields
    only change how input is read)."""
    for klass in type(field).__mro__:
        if "to_representation" in vars(klass):
            return klass.__module__.startswith("rest_framework")
    return False


def _overrides(serializer, name):
    from .serializers import PortalModelSerializer

    return getattr(type(serializer), name) is not getattr(PortalModelSerializer, name)


def _model_field(model, name):
    try:
        return model._meta.get_field(name)
    except Exception as error:
        raise Unsupported(f"{name}: not a model field") from error


class LeanPlan:
    """The columns one serializer reads and a builder of its anonymous representation."""

    def __init__(self, serializer):
        hidden = set(getattr(serializer, "staff_only_fields", ()))
        self.readers = []
        columns = ["pk", "updated", "last_removal"]  # last_removal: PortalListViewSet.list
        for field in serializer._readable_fields:
            if field.field_name in hidden:
                continue
            field_columns, read = field_reader(serializer, field)
            columns.extend(c for c in field_columns if c not in columns)
            self.readers.append((field.field_name, read))
        self.columns = columns

    def represent(self, rows):
        state = RequestState()
        readers = self.readers
        return [{name: read(row, state) for name, read in readers} for row in rows]


@functools.cache
def plan_for(serializer_class):
    """The serializer's LeanPlan, or None when one of its fields needs the DRF path."""
    serializer = serializer_class(context={})
    try:
        return LeanPlan(serializer)
    except Unsupported:
        return None
