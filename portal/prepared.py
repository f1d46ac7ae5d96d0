"""Server-side prepared statements for the few queries that public reads repeat all day.

Planning a query with three joins costs PostgreSQL more than running it for one page (about
0.5 ms against 0.15 ms at a million craftsmen). A prepared statement is planned once per
connection; psycopg keeps them by query text. Only queries that ask for it are prepared: Django's
own cursors bind on the client and never prepare (a generic plan can be far worse than a custom
one, for a substring search above all, so the caller decides: `prepare=False` plans each time).

A query is written once per shape (`parametrize`): compiled by the ORM with stand-ins for
the request's values (MARKERS, found again among its parameters by identity), its constants
written into the text so the planner sees them (a partial index's condition, say), its values
left as parameters. `rows()` does it for a page's `values_list` query.

The statements are logged and wrapped like any Django query (query counts in tests, database
errors as Django's), and live as long as the connection. `DATABASE_PREPARED_STATEMENTS=false`
turns preparing off (a transaction-mode pooler without prepared statement support, say).
"""

import re
from collections import namedtuple
from functools import partial

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.backends.postgresql.base import CursorMixin
from psycopg import RawCursor

# A threshold psycopg never reaches: nothing is prepared unless a query asks for it.
ONLY_WHEN_ASKED = 2**31 - 1


class PreparingCursor(CursorMixin, RawCursor):
    """Prepares what it executes, also when called through Django's cursor wrapper. Takes
    PostgreSQL's own $1 placeholders (`numbered`): psycopg splits a %s text apart again on
    every execution once it is longer than its cache takes (4 KB; an API page's is 7 KB)."""

    def execute(self, query, params=None, *, prepare=True, **kwargs):
        return super().execute(query, params, prepare=prepare, **kwargs)


_numbered = {}


def numbered(sql):
    """`sql` (%s placeholders, %% for a percent sign) with $1, $2... instead, kept per text."""
    found = _numbered.get(sql)
    if found is None:
        if len(_numbered) >= 2048:
            _numbered.clear()
        count = 0
        parts = []
        for token in TOKENS.split(sql):
            if token == "%%":
                parts.append("%")
            elif token == "%s":
                count += 1
                parts.append(f"${count}")
            else:
                parts.append(token)
        found = _numbered[sql] = "".join(parts)
    return found


def supported(using="default"):
    return connections[using].vendor == "postgresql"


def fetchall(sql, params, *, using="default", prepare=True):
    """The rows of `sql` (psycopg placeholders, `%%` for a percent sign) with `params`,
    prepared, or through Django's own cursor when `prepare` is false (or on a database
    without prepared statements)."""
    connection = connections[using]
    if not (
        prepare and supported(using) and getattr(settings, "DATABASE_PREPARED_STATEMENTS", True)
    ):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()
    connection.close_if_health_check_failed()  # as Django's cursor() does (portal/postgresql)
    connection.ensure_connection()
    raw = connection.connection
    if raw.prepare_threshold is None:
        raw.prepare_threshold = ONLY_WHEN_ASKED
        # The statements prepared here are chosen for plans that do not depend on their values
        # (the caller's promise); without this PostgreSQL would keep re-planning those whose
        # generic plan it estimates dearer than a custom one. Set on the connection itself, as
        # Django sets its time zone: the connection's setup, not one of a page's queries.
        with connection.wrap_database_errors:
            raw.execute("SET plan_cache_mode = force_generic_plan")
    with connection.wrap_database_errors:
        cursor = PreparingCursor(raw)
    # Django's own wrapper: logged where queries are logged, errors as Django's errors.
    with connection._prepare_cursor(cursor) as wrapped:
        wrapped.execute(numbered(sql), params)
        rows = wrapped.fetchall()
    if connection.queries_logged and connection.queries_log:  # the text with its values
        connection.queries_log[-1]["sql"] = connection.ops.compose_sql(sql, params)
    return rows


