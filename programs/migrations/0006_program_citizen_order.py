"""The columns of the citizen order (Program.objects.in_citizen_order) in one index over
published programs, so a directory page sorts their keys without reading the programs."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("programs", "0005_program_newest"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="program",
            index=models.Index(
                condition=models.Q(("publication_state", "published")),
                fields=["enrol_end", "start_date", "id"],
                include=("enrol_start", "end_date"),
                name="program_citizen_order",
            ),
        ),
    ]
