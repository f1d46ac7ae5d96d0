"""City-sized tables keep each row's own JSON written, by the database, on PostgreSQL.

At a million rows the anonymous list statement (portal/api/fast.py) spent most of its time
writing each row's JSON: three timestamps through to_char, every text through to_json. What a
row says about itself changes only when the row is written, so a model with
`keeps_listed_json = True` gets, after each migrate (`install`):

- a column `listed_json` the ORM never sees, holding the row's own runs of members (those
  written from its own columns whatever the language: LeanPlan.runs), separated by chr(30),
  which to_json never leaves unescaped;
- a BEFORE INSERT OR UPDATE trigger writing it from the serializer's own SQL, in the site's
  time zone, for every write whatever its path (ORM, bulk, import, psql).

The list statement reads the runs back and writes only what depends on the request (labels in
its language, related records). It reads the column only while the installed function is the
one the code would install (checked once per process, model and zone), so a changed serializer
or time zone never shows stale text: the next migrate replaces the function and rewrites every
row. A row whose column is NULL is written by the statement in full.

A migration that renames or drops a column the function reads must call `uninstall` first.
A deploy that changes the serializer migrates, then restarts the app servers: in between, a
worker still running the old code could read runs the new function wrote, so restart at once.
"""

from django.conf import settings
from django.db import connections, transaction
from django.db.models.expressions import RawSQL

from . import lean, registry

COLUMN = "listed_json"
_usable = {}


class WriteState:
    """The state a trigger writes in: the site's zone, exactly (no session time zone)."""

    exact = True
    language = None

    def __init__(self, zone_name):
        self.zone_name = zone_name


def models():
    """(model, LeanPlan) of every API resource whose table keeps its rows' JSON."""
    registry.discover()
    found = []
    for model, viewset in registry.VIEWSETS.items():
        if getattr(model, "keeps_listed_json", False):
            plan = lean.plan_for(viewset.serializer_class)
            if plan is not None and any(own for own, _members in plan.runs()):
                found.append((model, plan))
    return found


def column(model):
    """The kept column as an expression over the model's table (the ORM does not know it)."""
    return RawSQL(f'"{model._meta.db_table}"."{COLUMN}"', ())


def function_name(model):
    return f"{model._meta.db_table}_{COLUMN}"


def body(model, plan, zone_name):
    """The trigger function's source: NEW's own runs written from NEW's columns."""
    state = WriteState(zone_name)

    def ref(column):
        field = model._meta.pk if column == "pk" else model._meta.get_field(column)
        return f'NEW."{field.column}"'

    runs = [plan.members_sql(members, state, ref) for own, members in plan.runs() if own]
    written = " || chr(30) || ".join(runs).replace("%%", "%")
    return f'\nBEGIN\n  NEW."{COLUMN}" := {written};\n  RETURN NEW;\nEND\n'


def installed(cursor, model):
    """The installed function's source, or None without it or its trigger."""
    cursor.execute(
        "SELECT p.prosrc FROM pg_proc p JOIN pg_trigger t ON t.tgfoid = p.oid "
        "WHERE p.proname = %s AND t.tgrelid = %s::regclass AND t.tgenabled <> 'D'",
        [function_name(model), f'"{model._meta.db_table}"'],
    )
    row = cursor.fetchone()
    return row[0] if row else None


def install(*, using="default", **_signal):
    """Add the column, function and trigger each kept table lacks, and replace a function
    that differs from what the code writes, then rewrite every row of that table (a
    post_migrate receiver: a deploy's migrate brings the column up to date)."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return
    zone_name = settings.TIME_ZONE
    for model, plan in models():
        table, name = f'"{model._meta.db_table}"', function_name(model)
        source = body(model, plan, zone_name)
        with transaction.atomic(using=using), connection.cursor() as cursor:
            if installed(cursor, model) == source:
                continue
            cursor.execute(
                "SELECT count(*) FROM pg_attribute WHERE attrelid = %s::regclass "
                "AND attname = %s AND NOT attisdropped",
                [table, COLUMN],
            )
            if not cursor.fetchone()[0]:
                cursor.execute(f'ALTER TABLE {table} ADD COLUMN "{COLUMN}" text')
            cursor.execute(
                f'CREATE OR REPLACE FUNCTION "{name}"() RETURNS trigger LANGUAGE plpgsql '
                f"AS $kept${source}$kept$"
            )
            cursor.execute(
                "SELECT count(*) FROM pg_trigger WHERE tgrelid = %s::regclass AND tgname = %s",
                [table, name],
            )
            if not cursor.fetchone()[0]:
                cursor.execute(
                    f'CREATE TRIGGER "{name}" BEFORE INSERT OR UPDATE ON {table} '
                    f'FOR EACH ROW EXECUTE FUNCTION "{name}"()'
                )
            cursor.execute(f'UPDATE {table} SET "{COLUMN}" = NULL')  # the trigger writes it
    _usable.clear()


def uninstall(model, *, using="default"):
    """Drop a table's trigger, function and column (before a migration changes what the
    function reads; the next migrate installs them again)."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return
    table, name = f'"{model._meta.db_table}"', function_name(model)
    with connection.cursor() as cursor:
        cursor.execute(f'DROP TRIGGER IF EXISTS "{name}" ON {table}')
        cursor.execute(f'DROP FUNCTION IF EXISTS "{name}"()')
        cursor.execute(f'ALTER TABLE {table} DROP COLUMN IF EXISTS "{COLUMN}"')
    _usable.clear()


def usable(model, plan, zone_name, *, using):
    """Whether a statement may read `model`'s kept column: the function installed is the one
    this code would install for the zone (asked once per process)."""
    if not getattr(model, "keeps_listed_json", False) or zone_name is None:
        return False
    if connections[using].vendor != "postgresql":
        return False
    key = (using, model, plan, zone_name)
    found = _usable.get(key)
    if found is None:
        with connections[using].cursor() as cursor:
            found = installed(cursor, model) == body(model, plan, zone_name)
        _usable[key] = found
    return found


def forget():
    """Ask the database again (a test that changes the function)."""
    _usable.clear()
