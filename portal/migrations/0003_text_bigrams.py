"""`portal_bigrams(text)`: every character and every pair of adjacent characters of a text, in
capitals, on PostgreSQL only.

A trigram index cannot answer a search shorter than three characters, and Chinese names and
occupations are often one or two (王, 王伟, 焊工). A GIN index on `portal_bigrams(column)` can: a
text contains a one- or two-character value exactly when the value, in capitals, is one of the
text's bigrams (`portal.search.ContainsText`). The apps' migrations create those indexes on
their city-sized columns. SQLite has no such index and skips this migration.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION portal_bigrams(value text) RETURNS text[]
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
    capitals text := upper(value);
    length integer := char_length(capitals);
    found text[] := '{}';
BEGIN
    FOR at IN 1..length LOOP
        found := found || substr(capitals, at, 1);
        IF at < length THEN
            found := found || substr(capitals, at, 2);
        END IF;
    END LOOP;
    RETURN found;
END
$$
"""
DROP = "DROP FUNCTION IF EXISTS portal_bigrams(text)"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("portal", "0002_tombstone_identifier_fits_names")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
