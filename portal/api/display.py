"""How the API shows a record: its name in the request's language, and the columns it reads.

A record's identifier, and finding a record by one, belong to portal.finding.identifiers:
one rule for the API, filters, imports and seeds.
"""

from django.db.models import Prefetch
from django.utils import translation


def display_name(obj):
    """The record's name in the language of the request (English where the record has one)."""
    if translation.get_language() == "en" and getattr(obj, "name_en", ""):
        return obj.name_en
    for name in ("name", "title"):
        value = getattr(obj, name, None)
        if isinstance(value, str):
            return value
    return str(obj)


def showing(queryset, **related):
    """`queryset` with every column of its records, but of each related record (shown as
    {identifier, name}) only the named columns: building a page's related records with all
    their columns cost more than serializing it."""
    own = [field.attname for field in queryset.model._meta.concrete_fields]
    shown = [f"{path}__{name}" for path, names in related.items() for name in names]
    return queryset.only(*own, *shown)


def prefetched(name, queryset):
    """A prefetch of the related records `name` into a plain list on each record, which the
    serializers read (portal.api.fields.ReadsPrefetchedRows): a prefetch into the relation
    itself builds two QuerySets per record and relation, a third of a program page."""
    return Prefetch(name, queryset=queryset, to_attr=prefetched_name(name))


def prefetched_name(name):
    return f"{name}_prefetched"
