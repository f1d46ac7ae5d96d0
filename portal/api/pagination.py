"""Keyset (cursor) pagination that stays fast at a million rows.

No OFFSET and no COUNT(*) over a whole table: a page is "the next `page_size` rows after the
last one seen" in a total order (the requested ordering, then the primary key), and `count` is
exact up to COUNT_LIMIT matching rows and null beyond it; on PostgreSQL a list the planner
estimates at many times the limit is not counted at all (null at once).
"""

import base64
import binascii
import datetime
import decimal
import json
import time
import uuid

from django.core.exceptions import FieldDoesNotExist
from django.db import connections
from django.db.models import F, Q
from django.db.models.fields.tuple_lookups import Tuple, TupleGreaterThan, TupleLessThan
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import BasePagination
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

from .text import bilingual

COUNT_LIMIT = 10_000
# A list the database estimates at more than COUNT_LIMIT × this is not counted at all: counting
# even up to the limit reads 10,001 rows (5–13 ms at a million), every request.
ESTIMATE_FACTOR = 5
PAGE_SIZE = 50
MAX_PAGE_SIZE = 500


def _encode_value(value):
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    return value


def nullable(model, path):
    """Whether the column at `path` (e.g. "name", "pk", "event__rank") may hold NULL, a
    nullable or many-valued relation on the way included; unknown paths count as nullable,
    which only costs speed."""
    parts = path.split("__")
    try:
        for index, part in enumerate(parts):
            field = model._meta.pk if part == "pk" else model._meta.get_field(part)
            if field.null or field.many_to_many or field.one_to_many or not field.concrete:
                return True
            if field.is_relation and index < len(parts) - 1:
                model = field.related_model
    except FieldDoesNotExist:
        return True
    return False


def estimated_rows(queryset):
    """The PostgreSQL planner's estimate of the rows `queryset` returns."""
    plan = queryset.explain(format="json")
    plan = json.loads(plan) if isinstance(plan, str) else plan
    return plan[0]["Plan"]["Plan Rows"]


class Estimates:
    """The planner's estimates, remembered per list and filter for a few minutes in each
    process: they come from table statistics, which change with ANALYZE, not per request."""

    seconds = 300
    size = 4096

    def __init__(self):
        self.known = {}

    def get(self, key, queryset):
        """The estimate for `key`, asking the planner about `queryset()` when not known."""
        found = self.known.get(key)
        now = time.monotonic()
        if found is None or now - found[1] > self.seconds:
            if len(self.known) >= self.size:
                self.known.clear()
            found = (estimated_rows(queryset()), now)
            self.known[key] = found
        return found[0]


ESTIMATES = Estimates()


def _bad(parameter, message):
    return ValidationError({parameter: [message]})


