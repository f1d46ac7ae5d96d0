"""Character-bigram indexes on the talent columns a `q` search matches in place, on PostgreSQL
only: a search of one or two characters (王, 王伟) reads them (portal.finding.search.ContainsText)
instead of every row, and a search over several columns can combine them with the other
columns' indexes. Longer searches read the craftsmen's trigram index (0004); studios and
results, far fewer, are read whole. SQLite has no such index and skips this migration.
"""

from django.db import migrations

# (index, table, column)
INDEXES = (
    ("craftsman_name_bigram", "talent_craftsman", "name"),
    ("studio_name_bigram", "talent_studio", "name"),
    ("result_competitor_bigram", "talent_competitionresult", "competitor_name"),
    ("result_delegation_bigram", "talent_competitionresult", "delegation"),
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for index, table, column in INDEXES:
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {index} ON {table} "
                f"USING gin (portal_bigrams({column}))"
            )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for index, _table, _column in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {index}")


class Migration(migrations.Migration):
    dependencies = [
        ("talent", "0007_drop_kept_listed_json"),
        ("portal", "0003_text_bigrams"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
