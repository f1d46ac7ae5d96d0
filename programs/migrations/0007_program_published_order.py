"""The order of Meta.ordering (newest start first, then title) in one index over published
programs: the API's program list read its first page by sorting every published program.
PostgreSQL only: SQLite cannot index NULLS LAST (the index stays in the model's state)."""

from django.db import migrations, models

INDEX = models.Index(
    models.OrderBy(models.F("start_date"), descending=True, nulls_last=True),
    models.F("title"),
    models.F("id"),
    condition=models.Q(("publication_state", "published")),
    name="program_published_order",
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("programs", "Program"), INDEX)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("programs", "Program"), INDEX)


class Migration(migrations.Migration):
    dependencies = [
        ("programs", "0006_program_citizen_order"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(create, drop, elidable=False)],
            state_operations=[migrations.AddIndex(model_name="program", index=INDEX)],
        ),
    ]
