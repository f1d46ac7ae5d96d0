"""A FilterSet's plain filters read straight from the query string, for the anonymous API read
path (portal/api/fast.py).

Building a FilterSet copies every filter, builds a form with a field per filter and validates
it: about a millisecond and a half per request, more than the database takes to answer a page.
The filters an anonymous list is mostly asked for are plain equality (a district, a year, a
choice, a yes/no) and the `q` search: here they become the very same ORM lookups, read from the
FilterSet's own declarations (field name, choices, bounds, lookups), so parameter names and
meaning stay the FilterSet's. Anything else, and any value the FilterSet would refuse, is left
to the FilterSet itself (None), which answers with its usual message.
"""

import re
from collections.abc import Callable
from typing import NamedTuple

import django_filters
from django.db.models import Subquery
from django.db.models.functions import Coalesce

from . import prepared
from .filters import IdentifierFilter

INTEGER = re.compile(r"^-?\d{1,9}$")
BOOLEANS = {"true": True, "false": False}
# Parameters of the list itself, not filters (portal.api.pagination, portal.api.viewsets).
LIST_PARAMETERS = {"cursor", "page_size", "lang", "format"}
MARK = "\x01identifier\x01"

_lookup_sql = {}


class Narrowing(NamedTuple):
    """One filter of a request: `apply(queryset, value)` narrows a queryset. `shape` is what
    it asks without the value (None where its SQL depends on the value); `marked` says whether
    the value can be statement parameters (not a yes/no, which is in `shape`): one value, or a
    tuple of them. `planned_per_value`: its best plan depends on the value (a search).
    `named_by`: the IdentifierFilter whose record the value names, for a step that looks the
    record up inside the statement (`deferred`); `resolved()` then finds it on its own."""

    shape: tuple | None
    value: object
    marked: bool
    apply: Callable
    planned_per_value: bool = False
    named_by: IdentifierFilter | None = None

    def resolved(self):
        """This step with the record its value names looked up now (for counting, which
        needs the key for the planner's estimate); None when no record has that name."""
        if self.named_by is None:
            return self
        found = identifier_key(self.named_by, self.value)
        return None if found is None else _equal(self.named_by, found)


def narrow(queryset, steps, value_of):
    """`queryset` narrowed by each filter step, with the value `value_of(step)` gives."""
    for step in steps:
        queryset = step.apply(queryset, value_of(step))
    return queryset


def each(value):
    """A filter's values as a statement takes them: a tuple's items, else the one value."""
    return value if type(value) is tuple else (value,)


def plain_filters(filterset_class, params, *, deferred=False):
    """[Narrowing] for `params`, or None (see the module's text). `deferred`: a filter naming a
    record by its identifier (a district's code) looks the record up inside the statement
    instead of in a query of its own; the caller must then check, when nothing matches, that
    the record exists (`Narrowing.resolved`), since the FilterSet refuses an unknown one."""
    steps = []
    for name, value in params.items():
        if name in LIST_PARAMETERS:
            continue
        if "\x00" in name or "\x00" in value:
            return None
        declared = filterset_class.base_filters.get(name)
        if declared is None or name in filterset_class.staff_only_filters:
            continue  # not a filter here: ignored, as the FilterSet ignores it
        if declared.exclude or declared.distinct:
            return None
        step = _step(filterset_class, declared, value, deferred)
        if step is None:
            return None
        if step is not _NOTHING:
            steps.append(step)
    return steps


_NOTHING = Narrowing((), None, False, lambda queryset, value: queryset)


def _step(filterset_class, declared, value, deferred=False):
    kind = type(declared)
    if declared.method is not None:
        if declared.method == "search" and kind is django_filters.CharFilter:
            text = _text(declared, value)
            if not text:
                return None if text is None else _NOTHING
            return _search(filterset_class, text)
        return None
    if declared.lookup_expr != "exact":
        return None
    if value == "" and kind is not django_filters.CharFilter:
        return None  # refused with a message by the API's type check
    if kind is IdentifierFilter:
        if deferred and value.strip() and _looked_up_inside(declared):
            return _named(declared, value.strip())
        found = identifier_key(declared, value.strip())
        return None if found is None else _equal(declared, found)
    if kind is django_filters.ChoiceFilter:
        choices = declared.extra["choices"]
        choices = choices() if callable(choices) else choices
        if declared.extra.get("null_label") is not None or value not in {
            str(key) for key, _ in choices
        }:
            return None
        return _equal(declared, value)
    if kind is django_filters.NumberFilter:
        if not INTEGER.match(value):
            return None
        number = int(value)
        low, high = declared.extra.get("min_value"), declared.extra.get("max_value")
        if (low is not None and number < low) or (high is not None and number > high):
            return None
        return _equal(declared, number)
    if kind is django_filters.BooleanFilter:
        if value not in BOOLEANS:
            return None
        answer = BOOLEANS[value]
        name = declared.field_name
        return Narrowing(("=", name, answer), answer, False, _filter_on(name))
    if kind is django_filters.CharFilter:
        text = _text(declared, value)
        if not text:
            return None if text is None else _NOTHING
        return _equal(declared, text)
    return None


