"""The recorded basis for showing a person replaces the consent flag.

`public_consent` was set because people appeared in the press: that is not consent. So no row
becomes a consent row from it. People whose facts come from an official public announcement (the
bureau's 2025 special issue, the 2026 article, the 2017 巴渝工匠 list) get the announcement basis
with its citation; demo rows, fictional people, keep being shown in development as consent rows
marked in their staff note; everyone else gets no basis and leaves every public page.
"""

import datetime


import portal.vocabulary.validators
from django.conf import settings
from django.db import migrations, models


ARTICLE_2025 = (
    '《锻造"巴渝智匠"助力"中国智造"》（李佳佳，图片由市人社局提供），2025年世界智能产业博览会特刊'
)
ARTICLE_2026 = (
    '上游财经-重庆晨报，《培育"巴渝大工匠"、落实"新八级工"制度、突出投资于人 '
    "加快建设产业工人发展型城市》（记者 陈军），2026年1月"
)
BAYU_GONGJIANG_2017 = "华文网转载，《点赞｜重庆10人获“巴渝工匠”称号，都是身边人》，2017年7月"

# Real people shown on an official announcement, by name, with its citation.
ANNOUNCED = {
    "杨波": ARTICLE_2026,
    "唐跃辉": ARTICLE_2025,
    "李明欣": ARTICLE_2025,
    "刘源": ARTICLE_2025,
    **{
        name: BAYU_GONGJIANG_2017
        for name in ("张天友", "张东平", "邓建华", "刘波平", "彭勇", "曹光富", "张德勇", "粟道梅")
    },
}
PRESS_ONLY_NOTE = "原“同意公开”依据仅为媒体报道，不等于本人同意：迁移时改为无公开依据。"
DEMO_NOTE = "演示数据：虚构人物，迁移时记为本人同意（其他方式），只用于开发环境展示。"


def with_note(person, note):
    return f"{person.staff_note}\n{note}".strip()


def record_basis(apps, schema_editor):
    """Give each row the basis its facts support (see the module's docstring)."""
    Craftsman = apps.get_model("talent", "Craftsman")
    today = datetime.date.today()
    for person in Craftsman.objects.filter(public_consent=True).iterator():
        if person.is_demo:
            person.public_basis = "consent"
            person.consent_date = today
            person.consent_method = "other"
            person.staff_note = with_note(person, DEMO_NOTE)
        elif person.name in ANNOUNCED:
            person.public_basis = "announcement"
            person.announcement = ANNOUNCED[person.name]
        else:
            person.public_basis = ""
            person.staff_note = with_note(person, PRESS_ONLY_NOTE)
        person.save(
            update_fields=[
                "public_basis",
                "consent_date",
                "consent_method",
                "announcement",
                "staff_note",
            ]
        )


def restore_consent_flag(apps, schema_editor):
    """Backwards: whoever has a basis is shown again, as the flag did."""
    Craftsman = apps.get_model("talent", "Craftsman")
    Craftsman.objects.exclude(public_basis="").update(public_consent=True)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0006_key_figures"),
        ("talent", "0011_source_link_and_staff_note"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="craftsman",
            name="announcement",
            field=models.CharField(
                blank=True,
                help_text="发布机构或媒体、标题、日期，如：重庆日报，《……》，2025年9月。",
                max_length=500,
                verbose_name="公开发布出处",
            ),
        ),
        migrations.AddField(
            model_name="craftsman",
            name="announcement_url",
            field=models.URLField(
                blank=True,
                help_text="只链接政府、官方机构和正规新闻网站。",
                max_length=500,
                verbose_name="公开发布链接",
            ),
        ),
        migrations.AddField(
            model_name="craftsman",
            name="consent_date",
            field=models.DateField(blank=True, null=True, verbose_name="同意日期"),
        ),
        migrations.AddField(
            model_name="craftsman",
            name="consent_method",
            field=models.CharField(
                blank=True,
                choices=[
                    ("written", "书面同意书"),
                    ("online", "网上表单"),
                    ("email", "电子邮件"),
                    ("other", "其他方式（见编辑备注）"),
                ],
                max_length=16,
                verbose_name="同意方式",
            ),
        ),
        migrations.AddField(
            model_name="craftsman",
            name="public_basis",
            field=models.CharField(
                blank=True,
                choices=[
                    ("", "无（不公开）"),
                    ("consent", "本人同意"),
                    ("announcement", "官方公开发布"),
                ],
                help_text="本人同意：可公开姓名、单位、职业、区县、简介、照片、荣誉和成绩；官方公开发布：只公开姓名、单位和所发布的荣誉或成绩；无：不在任何公开处出现。媒体报道不等于本人同意。",
                max_length=16,
                verbose_name="公开依据",
            ),
        ),
        migrations.AddField(
            model_name="historicalcraftsman",
            name="announcement",
            field=models.CharField(
                blank=True,
                help_text="发布机构或媒体、标题、日期，如：重庆日报，《……》，2025年9月。",
                max_length=500,
                verbose_name="公开发布出处",
            ),
        ),
        migrations.AddField(
            model_name="historicalcraftsman",
            name="announcement_url",
            field=models.URLField(
                blank=True,
                help_text="只链接政府、官方机构和正规新闻网站。",
                max_length=500,
                verbose_name="公开发布链接",
            ),
        ),
        migrations.AddField(
            model_name="historicalcraftsman",
            name="consent_date",
            field=models.DateField(blank=True, null=True, verbose_name="同意日期"),
        ),
        migrations.AddField(
            model_name="historicalcraftsman",
            name="consent_method",
            field=models.CharField(
                blank=True,
                choices=[
                    ("written", "书面同意书"),
                    ("online", "网上表单"),
                    ("email", "电子邮件"),
                    ("other", "其他方式（见编辑备注）"),
                ],
                max_length=16,
                verbose_name="同意方式",
            ),
        ),
        migrations.AddField(
            model_name="historicalcraftsman",
            name="public_basis",
            field=models.CharField(
                blank=True,
                choices=[
                    ("", "无（不公开）"),
                    ("consent", "本人同意"),
                    ("announcement", "官方公开发布"),
                ],
                help_text="本人同意：可公开姓名、单位、职业、区县、简介、照片、荣誉和成绩；官方公开发布：只公开姓名、单位和所发布的荣誉或成绩；无：不在任何公开处出现。媒体报道不等于本人同意。",
                max_length=16,
                verbose_name="公开依据",
            ),
        ),
        migrations.RunPython(record_basis, restore_consent_flag),
    ]
