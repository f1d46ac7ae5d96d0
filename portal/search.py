"""The `q` search of every list: the typed text as a substring of any of a FilterSet's
`search_fields` (Chinese has no word breaks), the same for the public pages and the API.

`organization__name__icontains` would join every row to its organization and test each one; the
same question asked as "organization among the organizations whose name matches" lets the
database combine indexes (a trigram index here, a foreign-key index there) instead of reading
the whole table. So a field behind a to-one relation is matched in its own table first, and the
matching keys go into the search as a list: the planner sees the real list, or nothing at all
when none match; past RELATED_KEYS_LIMIT they stay a subquery. All of a search's related
tables are read in one round trip, by a statement written once per process, and prepared
unless one of those tables is city-sized (`city_sized`).
"""

from collections.abc import Callable
from typing import NamedTuple

from django.core.exceptions import EmptyResultSet, FieldDoesNotExist
from django.db.models import F, Lookup, Q
from django.db.models.expressions import RawSQL

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
            if isinstance(found, KeysStandIn):
                condition |= Q(AnyOf(F(relation), found))
                continue
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


def city_sized(model):
    """Whether `model`'s table grows to the city's size (a million craftsmen; the model says
    so with `city_sized = True`): a search of it is planned for each text (a trigram index
    for some texts, a scan for others), never by one prepared plan, which suits small tables
    (organizations, occupations) whatever the text; and rows pointing at it seldom share a
    record (portal.api.lean writes such a record's JSON per row)."""
    return getattr(model, "city_sized", False)


_statements = {}


def related_keys(plans, value, *, using):
    """For each plan, its related_keys: all of them read in one query, each related table
    and column once however many paths reach it (four lists search organizations' names)."""
    # (related model, column) -> (its place in the statement, the first path reaching it).
    sources = {}
    for plan in plans:
        for path, (_relation, model, column) in plan.related.items():
            sources.setdefault((model, column), (len(sources), plan, path))
    statement = _statement(plans, sources, using)
    if statement is None:  # a lookup written other than as one pattern: one query each
        return [
            {path: plan.keys_by_orm(path, value, using) for path in plan.related} for plan in plans
        ]
    rows = []
    if sources:
        pattern = prepared.like_pattern(value, using)
        steady = not any(city_sized(model) for model, _column in sources)
        rows = prepared.fetchall(statement, [pattern] * len(sources), using=using, prepare=steady)
    found_in = {}
    for source, key in rows:
        found_in.setdefault(source, []).append(key)
    keys = []
    for plan in plans:
        found = {}
        for path, (_relation, model, column) in plan.related.items():
            found[path] = list(found_in.get(sources[model, column][0], ()))
            if len(found[path]) > RELATED_KEYS_LIMIT:
                found[path] = plan.matches(path, value, using).values("pk")
        keys.append(found)
    return keys


def _statement(plans, sources, using):
    """The first RELATED_KEYS_LIMIT + 1 matching keys of each related table and column
    (`sources`: its place and a path reaching it), tagged with the place, as one UNION ALL
    taking the pattern once per source, written once per process; None if a lookup does not
    take the pattern as its one parameter."""
    key = (using, tuple(id(plan) for plan in plans))
    if key not in _statements:
        parts = []
        for at, plan, path in sources.values():
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


class KeysStandIn:
    """Stands for a related path's matching keys while a search's statement is written: one
    array parameter, however many keys the request finds (see counted_first)."""


class AnyOf(Lookup):
    """`column = ANY(%s)`, the keys as one array (PostgreSQL): what `column IN (...)` becomes
    in the planner, written with one parameter so one statement serves any number of keys."""

    lookup_name = "any_of"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        return f"{lhs} = ANY(%s)", [*lhs_params, self.rhs]


_sections = {}


class Listed(NamedTuple):
    """One list a site search counts and shows: `records()` gives its public records in their
    order, `plan` its search rule, `columns` what a result shows. `planned_per_search`: a list
    of the city's size (a million craftsmen), whose best plan depends on the text searched
    for (a trigram index for some texts, a scan for others)."""

    name: str
    records: Callable
    plan: SearchPlan
    columns: tuple
    planned_per_search: bool = False


def counted_first(sources, value, *, limit, using):
    """For each source (Listed), (count, rows): how many of its records match `value` and the
    first `limit` of them as tuples of its columns, in its records' order (querysets built
    only when a shape is first met, or off PostgreSQL).

    The related names are read first (related_keys). On PostgreSQL the counts and first rows
    are then two statements, each written once per process for each shape of search (which
    related paths found nothing, some keys, or too many): the lists whose best plan does not
    depend on the text (all but the city-sized ones, none reading a related table as a
    subquery) in one prepared statement with the text as a parameter, planned once per
    connection; the others planned per request with the request's text written in. Parsing
    and planning the one statement of all six lists was ~1.4 ms of PostgreSQL's ~1.7 ms.
    """
    keys = related_keys([source.plan for source in sources], value, using=using)
    if not prepared.supported(using):
        return _counted_first_by_orm(sources, value, keys, limit, using)
    steady = [
        not source.planned_per_search
        and all(_state(found[path]) != "many" for path in source.plan.related)
        for source, found in zip(sources, keys, strict=True)
    ]
    answers = [None] * len(sources)
    for prepare in (True, False):
        members = [at for at, kept in enumerate(steady) if kept == prepare]
        if not members:
            continue
        found = _counted_together(
            [sources[at] for at in members],
            [keys[at] for at in members],
            value,
            limit,
            using,
            prepare,
        )
        if found is None:
            return _counted_first_by_orm(sources, value, keys, limit, using)
        for at, answer in zip(members, found, strict=True):
            answers[at] = answer
    return answers