def _search(filterset_class, text):
    """The `q` search: its related tables are read now, so the shape can say how many keys
    each gave; the text and the keys are then the statement's parameters."""
    plan = filterset_class.search_plan()
    keys = plan.related_keys(text, using=filterset_class._meta.model._default_manager.db)
    if any(not isinstance(found, list) for found in keys.values()):  # a subquery: as it is
        return Narrowing(
            None, text, False, lambda queryset, value: queryset.filter(plan.condition(value, keys))
        )
    counts = tuple(len(found) for found in keys.values())

    def apply(queryset, values):
        rest = iter(values[1:])
        found = {path: [next(rest) for _ in range(n)] for path, n in zip(keys, counts, strict=True)}
        return queryset.filter(plan.condition(values[0], found))

    values = (text, *(key for found in keys.values() for key in found))
    return Narrowing(("q", counts), values, True, apply, planned_per_value=True)


def _text(declared, value):
    """The value as the form's CharField reads it (stripped), None when too long."""
    text = value.strip()
    limit = declared.extra.get("max_length")
    return None if limit is not None and len(text) > limit else text


def _equal(declared, value):
    """Rows whose field is `value`, the value a parameter of the compiled statement."""
    return Narrowing(("=", declared.field_name), value, True, _filter_on(declared.field_name))


def _filter_on(name):
    def apply(queryset, value):
        return queryset.filter(**{name: value})

    return apply


def _looked_up_inside(declared):
    """Whether every lookup of the filter compares the text as it is (a text column), so the
    statement can find the record with the text as its parameter."""
    queryset = declared.extra["queryset"]
    return prepared.supported(queryset.db) and all(
        _lookup_statement(declared, queryset, lookup) is not None
        for lookup in declared.extra.get("lookups", ("pk",))
    )


def _named(declared, text):
    """Rows whose field holds the record `text` names, found inside the statement by the
    filter's lookups in order (the first that matches, as identifier_key): one round trip
    less than looking the key up first."""
    queryset = declared.extra["queryset"]
    name = declared.field_name

    def apply(rows, value):
        firsts = [
            Subquery(_first(queryset.filter(**{lookup: value})).values("pk")[:1])
            for lookup in declared.extra.get("lookups", ("pk",))
        ]
        return rows.filter(**{name: firsts[0] if len(firsts) == 1 else Coalesce(*firsts)})

    return Narrowing(("named", name), text, True, apply, named_by=declared)


def identifier_key(declared, text):
    """The primary key of the record `text` names, by the filter's lookups in order, as
    portal.filters.IdentifierChoiceField finds it; None when none does."""
    if not text:
        return None
    queryset = declared.extra["queryset"]
    for lookup in declared.extra.get("lookups", ("pk",)):
        sql = _lookup_statement(declared, queryset, lookup)
        if sql is None:  # not a text lookup: the form field's own way
            found = _orm_lookup(queryset, lookup, text)
        else:
            rows = prepared.fetchall(sql[0], [*sql[1], text, *sql[2]], using=queryset.db)
            found = rows[0][0] if rows else None
        if found is not None:
            return found
    return None


def _orm_lookup(queryset, lookup, text):
    from django.core.exceptions import ValidationError

    try:
        return _first(queryset.filter(**{lookup: text})).values_list("pk", flat=True).first()
    except (ValueError, TypeError, ValidationError):
        return None


def _first(queryset):
    """What `.first()` reads: the queryset's order, else the primary key's."""
    return queryset if queryset.ordered else queryset.order_by("pk")


def _lookup_statement(declared, queryset, lookup):
    """(sql, params before the value, params after it) of "the first record whose `lookup` is
    the value", compiled once per filter and lookup; None where the value is not passed as it
    is (not a text column), and on other databases."""
    key = (id(declared), lookup)
    if key not in _lookup_sql:
        statement = None
        if prepared.supported(queryset.db):
            try:
                query = _first(queryset.filter(**{lookup: MARK})).values_list("pk")[:1].query
                sql, params = query.sql_with_params()
            except (ValueError, TypeError):
                sql, params = None, ()
            params = list(params)
            if sql is not None and params.count(MARK) == 1:
                at = params.index(MARK)
                statement = (sql, params[:at], params[at + 1 :])
        _lookup_sql[key] = statement
    return _lookup_sql[key]
