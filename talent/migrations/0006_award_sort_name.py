from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def copy_awardee_names(apps, schema_editor):
    """Each award's craftsman_name from its awardee (talent.models.HonorAward.craftsman_name)."""
    HonorAward = apps.get_model("talent", "HonorAward")
    Craftsman = apps.get_model("talent", "Craftsman")
    names = Craftsman.objects.filter(pk=OuterRef("craftsman_id")).values("name")[:1]
    HonorAward.objects.update(craftsman_name=Subquery(names))


class Migration(migrations.Migration):
    dependencies = [
        ("talent", "0005_honor_roll"),
    ]

    operations = [
        migrations.AddField(
            model_name="honoraward",
            name="craftsman_name",
            field=models.CharField(
                default="", editable=False, max_length=32, verbose_name="获得者姓名（排序用）"
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="historicalhonoraward",
            name="craftsman_name",
            field=models.CharField(
                default="", editable=False, max_length=32, verbose_name="获得者姓名（排序用）"
            ),
            preserve_default=False,
        ),
        migrations.RunPython(copy_awardee_names, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="honoraward",
            index=models.Index(
                condition=models.Q(("publication_state", "published")),
                fields=["title", "year", "craftsman_name", "id"],
                name="award_roll_by_name",
            ),
        ),
    ]
