"""A character-bigram index on organizations' names, on PostgreSQL only: a one- or
two-character search of craftsmen, studios, bases or awards first looks the organizations
up by name (portal.finding.search), which read all 5,000 of a city's organizations whole (24 ms).
SQLite skips this migration.
"""

from django.db import migrations

CREATE = (
    "CREATE INDEX IF NOT EXISTS organization_name_bigram ON portal_organization "
    "USING gin (portal_bigrams(name))"
)
DROP = "DROP INDEX IF EXISTS organization_name_bigram"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("portal", "0003_text_bigrams")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
