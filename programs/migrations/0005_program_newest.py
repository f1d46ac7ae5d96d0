"""The newest public programs first (the feeds), read in order from an index over published
programs instead of sorting them all."""

import django.db.models.functions.comparison
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("programs", "0004_short_search_index"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="program",
            index=models.Index(
                models.OrderBy(
                    django.db.models.functions.comparison.Coalesce("published_at", "created"),
                    descending=True,
                ),
                models.OrderBy(models.F("id"), descending=True),
                condition=models.Q(("publication_state", "published")),
                name="program_newest",
            ),
        ),
    ]
