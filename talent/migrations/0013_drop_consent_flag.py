"""The consent flag goes, and the basis's rules become database constraints: consent needs a
date and a way it was given, an announcement needs its citation. An award's year may be blank
when its source gives none (one such award per person and title)."""

import portal.vocabulary.validators
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("talent", "0012_public_basis"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="craftsman",
            name="craftsman_public_name",
        ),
        migrations.RemoveIndex(
            model_name="craftsman",
            name="craftsman_public_district",
        ),
        migrations.RemoveIndex(
            model_name="craftsman",
            name="craftsman_public_occ",
        ),
        migrations.RemoveField(
            model_name="craftsman",
            name="public_consent",
        ),
        migrations.RemoveField(
            model_name="historicalcraftsman",
            name="public_consent",
        ),
        migrations.RemoveConstraint(
            model_name="honoraward",
            name="honor_award_year_range",
        ),
        migrations.AlterField(
            model_name="historicalhonoraward",
            name="year",
            field=models.PositiveSmallIntegerField(
                blank=True,
                help_text="来源未给出年度时留空：仍在本人页面公开，但不列入某一年度的名单。",
                null=True,
                validators=[portal.vocabulary.validators.validate_year],
                verbose_name="年度",
            ),
        ),
        migrations.AlterField(
            model_name="honoraward",
            name="year",
            field=models.PositiveSmallIntegerField(
                blank=True,
                help_text="来源未给出年度时留空：仍在本人页面公开，但不列入某一年度的名单。",
                null=True,
                validators=[portal.vocabulary.validators.validate_year],
                verbose_name="年度",
            ),
        ),
        migrations.AddIndex(
            model_name="craftsman",
            index=models.Index(
                condition=models.Q(
                    ("publication_state", "published"),
                    models.Q(("public_basis", ""), _negated=True),
                ),
                fields=["name", "id"],
                name="craftsman_public_name",
            ),
        ),
        migrations.AddIndex(
            model_name="craftsman",
            index=models.Index(
                condition=models.Q(
                    ("publication_state", "published"),
                    models.Q(("public_basis", ""), _negated=True),
                ),
                fields=["district", "name", "id"],
                name="craftsman_public_district",
            ),
        ),
        migrations.AddIndex(
            model_name="craftsman",
            index=models.Index(
                condition=models.Q(
                    ("publication_state", "published"),
                    models.Q(("public_basis", ""), _negated=True),
                ),
                fields=["occupation", "name", "id"],
                name="craftsman_public_occ",
            ),
        ),
        migrations.AddConstraint(
            model_name="craftsman",
            constraint=models.CheckConstraint(
                condition=models.Q(("public_basis__in", ["", "consent", "announcement"])),
                name="craftsman_public_basis_known",
            ),
        ),
        migrations.AddConstraint(
            model_name="craftsman",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("public_basis", "consent"), _negated=True),
                    models.Q(
                        ("consent_date__isnull", False),
                        models.Q(("consent_method", ""), _negated=True),
                    ),
                    _connector="OR",
                ),
                name="craftsman_consent_dated",
                violation_error_message="以本人同意为公开依据时，须填写同意日期和同意方式。",
            ),
        ),
        migrations.AddConstraint(
            model_name="craftsman",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("public_basis", "announcement"), _negated=True),
                    models.Q(("announcement", ""), _negated=True),
                    _connector="OR",
                ),
                name="craftsman_announcement_cited",
                violation_error_message="以官方公开发布为公开依据时，须填写发布出处。",
            ),
        ),
        migrations.AddConstraint(
            model_name="honoraward",
            constraint=models.UniqueConstraint(
                condition=models.Q(("year__isnull", True)),
                fields=("craftsman", "title"),
                name="honor_award_once_per_craftsman_title_without_year",
                violation_error_message="同一人已有未注明年度的该称号。",
            ),
        ),
        migrations.AddConstraint(
            model_name="honoraward",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("year__gte", 1949), ("year__lte", 2100)),
                    ("year__isnull", True),
                    _connector="OR",
                ),
                name="honor_award_year_range",
                violation_error_message="年份超出合理范围（1949–2100）。",
            ),
        ),
    ]
