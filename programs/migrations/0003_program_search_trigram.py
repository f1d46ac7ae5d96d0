"""Trigram indexes for `?q=` on programs' titles and summaries, on PostgreSQL only.

A search reads `title__icontains` and `summary__icontains`, which Django writes as
UPPER("title"::text) LIKE UPPER('%…%'); GIN trigram indexes on exactly those expressions answer
a search of three or more characters without reading every program (the site search counts
programs on every query). SQLite has no such index and skips this migration.
"""

from django.db import migrations

COLUMNS = ("title", "summary")


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for column in COLUMNS:
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS program_{column}_trgm ON programs_program "
                f"USING gin ((UPPER({column}::text)) gin_trgm_ops)"
            )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for column in COLUMNS:
            schema_editor.execute(f"DROP INDEX IF EXISTS program_{column}_trgm")


class Migration(migrations.Migration):
    dependencies = [("programs", "0002_version_and_attachment")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
