"""Server-side prepared statements for the few queries that public reads repeat all day.

Planning a query with three joins costs PostgreSQL more than running it for one page (about
0.5 ms against 0.15 ms at a million craftsmen). A prepared statement is planned once per
connection; psycopg keeps them by query text. Only queries that ask for it are prepared: Django's
own cursors bind on the client and never prepare (a generic plan can be far worse than a custom
one, for a substring search above all, so the caller decides: `prepare=False` plans each time).

The statements are logged and wrapped like any Django query (query counts in tests, database
errors as Django's), and live as long as the connection. `DATABASE_PREPARED_STATEMENTS=false`
turns preparing off (a transaction-mode pooler without prepared statement support, say).
"""

from django.conf import settings
from django.db import connections
from django.db.backends.postgresql.base import ServerBindingCursor

# A threshold psycopg never reaches: nothing is prepared unless a query asks for it.
ONLY_WHEN_ASKED = 2**31 - 1


class PreparingCursor(ServerBindingCursor):
    """Prepares what it executes, also when called through Django's cursor wrapper."""

    def execute(self, query, params=None, *, prepare=True, **kwargs):
        return super().execute(query, params, prepare=prepare, **kwargs)


def supported(using="default"):
    return connections[using].vendor == "postgresql"


def fetchall(sql, params, *, using="default", prepare=True):
    """The rows of `sql` (psycopg placeholders, `%%` for a percent sign) with `params`,
    prepared, or through Django's own cursor when `prepare` is false."""
    connection = connections[using]
    if not (prepare and getattr(settings, "DATABASE_PREPARED_STATEMENTS", True)):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()
    connection.ensure_connection()
    raw = connection.connection
    if raw.prepare_threshold is None:
        raw.prepare_threshold = ONLY_WHEN_ASKED
        with connection.cursor() as cursor:
            # The statements prepared here are chosen for plans that do not depend on their
            # values (the caller's promise); without this PostgreSQL would keep re-planning
            # those whose generic plan it estimates dearer than a custom one.
            cursor.execute("SET plan_cache_mode = force_generic_plan")
    with connection.wrap_database_errors:
        cursor = PreparingCursor(raw)
    # Django's own wrapper: logged where queries are logged, errors as Django's errors.
    with connection._prepare_cursor(cursor) as wrapped:
        wrapped.execute(sql, params)
        rows = wrapped.fetchall()
    log = connection.queries_log if connection.queries_logged else None
    if log and log[-1]["sql"] is None:  # Django reads a client-bound cursor's text only
        log[-1]["sql"] = connection.ops.compose_sql(sql, params)
    return rows
