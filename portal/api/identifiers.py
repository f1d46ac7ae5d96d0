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


def identifier_of(obj):
    for name in identifier_fields(type(obj)):
        value = getattr(obj, name)
        if value not in (None, ""):
            return str(value)
    return str(obj.pk)


def display_name(obj):
    """The record's name in the language of the request (English where the record has one)."""
    if translation.get_language() == "en" and getattr(obj, "name_en", ""):
        return obj.name_en
    for name in ("name", "title"):
        value = getattr(obj, name, None)
        if isinstance(value, str):
            return value
    return str(obj)


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


def showing(queryset, **related):
    """`queryset` with every column of its records, but of each related record (shown as
    {identifier, name}) only the named columns: building a page's related records with all
    their columns cost more than serializing it."""
    own = [field.attname for field in queryset.model._meta.concrete_fields]
    shown = [f"{path}__{name}" for path, names in related.items() for name in names]
    return queryset.only(*own, *shown)
