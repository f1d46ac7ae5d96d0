"""Indexes for `?q=` on an award's stored awardee name (HonorAward.craftsman_name), on
PostgreSQL only: the character-bigram index answers one or two characters (王, 王伟), the
trigram index three and more (portal.finding.search.ContainsText). The award search matches that
column in place instead of joining every award to its craftsman. And a bigram index on the
competition events' names, which a results search looks up first (portal.finding.search): 2,000 events
read whole took 6 ms. SQLite skips this migration.
"""

from django.db import migrations

CREATE = (
    "CREATE INDEX IF NOT EXISTS award_craftsman_name_bigram ON talent_honoraward "
    "USING gin (portal_bigrams(craftsman_name))",
    "CREATE INDEX IF NOT EXISTS award_craftsman_name_trgm ON talent_honoraward "
    "USING gin ((UPPER(craftsman_name::text)) gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS competition_event_name_bigram ON talent_competitionevent "
    "USING gin (portal_bigrams(name))",
)
DROP = (
    "DROP INDEX IF EXISTS award_craftsman_name_bigram",
    "DROP INDEX IF EXISTS award_craftsman_name_trgm",
    "DROP INDEX IF EXISTS competition_event_name_bigram",
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in CREATE:
            schema_editor.execute(statement)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("talent", "0009_award_newest"),
        ("portal", "0003_text_bigrams"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
