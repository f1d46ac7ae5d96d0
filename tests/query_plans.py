"""PostgreSQL's plan for a queryset, for tests that a search reads the index meant for it."""

from django.db import connection


def plan_of(queryset):
    """The plan on tables so small that only a bitmap scan, which needs an index matching
    the condition, is left to choose."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())
