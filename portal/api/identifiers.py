"""Stable identifiers: what integrators key on (a code, slug, uid or year), never a bare id.

Each viewset names its `identifier_fields` in order of preference: the first non-empty one is the
record's identifier, and any of them finds the record again (a district by GB code or slug).
"""

from django.core.exceptions import ValidationError
from django.db import connection, models
from django.utils import translation

from .registry import viewset_for


def identifier_fields(model):
    viewset = viewset_for(model)
    return viewset.identifier_fields if viewset else ("pk",)


def first_identifier(values):
    """The first non-empty of a record's identifier values, as text (None when all are empty).
    Shared with the lean read path (portal/api/lean.py), which reads them from a row."""
    for value in values:
        if value not in (None, ""):
            return str(value)
    return None


def identifier_of(obj):
    found = first_identifier(getattr(obj, name) for name in identifier_fields(type(obj)))
    return found if found is not None else str(obj.pk)


def name_in(language, name, name_en):
    """A record's name in `language`: the English name where it is asked for and present."""
    return name_en if language == "en" and name_en else name


def display_name(obj):
    """The record's name in the language of the request (English where the record has one)."""
    names = (getattr(obj, field, None) for field in ("name", "title"))
    name = next((value for value in names if isinstance(value, str)), None)
    return name_in(
        translation.get_language(),
        name if name is not None else str(obj),
        getattr(obj, "name_en", ""),
    )


def _lookup_value(field, text):
    """`text` as a value of `field`, or None when it cannot be one (so it matches nothing)."""
    if "\x00" in text or len(text) > 200:
        return None
    try:
        value = field.to_python(text)
    except ValidationError:
        return None
    if isinstance(field, models.IntegerField | models.AutoField):
        low, high = connection.ops.integer_field_range(field.get_internal_type())
        if (low is not None and value < low) or (high is not None and value > high):
            return None
    return value


def find(queryset, text):
    """The record of `queryset` that `text` identifies, or None."""
    text = str(text).strip()
    meta = queryset.model._meta
    for name in identifier_fields(queryset.model):
        field = meta.pk if name == "pk" else meta.get_field(name)
        value = _lookup_value(field, text)
        if value is None:
            continue
        match = queryset.filter(**{name: value}).first()
        if match is not None:
            return match
    return None
