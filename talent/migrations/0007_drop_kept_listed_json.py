"""Drop what the API's former kept-JSON path installed outside migrations on PostgreSQL.

Until this migration, every `migrate` on PostgreSQL added to the craftsman and award tables a
hidden `listed_json` column, a PL/pgSQL function writing it and a BEFORE INSERT OR UPDATE
trigger calling that function. The API now reads those rows through the ORM alone, so all
three go; everything the database holds is created by migrations again.
"""

from django.db import migrations

TABLES = ("talent_craftsman", "talent_honoraward")
COLUMN = "listed_json"


def drop_kept_json(apps, schema_editor):
    """Drop each table's trigger, its function and the column (only on PostgreSQL)."""
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        name = f"{table}_{COLUMN}"
        schema_editor.execute(f'DROP TRIGGER IF EXISTS "{name}" ON "{table}"')
        schema_editor.execute(f'DROP FUNCTION IF EXISTS "{name}"()')
        schema_editor.execute(f'ALTER TABLE "{table}" DROP COLUMN IF EXISTS "{COLUMN}"')


class Migration(migrations.Migration):
    dependencies = [
        ("talent", "0006_award_sort_name"),
    ]

    operations = [
        migrations.RunPython(drop_kept_json, migrations.RunPython.noop),
    ]
