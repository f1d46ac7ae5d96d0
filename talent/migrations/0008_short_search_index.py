"""A character-bigram index on craftsmen's names, on PostgreSQL only: a search of one or two
characters (王, 王伟) reads it (portal.search.ContainsText) instead of a million rows; longer
ones read the trigram index (0004). SQLite has no such index and skips this migration.
"""

from django.db import migrations

CREATE = (
    "CREATE INDEX IF NOT EXISTS craftsman_name_bigram ON talent_craftsman "
    "USING gin (portal_bigrams(name))"
)
DROP = "DROP INDEX IF EXISTS craftsman_name_bigram"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("talent", "0007_drop_kept_listed_json"),
        ("portal", "0003_text_bigrams"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
