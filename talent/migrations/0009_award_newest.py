"""The newest public awards first (the home page's latest honors, the feeds), read in order
from an index over published awards instead of sorting a million of them."""

import django.db.models.functions.comparison
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("talent", "0008_short_search_index"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="honoraward",
            index=models.Index(
                models.OrderBy(
                    django.db.models.functions.comparison.Coalesce("published_at", "created"),
                    descending=True,
                ),
                models.OrderBy(models.F("id"), descending=True),
                condition=models.Q(("publication_state", "published")),
                name="award_newest",
            ),
        ),
    ]