class KeysetPagination(BasePagination):
    cursor_query_param = "cursor"
    page_size_query_param = "page_size"

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        params = request.query_params
        self.page_size = self.get_page_size(params)
        keys = self.ordering_keys(queryset, view)
        cursor = self.decode_cursor(params.get(self.cursor_query_param), keys, queryset.model)
        reverse = bool(cursor and cursor["r"])
        model = queryset.model
        ordered = queryset.order_by(*self.order_expressions(keys, reverse=reverse, model=model))
        if cursor is not None:
            ordered = ordered.filter(self.after(model, keys, cursor["v"], reverse))
        rows = list(ordered[: self.page_size + 1])  # one more tells whether there is a next
        has_more = len(rows) > self.page_size
        rows = rows[: self.page_size]
        if reverse:
            rows.reverse()
        self.keys = keys
        if cursor is None and not has_more:  # the whole list is on this page
            self.count = len(rows) if len(rows) <= COUNT_LIMIT else None
        else:
            reader = getattr(request.user, "pk", None) if request.auth is not None else None
            key = self.list_key(params, view, reader)
            self.count = self.bounded_count(queryset, key=key)
        self.next_values = self.previous_values = None
        if rows:
            if has_more or reverse:
                self.next_values = self.values_of(rows[-1], keys)
            if cursor is not None and (has_more or not reverse):
                self.previous_values = self.values_of(rows[0], keys)
        return rows

    def get_page_size(self, params):
        raw = params.get(self.page_size_query_param)
        if raw is None:
            return PAGE_SIZE
        message = _("应为 1 到 %(max)s 之间的整数。") % {"max": MAX_PAGE_SIZE}
        if not raw.isdigit() or not 1 <= int(raw) <= MAX_PAGE_SIZE:
            raise _bad(self.page_size_query_param, message)
        return int(raw)

    @staticmethod
    def ordering_keys(queryset, view):
        """The requested ordering (or the view's default) made total by the primary key."""
        names = [str(name) for name in queryset.query.order_by] or list(view.default_ordering)
        keys = []
        for name in names:
            field = name.lstrip("-")
            field = "pk" if field in ("id", "pk") else field
            if field not in {k.lstrip("-") for k in keys}:
                keys.append(("-" if name.startswith("-") else "") + field)
        if "pk" not in {k.lstrip("-") for k in keys}:
            keys.append("pk")
        return keys

    @staticmethod
    def order_expressions(keys, *, reverse, model=None):
        """ORDER BY the keys; NULLS LAST/FIRST only where a column can be null, so a plain
        index on a NOT NULL column still serves the order."""
        expressions = []
        for key in keys:
            descending = key.startswith("-") != reverse
            expression = F(key.lstrip("-"))
            nulls = {"nulls_first": True} if reverse else {"nulls_last": True}
            if model is not None and not nullable(model, key.lstrip("-")):
                nulls = {}
            expressions.append(expression.desc(**nulls) if descending else expression.asc(**nulls))
        return expressions

    @staticmethod
    def after(model, keys, values, reverse):
        """Rows strictly after `values` in the order `keys` (nulls last; mirrored if reverse).

        Keys that cannot be null, all in one direction, with no null value, are compared as
        one row value, `(name, id) > (%s, %s)`: the database starts the index range right at
        the cursor (the spelled-out form read and discarded every row sharing the cursor's
        name first). Otherwise, when the first key cannot be null, the condition also says
        `first >= value` (or <=): redundant logically, it lets the database start an index
        range there instead of reading every row before the cursor.
        """
        names = [key.lstrip("-") for key in keys]
        directions = {key.startswith("-") != reverse for key in keys}
        if (
            len(directions) == 1
            and None not in values
            and not any(nullable(model, name) for name in names)
        ):
            row = Tuple(*(F(name) for name in names))
            compare = TupleLessThan if directions == {True} else TupleGreaterThan
            return compare(row, list(values))
        condition = Q(pk__in=[])
        equal = Q()
        for key, value in zip(keys, values, strict=True):
            name = key.lstrip("-")
            descending = key.startswith("-") != reverse
            if value is None:
                beyond = Q(pk__in=[]) if not reverse else Q(**{f"{name}__isnull": False})
                same = Q(**{f"{name}__isnull": True})
            else:
                beyond = Q(**{f"{name}__{'lt' if descending else 'gt'}": value})
                if not reverse:
                    beyond |= Q(**{f"{name}__isnull": True})
                same = Q(**{name: value})
            condition |= equal & beyond
            equal &= same
        first = keys[0].lstrip("-")
        if values[0] is not None and not nullable(model, first):
            descending = keys[0].startswith("-") != reverse
            condition &= Q(**{f"{first}__{'lte' if descending else 'gte'}": values[0]})
        return condition

    @staticmethod
    def values_of(row, keys):
        return [_encode_value(getattr(row, key.lstrip("-"))) for key in keys]

    def decode_cursor(self, raw, keys, model):
        if not raw:
            return None
        message = _("游标无效或已过期，请从第一页重新开始。")
        try:
            data = json.loads(base64.urlsafe_b64decode(raw.encode("ascii") + b"==="))
        except (ValueError, UnicodeError, binascii.Error):
            raise _bad(self.cursor_query_param, message) from None
        if (
            not isinstance(data, dict)
            or data.get("o") != keys
            or not isinstance(data.get("v"), list)
            or len(data["v"]) != len(keys)
        ):
            raise _bad(self.cursor_query_param, message)
        values = []
        for key, value in zip(keys, data["v"], strict=True):
            name = key.lstrip("-")
            field = model._meta.pk if name == "pk" else model._meta.get_field(name)
            if value is None:
                values.append(None)
                continue
            try:
                values.append(field.to_python(value))
            except Exception:
                raise _bad(self.cursor_query_param, message) from None
        return {"v": values, "r": bool(data.get("r"))}

    def encode_cursor(self, values, *, reverse):
        payload = json.dumps({"o": self.keys, "v": values, "r": reverse}, separators=(",", ":"))
        return base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")

    def link(self, values, *, reverse):
        if values is None:
            return None
        url = self.request.build_absolute_uri()
        return replace_query_param(
            url, self.cursor_query_param, self.encode_cursor(values, reverse=reverse)
        )

    @staticmethod
    def list_key(params, view, reader):
        """Which list this is, whatever the page: the resource, the reader (a token holder's
        user id, None for anyone), the filters."""
        skip = {"cursor", "page_size", "format", "lang", "ordering"}
        filters = tuple(sorted((k, v) for k, v in params.items() if k not in skip))
        return (type(view), reader, filters)

    @staticmethod
    def bounded_count(queryset, *, key):
        """The count of `queryset` up to COUNT_LIMIT, else None (see the module's text)."""
        keys = queryset.order_by().values("pk")
        if connections[queryset.db].vendor == "postgresql":
            if ESTIMATES.get(key, lambda: keys) > COUNT_LIMIT * ESTIMATE_FACTOR:
                return None
        counted = keys[: COUNT_LIMIT + 1].count()
        return counted if counted <= COUNT_LIMIT else None

    def get_next_link(self):
        return self.link(self.next_values, reverse=False)

    def get_previous_link(self):
        if self.previous_values is None:
            return None
        return self.link(self.previous_values, reverse=True)

    def get_paginated_response(self, data):
        next_link, previous_link = self.get_next_link(), self.get_previous_link()
        response = Response(
            {"count": self.count, "next": next_link, "previous": previous_link, "results": data}
        )
        pairs = (("next", next_link), ("prev", previous_link))
        links = [f'<{url}>; rel="{rel}"' for rel, url in pairs if url]
        if links:  # the same neighbours as an RFC 8288 Link header
            response["Link"] = ", ".join(links)
        return response

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["count", "next", "previous", "results"],
            "properties": {
                "count": {
                    "type": "integer",
                    "nullable": True,
                    "description": bilingual(
                        _(
                            "符合条件的记录数；超过 10000 条（或数据库估计远超此数）时为 null，"
                            "请沿 next 翻页直到它为 null。"
                        )
                    ),
                },
                "next": {"type": "string", "format": "uri", "nullable": True},
                "previous": {"type": "string", "format": "uri", "nullable": True},
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": bilingual(
                    _("翻页游标：取自上一页响应的 next 或 previous 链接，不要自己构造。")
                ),
                "schema": {"type": "string"},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": bilingual(_("每页条数（默认 50，最多 500）。")),
                "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
            },
        ]
