"""The anonymous read path of API lists on PostgreSQL: the database writes the page's JSON.

Most API traffic is anonymous pages of public lists. Through DRF a page cost 4–6 ms of Python
at a million rows (request machinery, the FilterSet's form, the ORM building rows, a reader per
value, JSON) for a query the database answers in a fraction of a millisecond. Here a list
request without a token, asking for JSON, is answered before DRF:

- its filters are read from the FilterSet's declarations (portal/filter_plans.py);
- its rows are the same `.values()` rows as the lean path's, keyset-paginated by the same
  KeysetPagination, but the database turns each into its JSON object (LeanPlan.json_sql, the
  serializer's fields written as SQL) and Python only joins them;
- the statement is compiled once per shape of request and prepared (portal/prepared.py),
  except for a `q` search, planned per request: its best plan depends on the text;
- rate limit, shared cache, ETag, Last-Modified and 304 are the full path's own.

Anything else (a token, CSV, an ordering, `updated_after`, a bad value, another database)
returns None and goes the full way, which also answers every error with its usual message.
tests/portal/test_api_fast.py holds both paths to the same answers.
"""

import datetime
import functools
import json

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request

from portal import cache as public_cache
from portal import prepared
from portal.filter_plans import each, narrow

from . import kept, lean
from .filtering import PortalFilterBackend
from .renderers import JSONRenderer, html_safe_json
from .throttling import AnonymousThrottle

VARIANT = "api|json"  # the full path's shared-cache variant for JSON (PortalListViewSet)
NOT_PLAIN_JSON = {"text/csv", "text/*"}


def respond(view, request):
    """The response to an anonymous list request, or None when it needs the full path."""
    if (
        request.method != "GET"
        or "HTTP_AUTHORIZATION" in request.META
        or not prepared.supported(view.queryset.db)
    ):
        return None
    params = request.GET
    if params.get("format", "json") != "json" or not plain_json(request.META.get("HTTP_ACCEPT")):
        return None
    plan = lean.plan_for(view.get_serializer_class())
    if plan is None and not public_cache.timeout():
        return None
    lang = params.get("lang")
    if lang is not None:
        if lang not in {code for code, _name in view.languages()}:
            return None
        translation.activate(lang)
        request.LANGUAGE_CODE = lang
    # Counted before any query, as on the full path, which is told so if it takes over.
    throttle = AnonymousThrottle()
    if public_cache.timeout():  # the cached copy is read in the rate count's round trip
        throttle.also_read = public_cache.entry_keys(request, VARIANT)
    if not throttle.allow_request(Request(request), view):
        return None  # the full path answers 429 with Retry-After
    request.rate_counted = True
    shared = public_cache.lookup(request, VARIANT, throttle.read)
    if shared is not None and shared.stored is not None:  # any resource's copy, plan or not
        return view.shared_copy(request, decorate(view, public_cache.response_from(shared.stored)))
    if plan is None:
        return None
    paginator = view.pagination_class()
    paginator.request = request
    view.lean_plan = plan
    try:
        paginator.page_size = paginator.get_page_size(params)
        keys = paginator.ordering_keys(view.queryset, view)  # public_rows' own order
        cursor = paginator.decode_cursor(params.get("cursor"), keys, view.queryset.model)
    except ValidationError:
        return None
    filterset_class = PortalFilterBackend().get_filterset_class(view)
    steps = filterset_class.plain_filters(params, deferred=True)
    if steps is None:
        return None
    base = view.public_rows(plan)
    values = [value for step in steps if step.marked for value in each(step.value)]
    values += cursor["v"] if cursor else []
    statement = Statement.lookup(view, paginator, base, steps, keys, cursor, values)
    rows = statement.fetch(values)

    @functools.cache
    def resolved():
        """The steps with each named record's key looked up, once (None for a name no
        record has): an empty page and the planner's estimate of the count need it."""
        return [step.resolved() for step in steps]

    if not rows and None in resolved():
        return None  # a record no one has: the FilterSet names the parameter (400)

    @functools.cache
    def matching():
        """The whole list."""
        counted = resolved()
        if None in counted:
            return base.none()
        return narrow(base, counted, lambda step: step.value)

    key = paginator.list_key(params, view, None)
    page = paginator.settle(rows, keys, cursor, matching, key, using=base.db)
    head = paginator.head()
    text = json.dumps(head, ensure_ascii=False, separators=(",", ":"))
    body = f'{text[:-1]},"results":[{",".join(row["_json"] for row in page)}]}}'
    response = decorate(view, HttpResponse(html_safe_json(body.encode())))
    links = paginator.link_header(head)
    if links:
        response["Link"] = links
    view.shared = shared
    view.last_modified = latest(page) if page else view.latest(page)
    return view.validated(request, response)


