"""The order of Meta.ordering (newest start first, then title) in one index over published
programs: the API's program list read its first page by sorting every published program."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0004_organization_name_bigram"),
        ("programs", "0006_program_citizen_order"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name="program",
            index=models.Index(
                models.OrderBy(models.F("start_date"), descending=True, nulls_last=True),
                models.F("title"),
                models.F("id"),
                condition=models.Q(("publication_state", "published")),
                name="program_published_order",
            ),
        ),
    ]
