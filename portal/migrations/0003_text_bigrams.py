"""`portal_bigrams(text)`: every character and every pair of adjacent characters of a text, in
capitals, on PostgreSQL only.

A trigram index cannot answer a search shorter than three characters, and Chinese names and
occupations are often one or two (王, 王伟, 焊工). A GIN index on `portal_bigrams(column)` can: a
text contains a one- or two-character value exactly when the value, in capitals, is one of the
text's bigrams (`portal.finding.search.ContainsText`). The apps' migrations create those indexes on
their city-sized columns. SQLite has no such index and skips this migration.
"""

from django.db import migrations

# COST: a call takes about a microsecond per character, as long as reading a cached page
# (cost 1) for a title; at the default (100, a quarter of that) the planner would rather test
# each row of a list's order than read the few matches from the index and sort them.
CREATE = """
CREATE OR REPLACE FUNCTION portal_bigrams(value text) RETURNS text[]
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE COST 500 AS $$
DECLARE
    capitals text := upper(value);
    found text[] := string_to_array(capitals, NULL);
BEGIN
    FOR at IN 1..char_length(capitals) - 1 LOOP
        found := found || substr(capitals, at, 2);
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