def decorate(view, response):
    """What the full path's DRF response carries whatever the page."""
    response["Content-Type"] = f"{JSONRenderer.media_type}; charset={JSONRenderer.charset}"
    response["Allow"] = ", ".join(view.allowed_methods)
    patch_vary_headers(response, view.VARY)
    response["Cache-Control"] = view.public_cache_control
    return response


def plain_json(accept):
    """Whether DRF's negotiation would surely give plain JSON for this Accept header: no
    range that CSV satisfies, no media type parameter but q (`indent` changes the output)."""
    for part in (accept or "").split(","):
        media, *extra = (piece.strip().lower() for piece in part.split(";"))
        if media in NOT_PLAIN_JSON or any(p and not p.startswith("q=") for p in extra):
            return False
    return True


class Statement:
    """One shape of list request (resource, language, filters asked, page size, cursor) as
    SQL, compiled once per process: the rows' JSON built by the database, the shape's
    constants (publication state, kind of record) written into the text so PostgreSQL can
    use the partial indexes they select, and the request's values (filter values, cursor
    values) as parameters of a prepared statement. A search's statement is compiled once per
    shape too, but planned per request (not prepared): its best plan depends on the text."""

    known = {}
    size = 1024

    def __init__(self, limited, plan, keys, markers, *, ahead, prepare, rows=None, kept=None):
        """`markers`: {id(stand-in): (index of the request's value it stands for, stand-in)};
        `ahead`: compiled for every request of the shape (the stand-ins become parameters).
        `rows`, for a search: the list's rows, read by key. `limited` then reads only the
        page's keys, planned for the text searched for, and the rows' JSON comes from a
        prepared statement by those keys: planning the joins of the JSON for each search
        cost PostgreSQL three times what running the whole search did. `kept`: the column
        of the rows holding their own JSON as the table keeps it (portal/api/kept.py)."""
        self.using = limited.db
        self.ahead = ahead
        self.prepare = ahead and prepare
        self.names = [key.lstrip("-") for key in keys]
        connections[self.using].ensure_connection()
        try:
            inner, self.slots, self.fixed = prepared.parametrize(limited, markers, ahead=ahead)
        except EmptyResultSet:  # a condition nothing can meet: no query at all
            self.sql, self.slots, self.fixed, self.complete = None, [], [], False
            return
        # Every stand-in must have reached the SQL (a lookup the ORM folds away, say, would
        # leave its value out): else the shape cannot be compiled ahead.
        reached = {at for at, _dress in self.slots}
        self.complete = not ahead or {at for at, _marker in markers.values()} <= reached
        order = ", ".join(self._order(item) for item in limited.query.order_by)
        document, joins = plan.json_sql(lean.RequestState(), "r", kept=kept)
        select = (
            f'SELECT ({document})::text, extract(epoch FROM r."updated")::float8, '
            f'extract(epoch FROM r."last_removal")::float8, '
            f"{', '.join(f'r.{quote(name)}' for name in self.names)} "
        )
        if rows is None:
            self.sql, self.rows_sql = f"{select}FROM ({inner}) r {joins} ORDER BY {order}", None
        else:
            by_key, _slots, _fixed = prepared.parametrize(rows.order_by(), {}, ahead=True)
            self.sql = inner
            self.rows_sql = (
                f'{select}FROM ({by_key}) r {joins} WHERE r."pk" = ANY(%s) ORDER BY {order}'
            )

    @classmethod
    def lookup(cls, view, paginator, base, steps, keys, cursor, values):
        """The statement for this request's shape; `values` are the request's values in the
        order its filters and cursor give them (None for a null cursor value)."""
        state = lean.RequestState()
        cacheable = all(step.shape is not None for step in steps) and all(
            value is None or type(value) in prepared.MARKERS for value in values
        )
        shape = (
            type(view),
            state.language,
            state.zone_name,
            paginator.page_size,
            tuple(keys),
            tuple(step.shape for step in steps),
            None if cursor is None else (cursor["r"], tuple(map(type, cursor["v"]))),
        )
        if cacheable and shape in cls.known:
            return cls.known[shape]
        statement = cls.compile(view, paginator, base, steps, keys, cursor, values, cacheable)
        if cacheable and not statement.complete:  # this request's values written in, then
            return cls.compile(view, paginator, base, steps, keys, cursor, values, False)
        if cacheable:
            if len(cls.known) >= cls.size:
                cls.known.clear()
            cls.known[shape] = statement
        return statement

    @classmethod
    def compile(cls, view, paginator, base, steps, keys, cursor, values, ahead):
        """The statement, with stand-ins for the request's values when compiled `ahead` of
        the requests of its shape (prepared then), else with this request's values."""
        markers, stand_ins = {}, iter(range(len(values)))

        def mark(value):
            if type(value) is tuple:  # a filter's several values (a search's text and keys)
                return tuple(mark(item) for item in value)
            at = next(stand_ins)
            if not ahead or value is None:
                return value
            marker = prepared.MARKERS[type(value)](at)
            markers[id(marker)] = (at, marker)
            return marker

        model, plan = view.queryset.model, view.lean_plan
        kept_column = None
        if kept.usable(model, plan, lean.RequestState().zone_name, using=base.db):
            kept_column = kept.COLUMN
            base = base.annotate(**{kept.COLUMN: kept.column(model)})
        searched = any(step.planned_per_value for step in steps)
        source = view.public(view.queryset.all()) if searched else base  # a search: keys only
        narrowed = narrow(source, steps, lambda s: mark(s.value) if s.marked else s.value)
        if cursor is not None:
            cursor = {"r": cursor["r"], "v": [mark(value) for value in cursor["v"]]}
        limited = paginator.limited(narrowed, keys, cursor, view)
        if not searched:
            return cls(limited, plan, keys, markers, ahead=ahead, prepare=True, kept=kept_column)
        return cls(
            limited.values_list("pk"),
            plan,
            keys,
            markers,
            ahead=ahead,
            prepare=False,
            rows=base,
            kept=kept_column,
        )

    def fetch(self, values):
        """The page's rows for the request's values, in the order the statement's markers
        were made: each row's JSON text, keyset values, and last change as epoch seconds
        (loading fifty timestamps into Python costs more than the rest of the row)."""
        if self.sql is None:
            return []
        if self.ahead:
            params = prepared.dressed(values, self.slots)
        else:
            params = self.fixed
        rows = prepared.fetchall(self.sql, params, using=self.using, prepare=self.prepare)
        if self.rows_sql is not None:  # a search's keys: now their rows
            if not rows:
                return []
            found = [row[0] for row in rows]
            rows = prepared.fetchall(self.rows_sql, [found], using=self.using)
        labels = ["_json", "_updated", "_removed", *self.names]
        return [dict(zip(labels, row, strict=True)) for row in rows]

    @staticmethod
    def _order(item):
        """The inner query's ORDER BY item over the outer query's columns: a subquery's
        order is not promised to survive the outer SELECT."""
        text = f"r.{quote(item.expression.name)} {'DESC' if item.descending else 'ASC'}"
        if item.nulls_first:
            text += " NULLS FIRST"
        elif item.nulls_last:
            text += " NULLS LAST"
        return text


def quote(name):
    return f'"{name}"'


def latest(page):
    """The last change the page reflects: its newest row or its kind's newest removal."""
    moments = [row["_updated"] for row in page]
    if page[0]["_removed"] is not None:
        moments.append(page[0]["_removed"])
    return datetime.datetime.fromtimestamp(max(moments), tz=datetime.UTC)
