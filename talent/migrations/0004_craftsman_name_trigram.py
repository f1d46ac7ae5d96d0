"""A trigram index for `?q=` on craftsmen's names, on PostgreSQL only.

Django writes `name__icontains` as UPPER("name"::text) LIKE UPPER('%…%'); a GIN trigram index on
exactly that expression answers the substring search (Chinese included, the database's ctype
being UTF-8) without reading the table. SQLite has no such index and skips this migration.
"""

from django.db import migrations

CREATE = (
    "CREATE INDEX IF NOT EXISTS craftsman_name_trgm ON talent_craftsman "
    "USING gin ((UPPER(name::text)) gin_trgm_ops)"
)
DROP = "DROP INDEX IF EXISTS craftsman_name_trgm"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("talent", "0003_public_list_indexes")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
