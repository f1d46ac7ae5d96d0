"""A source link and a staff-only note on programs, bases and shortage lists.

First, `program_published_order` leaves the migration state (not the database): SQLite
rebuilds a table to add a column and recreates every index of the state, and it cannot index
NULLS LAST. The index stays a PostgreSQL-only object made by 0007."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('programs', '0007_program_published_order'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveIndex(model_name='program', name='program_published_order'),
            ],
        ),
        migrations.AddField(
            model_name='historicalprogram',
            name='source_url',
            field=models.URLField(blank=True, help_text='出处的网址；只链接政府、官方机构和正规新闻网站。', max_length=500, verbose_name='来源链接'),
        ),
        migrations.AddField(
            model_name='historicalprogram',
            name='staff_note',
            field=models.TextField(blank=True, help_text='工作人员之间的说明，不在网站和接口上公开。', verbose_name='编辑备注'),
        ),
        migrations.AddField(
            model_name='historicalshortagelist',
            name='source_url',
            field=models.URLField(blank=True, help_text='出处的网址；只链接政府、官方机构和正规新闻网站。', max_length=500, verbose_name='来源链接'),
        ),
        migrations.AddField(
            model_name='historicalshortagelist',
            name='staff_note',
            field=models.TextField(blank=True, help_text='工作人员之间的说明，不在网站和接口上公开。', verbose_name='编辑备注'),
        ),
        migrations.AddField(
            model_name='historicaltrainingbase',
            name='source_url',
            field=models.URLField(blank=True, help_text='出处的网址；只链接政府、官方机构和正规新闻网站。', max_length=500, verbose_name='来源链接'),
        ),
        migrations.AddField(
            model_name='historicaltrainingbase',
            name='staff_note',
            field=models.TextField(blank=True, help_text='工作人员之间的说明，不在网站和接口上公开。', verbose_name='编辑备注'),
        ),
        migrations.AddField(
            model_name='program',
            name='source_url',
            field=models.URLField(blank=True, help_text='出处的网址；只链接政府、官方机构和正规新闻网站。', max_length=500, verbose_name='来源链接'),
        ),
        migrations.AddField(
            model_name='program',
            name='staff_note',
            field=models.TextField(blank=True, help_text='工作人员之间的说明，不在网站和接口上公开。', verbose_name='编辑备注'),
        ),
        migrations.AddField(
            model_name='shortagelist',
            name='source_url',
            field=models.URLField(blank=True, help_text='出处的网址；只链接政府、官方机构和正规新闻网站。', max_length=500, verbose_name='来源链接'),
        ),
        migrations.AddField(
            model_name='shortagelist',
            name='staff_note',
            field=models.TextField(blank=True, help_text='工作人员之间的说明，不在网站和接口上公开。', verbose_name='编辑备注'),
        ),
        migrations.AddField(
            model_name='trainingbase',
            name='source_url',
            field=models.URLField(blank=True, help_text='出处的网址；只链接政府、官方机构和正规新闻网站。', max_length=500, verbose_name='来源链接'),
        ),
        migrations.AddField(
            model_name='trainingbase',
            name='staff_note',
            field=models.TextField(blank=True, help_text='工作人员之间的说明，不在网站和接口上公开。', verbose_name='编辑备注'),
        ),
        migrations.AlterField(
            model_name='historicalprogram',
            name='source',
            field=models.CharField(blank=True, help_text='公开的出处：发布单位或媒体、标题、日期。', max_length=500, verbose_name='来源'),
        ),
        migrations.AlterField(
            model_name='historicalshortagelist',
            name='source',
            field=models.CharField(blank=True, help_text='公开的出处：发布单位或媒体、标题、日期。', max_length=500, verbose_name='来源'),
        ),
        migrations.AlterField(
            model_name='historicaltrainingbase',
            name='source',
            field=models.CharField(blank=True, help_text='公开的出处：发布单位或媒体、标题、日期。', max_length=500, verbose_name='来源'),
        ),
        migrations.AlterField(
            model_name='program',
            name='source',
            field=models.CharField(blank=True, help_text='公开的出处：发布单位或媒体、标题、日期。', max_length=500, verbose_name='来源'),
        ),
        migrations.AlterField(
            model_name='shortagelist',
            name='source',
            field=models.CharField(blank=True, help_text='公开的出处：发布单位或媒体、标题、日期。', max_length=500, verbose_name='来源'),
        ),
        migrations.AlterField(
            model_name='trainingbase',
            name='source',
            field=models.CharField(blank=True, help_text='公开的出处：发布单位或媒体、标题、日期。', max_length=500, verbose_name='来源'),
        ),
    ]
