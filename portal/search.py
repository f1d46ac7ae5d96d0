"""The `q` search of every list: the typed text as a substring of any of a FilterSet's
`search_fields` (Chinese has no word breaks), the same for the public pages and the API.

`organization__name__icontains` would join every row to its organization and test each one; the
same question asked as "organization among the organizations whose name matches" lets the
database combine indexes (a trigram index here, a foreign-key index there) instead of reading
the whole table. So a field behind a to-one relation is matched in its own table first, and the
matching keys go into the search as a list: the planner sees the real list, or nothing at all
when none match; past RELATED_KEYS_LIMIT they stay a subquery. All of a search's related
tables are read in one round trip, by a statement written once per process.
"""

from django.core.exceptions import EmptyResultSet
from django.db.models import Q

from . import prepared

RELATED_KEYS_LIMIT = 1000
MARK = "\x01search\x01"


class SearchPlan:
    """How one model's `fields` are searched: which are matched in place and which through a
    related table (`related`: {path: (relation, related model, column)})."""

    _plans = {}

    def __init__(self, model, fields):
        self.fields = tuple(fields)
        self.related = {}
        for path in self.fields:
            found = to_one(model, path)
            if found is not None:
                self.related[path] = found

    @classmethod
    def of(cls, model, fields):
        key = (model, tuple(fields))
        if key not in cls._plans:
            cls._plans[key] = cls(model, fields)
        return cls._plans[key]

    def related_keys(self, value, *, using):
        """{path: the keys of the related records matching `value`} for each related path: a
        list, or a subquery past RELATED_KEYS_LIMIT. One query, however many related paths."""
        return related_keys([self], value, using=using)[0]

    def condition(self, value, keys):
        """The search as one condition, the related paths by `keys` (see related_keys)."""
        condition = Q()
        for path in self.fields:
            if path not in self.related:
                condition |= Q(**{f"{path}__icontains": value})
                continue
            found = keys[path]
            relation = self.related[path][0]
            # No match: a condition nothing meets, which the ORM leaves out of the OR.
            condition |= Q(**{f"{relation}__in": found}) if found != [] else Q(pk__in=[])
        return condition

    def matches(self, path, value, using):
        _relation, model, column = self.related[path]
        return model._base_manager.using(using).filter(**{f"{column}__icontains": value}).order_by()

    def keys_by_orm(self, path, value, using):
        matches = self.matches(path, value, using)
        found = list(matches.values_list("pk", flat=True)[: RELATED_KEYS_LIMIT + 1])
        return matches.values("pk") if len(found) > RELATED_KEYS_LIMIT else found


_statements = {}


def related_keys(plans, value, *, using):
    """For each plan, its related_keys: all of them read in one query."""
    arms = [(plan, path) for plan in plans for path in plan.related]
    statement = _statement(plans, arms, using)
    if statement is None:  # a lookup written other than as one pattern: one query each
        return [
            {path: plan.keys_by_orm(path, value, using) for path in plan.related} for plan in plans
        ]
    rows = []
    if arms:
        pattern = prepared.like_pattern(value, using)
        rows = prepared.fetchall(statement, [pattern] * len(arms), using=using, prepare=False)
    keys = [{path: [] for path in plan.related} for plan in plans]
    places = {id(plan): at for at, plan in enumerate(plans)}
    for arm, key in rows:
        plan, path = arms[arm]
        keys[places[id(plan)]][path].append(key)
    for plan, found in zip(plans, keys, strict=True):
        for path, matched in found.items():
            if len(matched) > RELATED_KEYS_LIMIT:
                found[path] = plan.matches(path, value, using).values("pk")
    return keys


def _statement(plans, arms, using):
    """Every related path's (`arms`: (plan, path) in order) first RELATED_KEYS_LIMIT + 1
    matching keys, tagged with the path's place, as one UNION ALL taking the pattern once per
    path, written once per process; None if a lookup does not take the pattern as its one
    parameter."""
    key = (using, tuple(id(plan) for plan in plans))
    if key not in _statements:
        parts = []
        for at, (plan, path) in enumerate(arms):
            query = plan.matches(path, MARK, using).values_list("pk")
            sql, params = query[: RELATED_KEYS_LIMIT + 1].query.sql_with_params()
            if list(params) != [prepared.like_pattern(MARK, using)]:
                parts = None
                break
            parts.append(f"SELECT {at}, r{at}.* FROM ({sql}) r{at}")
        _statements[key] = None if parts is None else " UNION ALL ".join(parts)
    return _statements[key]


def count_each(querysets, *, using):
    """The count of each queryset, in one query (a page of search results counts six lists)."""
    parts, params = [], []
    for at, queryset in enumerate(querysets):
        try:
            sql, found = queryset.order_by().values("pk").query.sql_with_params()
        except EmptyResultSet:
            parts.append("0")
            continue
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) c{at})")
        params.extend(found)
    return list(
        prepared.fetchall(f"SELECT {', '.join(parts)}", params, using=using, prepare=False)[0]
    )


def to_one(model, path):
    """(relation, related model, column) when `path` ends in a column of a record reached
    through to-one relations; None for a column of `model` or a many-valued relation."""
    relation, _sep, column = path.rpartition("__")
    if not relation:
        return None
    for part in relation.split("__"):
        field = model._meta.get_field(part)
        if not field.concrete or not (field.many_to_one or field.one_to_one):
            return None
        model = field.related_model
    return relation, model, column