def _counted_together(sources, keys, value, limit, using, prepare):
    """The counts and first rows of `sources` in one statement (see counted_first), or None
    when a source cannot be written so."""
    shape = (
        using,
        limit,
        *(_shape(source, found) for source, found in zip(sources, keys, strict=True)),
    )
    if shape not in _sections:
        _sections[shape] = _section_statement(sources, keys, limit, using)
    statement = _sections[shape]
    if statement is None:
        return None
    sql, slots = statement
    values = [value]
    for source, found in zip(sources, keys, strict=True):
        values += [found[path] for path in source.plan.related if _state(found[path]) == "keys"]
    params = prepared.dressed(values, slots)
    row = prepared.fetchall(sql, params, using=using, prepare=prepare)[0]
    found = [(None, None) if each is None else each for each in row]
    return [(total or 0, [tuple(item) for item in rows or ()]) for total, rows in found]


def _state(found):
    """A related path's matches: none, a list of keys, or a subquery (too many to list)."""
    if isinstance(found, list):
        return "keys" if found else "none"
    return "many"


def _shape(source, found):
    states = tuple(_state(found[path]) for path in source.plan.related)
    return (source.name, id(source.plan), tuple(source.columns), states)


def _matching(queryset, plan, value, found, using):
    return queryset.filter(plan.condition(value, found)).using(using)


def _counted_first_by_orm(sources, value, keys, limit, using):
    matches = [
        _matching(source.records(), source.plan, value, found, using)
        for source, found in zip(sources, keys, strict=True)
    ]
    counts = count_each(matches, using=using)
    return [
        (count, list(found.values_list(*source.columns)[:limit]) if count else [])
        for source, found, count in zip(sources, matches, counts, strict=True)
    ]


def _section_statement(sources, keys, limit, using):
    """(sql, slots) of the counts and first pages of `sources` for searches shaped as `keys`
    are: compiled with stand-ins for the text (slot 0) and for each listed path's keys (the
    next slots, in the sources' and paths' order). None when a source cannot be written so."""
    text = prepared.MARKERS[str](0)
    markers = {id(text): (0, text)}
    parts = []
    for at, (source, found) in enumerate(zip(sources, keys, strict=True)):
        queryset, plan, columns = source.records(), source.plan, source.columns
        stand_ins = {}
        for path in plan.related:
            state = _state(found[path])
            if state == "keys":
                marker = stand_ins[path] = KeysStandIn()
                markers[id(marker)] = (len(markers), marker)
            else:
                stand_ins[path] = [] if state == "none" else plan.matches(path, text, using)
                if state == "many":
                    stand_ins[path] = stand_ins[path].values("pk")
        matches = _matching(queryset, plan, text, stand_ins, using)
        order = _order(queryset)
        if order is None:
            return None
        extra = [name for name, _descending in order if name not in columns]
        keys_of = ["pk", *(name for name, _descending in order if name != "pk")]
        try:
            found_sql, slots, _ = prepared.parametrize(
                matches.order_by().values_list(*keys_of), markers, ahead=True
            )
        except EmptyResultSet:  # nothing can match: no query for this list
            parts.append((None, "NULL", []))
            continue
        # Every match's key and ordering columns, read once (MATERIALIZED): counted, and the
        # first `limit` of them read with what the page shows. Planned without a LIMIT, the
        # search's condition gets the plan for finding every match (a trigram index); asked
        # for "the first ten by name", PostgreSQL walked the name index hoping to meet ten
        # matches early, reading most of a million rows for a common name.
        table = f"m{at}"
        kept = ", ".join(f"k{n}" for n in range(len(keys_of)))
        place = {name: f"k{n}" for n, name in enumerate(keys_of)}
        by = ", ".join(f"{place[name]}{' DESC' if down else ''}" for name, down in order)
        first = RawSQL(f"SELECT k0 FROM {table} ORDER BY {by} LIMIT {int(limit)}", [])
        shown = queryset.filter(pk__in=first).values_list(*columns, *extra)
        shown_sql, shown_slots, _ = prepared.parametrize(shown, markers, ahead=True)
        if shown_slots:  # what a result shows depends on the request: not written ahead
            return None
        names = ", ".join(f"c{n}" for n in range(len(columns) + len(extra)))
        where = {name: n for n, name in enumerate([*columns, *extra])}
        row = ", ".join(f"t{at}.c{n}" for n in range(len(columns)))
        again = ", ".join(f"t{at}.c{where[name]}{' DESC' if down else ''}" for name, down in order)
        parts.append(
            (
                f"{table}({kept}) AS MATERIALIZED ({found_sql})",
                f"json_build_array((SELECT COUNT(*) FROM {table}), "
                f"(SELECT json_agg(json_build_array({row}) ORDER BY {again}) "
                f"FROM ({shown_sql}) t{at}({names})))",
                slots,
            )
        )
    tables = [table for table, _part, _slots in parts if table is not None]
    sql = "SELECT " + ", ".join(part for _table, part, _slots in parts)
    if tables:
        sql = f"WITH {', '.join(tables)} {sql}"
    if text in sql:  # the stand-in written as a constant: only this request's statement
        return None
    return sql, [slot for _table, _part, slots in parts for slot in slots]


def _order(queryset):
    """[(column, descending)] of the queryset's ordering, or None unless plain columns."""
    names = queryset.query.order_by or queryset.model._meta.ordering
    order = []
    for name in names:
        if not isinstance(name, str) or name == "?":
            return None
        column = name.lstrip("-")
        field = "pk" if column in ("pk", "id") else column
        try:
            found = queryset.model._meta.get_field(field) if field != "pk" else None
        except FieldDoesNotExist:
            return None
        if found is not None and (found.is_relation or not found.concrete):
            return None
        order.append((column, name.startswith("-")))
    return order