def parametrize(queryset, markers, *, ahead):
    """(sql, slots, fixed) of `queryset`. Compiled `ahead`: the shape's constants written into
    the text for the planner, and `slots` saying which of the request's values each parameter
    is: (index, None or how the ORM dressed the value, to dress each request's value alike).
    Otherwise the parameters themselves, `fixed`: this request's statement only."""
    using = queryset.db
    connection = connections[using]
    inner, params = queryset.query.sql_with_params()
    params = iter(params)
    # `icontains` passes a pattern made of its value: found again by its text.
    patterns = {
        like_pattern(marker, using): at for at, marker in markers.values() if type(marker) is str
    }
    # A small integer column's value comes wrapped for psycopg (Int2): found by its number.
    numbers = {marker: at for at, marker in markers.values() if type(marker) is int}
    parts, slots, fixed = [], [], []
    for token in TOKENS.split(inner):
        if token != "%s":
            parts.append(token)
            continue
        param = next(params)
        slot, marker = markers.get(id(param), (None, None))
        if marker is param:  # the very object standing in for a request's value
            parts.append("%s")
            slots.append((slot, None))
        elif ahead and type(param) is str and param in patterns:
            parts.append("%s")
            slots.append((patterns[param], partial(like_pattern, using=using)))
        elif ahead and isinstance(param, int) and type(param) is not int and param in numbers:
            parts.append("%s")
            slots.append((numbers[param], type(param)))
        elif ahead:  # a constant of the shape
            parts.append(connection.ops.compose_sql("%s", [param]).replace("%", "%%"))
        else:
            parts.append("%s")
            fixed.append(param)
    return "".join(parts), slots, fixed


def dressed(values, slots):
    """Each slot's request value, dressed as the ORM dressed its stand-in."""
    return [values[at] if dress is None else dress(values[at]) for at, dress in slots]


def like_pattern(value, using):
    """The parameter Django's `icontains` passes for `value`."""
    return f"%{connections[using].ops.prep_for_like_query(value)}%"


_shapes = {}
SHAPES_KEPT = 1024  # a day's shapes are new keys where the day is part of them


def rows(key, build, values, *, using="default", prepare=True, row=None):
    """The rows of `build(*values)`, a `values_list(..., named=True)` queryset whose SQL
    depends only on `key`: on PostgreSQL compiled once per process with stand-ins for
    `values` and run as a prepared statement (planned once per connection, so only for a
    query whose best plan does not depend on the values; `prepare=False` plans it per
    request); elsewhere, or where a value does not reach the SQL as a parameter, the queryset
    itself. `row`: a named tuple class of the queryset's fields, in order, to build the rows
    with (a plain one by default)."""
    shape = _shape_of(key, build, values, using)
    if shape is None:
        found = build(*values).using(using)
        return [row._make(each) for each in found] if row is not None else list(found)
    sql, slots, plain = shape
    make = (row or plain)._make
    return [
        make(each) for each in fetchall(sql, dressed(values, slots), using=using, prepare=prepare)
    ]


def count_along(key, build, values, *, also=None, using="default", prepare=True):
    """(count, value): how many rows `build(*values)` has, compiled and run as `rows()` runs
    its query, with the value of `also` (the SQL of a scalar expression without parameters,
    PostgreSQL's) read in the same statement: one round trip for two answers. The value is
    None where `also` is or the count is not a statement of ours."""

    def counted(*values):
        return build(*values).order_by().values_list("pk")

    shape = _shape_of(("count", key), counted, values, using)
    if shape is None:
        return build(*values).using(using).count(), None
    sql, slots, _row = shape
    along = "NULL" if also is None else also
    statement = f"SELECT COUNT(*), {along} FROM ({sql}) counted"
    found = fetchall(statement, dressed(values, slots), using=using, prepare=prepare)[0]
    return found[0], found[1]


def _shape_of(key, build, values, using):
    if supported(using) and (using, key) not in _shapes:
        if len(_shapes) >= SHAPES_KEPT:
            _shapes.clear()
        _shapes[using, key] = _shape(build, values)
    return _shapes.get((using, key))


def _shape(build, values):
    """(sql, slots, row class) of `build` compiled with stand-ins for `values`, or None."""
    markers, stand_ins = {}, []
    if any(type(value) not in MARKERS for value in values):
        return None
    for at, value in enumerate(values):
        marker = MARKERS[type(value)](at)
        markers[id(marker)] = (at, marker)
        stand_ins.append(marker)
    queryset = build(*stand_ins)
    try:
        sql, slots, _fixed = parametrize(queryset, markers, ahead=True)
    except EmptyResultSet:
        return None
    if {at for at, _dress in slots} != set(range(len(values))):
        return None
    return sql, slots, namedtuple("Row", queryset._fields)


# Stand-ins for a request's values while a shape is compiled, found again among the query's
# parameters by identity: new objects, numbers inside every integer column's range (the ORM
# folds away a comparison with a number out of a column's range).
MARKERS = {
    int: lambda at: int(str(30000 + at)),
    str: lambda at: f"\x02stand-in {at}\x02",
}
TOKENS = re.compile(r"(%%|%s)")
