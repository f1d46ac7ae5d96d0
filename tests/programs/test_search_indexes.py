"""The trigram indexes behind `?q=` on programs (programs/migrations/0003) match the SQL the
search issues: PostgreSQL can answer a program search from them without reading the table."""

import pytest
from django.db import connection

from programs.filters import ProgramFilterSet
from programs.models import Program
from tests.factories import ProgramFactory

pytestmark = pytest.mark.django_db


def plan_of(queryset):
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        # A tiny table: only a bitmap scan, which needs an index matching the condition.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_a_program_search_reads_the_title_and_summary_trigram_indexes():
    ProgramFactory(title="数控车工技能培训")
    searched = ProgramFilterSet.search_queryset(Program.objects.order_by(), "车工技能")
    if connection.vendor != "postgresql":  # SQLite has no trigram index: the search scans
        assert list(searched.values_list("title", flat=True)) == ["数控车工技能培训"]
        return
    plan = plan_of(searched)
    assert "program_title_trgm" in plan and "program_summary_trgm" in plan
