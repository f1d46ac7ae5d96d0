"""Database expressions the ORM does not have on every database we run on."""

import json

from django.db import models


class NameListField(models.Field):
    """A list of texts as the database gives it: an array on PostgreSQL, JSON text elsewhere."""

    def from_db_value(self, value, expression, connection):
        return json.loads(value) if isinstance(value, str) else value


class NameList(models.Subquery):
    """The values of a one-column subquery, in its order, as a list: ARRAY(...) on PostgreSQL,
    json_group_array elsewhere. A page's plain rows carry their related names (a program's
    districts, say) in the row itself, not in a query per relation."""

    template = "ARRAY(%(subquery)s)"

    def __init__(self, queryset, **extra):
        super().__init__(queryset, output_field=NameListField(), **extra)

    def as_sqlite(self, compiler, connection, **extra_context):
        column = self.query.values_select[0]
        return self.as_sql(
            compiler,
            connection,
            template=f'(SELECT json_group_array("{column}") FROM (%(subquery)s))',
            **extra_context,
        )


class InKeys(models.Lookup):
    """`lhs IN (subquery)`, as `lhs = ANY(ARRAY(subquery))` on PostgreSQL: there the keys are
    read first and their rows found by index, where IN made PostgreSQL join the subquery
    against a scan of the whole table (a page's keys against 2,000 programs, say)."""

    lookup_name = "in_keys"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        if connection.vendor == "postgresql":
            return f"{lhs} = ANY(ARRAY{rhs})", [*lhs_params, *rhs_params]
        return f"{lhs} IN {rhs}", [*lhs_params, *rhs_params]
