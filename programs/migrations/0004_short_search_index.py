"""Character-bigram indexes on programs' titles and summaries, on PostgreSQL only: a search of
one or two characters (焊工) reads them (portal.finding.search.ContainsText); longer ones read the
trigram indexes (0003). Both columns are searched in place, so a search can combine their
indexes with the others'. SQLite has no such index and skips this migration.
"""

from django.db import migrations

COLUMNS = ("title", "summary")


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for column in COLUMNS:
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS program_{column}_bigram ON programs_program "
                f"USING gin (portal_bigrams({column}))"
            )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for column in COLUMNS:
            schema_editor.execute(f"DROP INDEX IF EXISTS program_{column}_bigram")


class Migration(migrations.Migration):
    dependencies = [
        ("programs", "0003_program_search_trigram"),
        ("portal", "0003_text_bigrams"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
