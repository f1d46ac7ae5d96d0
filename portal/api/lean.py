"""The lean read path of anonymous API lists: database rows as dictionaries, not model instances
run through DRF serializer fields.

At a million rows the database answers a page in milliseconds; building fifty model instances
with their joined relations and passing every value through a serializer field cost ten times
that. A `LeanPlan` is compiled once per serializer class from the serializer's own fields: it
names the columns to read with `.values()` and, per field, a reader that turns a row into
exactly what the field's `to_representation()` returns for an anonymous reader. A serializer
with a field the plan cannot reproduce (a many-to-many, a nested serializer, a computed field)
has no plan and keeps the DRF path. tests/portal/test_api_lean.py holds each plan to the
serializer's output, field by field.

Each reader also writes itself as SQL (`LeanPlan.json_sql`): on PostgreSQL the anonymous read
path (portal/api/fast.py) has the database write each row's JSON object as text, so a page
costs no Python per value at all.
"""

import datetime
import functools
import json
import zoneinfo

from django.conf import settings
from django.utils import timezone, translation
from rest_framework import ISO_8601, serializers
from rest_framework import fields as drf_fields
from rest_framework.settings import api_settings

from portal.search import city_sized

from .fields import IdentifierRelatedField, LabelledChoiceField
from .identifiers import first_identifier, identifier_fields, name_in

# DRF fields whose representation depends on the value alone (no request, no instance).
PLAIN_FIELDS = (
    drf_fields.CharField,
    drf_fields.IntegerField,
    drf_fields.BooleanField,
    drf_fields.DateField,
    drf_fields.DecimalField,
    drf_fields.FloatField,
    drf_fields.UUIDField,
)


class Unsupported(Exception):
    """A field the lean path cannot reproduce exactly: the serializer keeps the DRF path."""


class RequestState:
    """What readers need once per request: the active time zone and translated labels."""

    def __init__(self):
        self.timezone = timezone.get_current_timezone()
        self.language = translation.get_language()
        self._labels = {}

    @property
    def zone_name(self):
        """The IANA name of the active time zone, for SQL (None for a zone without one)."""
        return getattr(self.timezone, "key", None)

    def labels(self, field):
        found = self._labels.get(id(field))
        if found is None:
            found = {str(value): str(label) for value, label in field.choices.items()}
            self._labels[id(field)] = found
        return found


def identifier_reader(model, prefix=""):
    """The columns holding a record's identifier (its primary key last) and a reader: the
    rule of portal.api.identifiers.identifier_of over a row."""
    names = [name for name in identifier_fields(model) if name != "pk"]
    columns = [f"{prefix}{name}" for name in names] + [f"{prefix}pk"]
    for name in names:
        model._meta.get_field(name)  # a typo fails here, at compile time

    def read(row):
        return first_identifier(row[column] for column in columns)

    def sql(ref):
        texts = [f"NULLIF(({ref(column)})::text, '')" for column in columns]
        return f"COALESCE({', '.join(texts)})"

    read.sql = sql
    return columns, read


def name_reader(model, prefix=""):
    """portal.api.identifiers.display_name over a row: English name when asked and present."""
    names = {field.name for field in model._meta.concrete_fields}
    base = next((name for name in ("name", "title") if name in names), None)
    if base is None:
        raise Unsupported(f"{model.__name__} has no name")
    columns = [f"{prefix}{base}"]
    english = f"{prefix}name_en" if "name_en" in names else None
    if english:
        columns.append(english)

    def read(row, state):
        return name_in(state.language, row[columns[0]], row[english] if english else "")

    def sql(ref, state):
        if english and state.language == "en":
            return f"COALESCE(NULLIF({ref(english)}, ''), {ref(columns[0])})"
        return ref(columns[0])

    read.sql = sql
    return columns, read


def related_reader(field, source, relation):
    """An IdentifierRelatedField (or a subclass that says how) over a row; `relation`: the
    model's foreign key the field reads."""
    model = field.queryset.model if field.queryset is not None else None
    if model is None:
        raise Unsupported(f"{field.field_name}: no related model")
    prefix = f"{source}__"
    id_columns, read_identifier = identifier_reader(model, prefix)
    name_columns, read_name = name_reader(model, prefix)
    visible_columns, visible = field.lean_visibility(prefix)
    columns = [source, *id_columns, *name_columns, *visible_columns]

    def read(row, state):
        if row[source] is None or not visible(row):
            return None
        return {"identifier": read_identifier(row), "name": read_name(row, state)}

    def shown_object(ref, state):
        """The related record's {identifier, name} as JSON text, over the columns `ref` names."""
        return json_object(
            [
                ("identifier", json_text(read_identifier.sql(ref))),
                ("name", json_text(read_name.sql(ref, state))),
            ]
        )

    def lateral(ref, state, name):
        """(the JSON text, a LEFT JOIN LATERAL clause): the related record's object written
        from its own table, joined by the key, so PostgreSQL writes it once per record a
        page shows (a Memoize node) instead of once per row, a quarter of the rows' JSON
        time for craftsmen; NULL, so `null`, where there is none or it is not to be seen."""
        alias, table = f'"j_{name}"', f'"t_{name}"'

        def column(prefixed):
            name = prefixed.removeprefix(prefix)
            found = model._meta.pk if name == "pk" else model._meta.get_field(name)
            return f'{table}."{found.column}"'

        shown = shown_object(column, state)
        if visible.sql is not None:
            shown = f"CASE WHEN {visible.sql(column)} THEN {shown} END"
        join = (
            f'LEFT JOIN LATERAL (SELECT {shown} AS "j" FROM "{model._meta.db_table}" {table} '
            f'WHERE {table}."{relation.target_field.column}" = {ref(source)}) {alias} ON true'
        )
        return f"COALESCE({alias}.\"j\", 'null')", join

    def json(ref, state):
        hidden = f"{ref(source)} IS NULL"
        if visible.sql is not None:
            hidden += f" OR NOT ({visible.sql(ref)})"
        return f"CASE WHEN {hidden} THEN 'null' ELSE {shown_object(ref, state)} END"

    # Rows of a city-sized table (awards' craftsmen) seldom share a record: read it inline.
    if city_sized(model):
        read.json = json
    else:
        read.lateral = lateral
    return columns, read


def field_reader(serializer, field):
    """(columns, reader(row, state)) reproducing `field.to_representation` for a reader
    without a token."""
    if isinstance(field, serializers.SerializerMethodField):
        if field.method_name == "get_identifier" and not _overrides(serializer, "get_identifier"):
            columns, read = identifier_reader(serializer.Meta.model)

            def read_identifier(row, state):
                return read(row)

            read_identifier.sql = lambda ref, state: read.sql(ref)
            return columns, read_identifier
        raise Unsupported(f"{field.field_name}: a computed field")
    if field.source == "*" or "." in field.source:
        raise Unsupported(f"{field.field_name}: source {field.source}")
    source = field.source
    model_field = _model_field(serializer.Meta.model, source)
    if isinstance(field, IdentifierRelatedField):
        if not model_field.many_to_one:
            raise Unsupported(f"{field.field_name}: not a foreign key")
        return related_reader(field, source, model_field)
    if isinstance(field, serializers.RelatedField | serializers.ManyRelatedField):
        raise Unsupported(f"{field.field_name}: {type(field).__name__}")
    if model_field.is_relation:
        raise Unsupported(f"{field.field_name}: a relation")
    if type(field) is LabelledChoiceField:

        def read_choice(row, state, field=field):
            value = row[source]
            if value in ("", None):
                return None
            text = str(value)
            return {"value": text, "label": state.labels(field).get(text, value)}

        def choice_json(ref, state, field=field):
            text = f"({ref(source)})::text"
            labels = " ".join(
                f"WHEN {literal(value)} THEN {literal(label)}"
                for value, label in state.labels(field).items()
            )
            label = f"CASE {text} {labels} ELSE {text} END" if labels else text
            shown = json_object([("value", json_text(text)), ("label", json_text(label))])
            return f"CASE WHEN {ref(source)} IS NULL OR {text} = '' THEN 'null' ELSE {shown} END"

        read_choice.json = choice_json
        return [source], read_choice
    if type(field) is drf_fields.DateTimeField and _iso_in_current_zone(field):
        return [source], _datetime_reader(source)
    if isinstance(field, PLAIN_FIELDS) and _plain(field):

        def read_plain(row, state, represent=field.to_representation):
            value = row[source]
            return None if value is None else represent(value)

        read_plain.sql = _plain_sql(field, source)
        return [source], read_plain
    raise Unsupported(f"{field.field_name}: {type(field).__name__}")


def _datetime_reader(source):
    """DRF's ISO 8601 in the active time zone, `Z` for UTC, without a call per value into
    the field (the same format as DateTimeField.to_representation with default settings)."""

    def read(row, state):
        value = row[source]
        if value is None:
            return None
        text = value.astimezone(state.timezone).isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text

    def sql(ref, state):
        if state.zone_name is None:
            raise Unsupported("a time zone without a name")
        column = ref(source)
        local = f"({column} AT TIME ZONE {literal(state.zone_name)})"
        offset = f"({local} - ({column} AT TIME ZONE 'UTC'))"
        exact = (
            f"to_char({local}, 'YYYY-MM-DD\"T\"HH24:MI:SS') || "
            f"CASE WHEN extract(microseconds FROM {column})::bigint %% 1000000 = 0 THEN '' "
            f"ELSE to_char({local}, '.US') END || "
            f"CASE WHEN {offset} = interval '0' THEN 'Z' "
            f"WHEN {offset} > interval '0' THEN '+' || to_char({offset}, 'HH24:MI') "
            f"ELSE '-' || to_char(-{offset}, 'HH24:MI') END"
        )
        # A table's kept JSON (portal/api/kept.py) is written in any session's zone: exactly.
        window = None if getattr(state, "exact", False) else steady_offset(state.zone_name)
        if window is None:
            return f"CASE WHEN {column} IS NULL THEN NULL ELSE {exact} END"
        # Inside the span where the zone's offset does not change (all of this century, for
        # Asia/Shanghai) shifting by the offset is exact, and cheaper than the zone lookups
        # (about 0.1 ms against 0.4 ms for a page's 150 times); to_char reads the shifted time
        # in the session's zone, which Django keeps at UTC.
        start, end, seconds, suffix = window
        steady = (
            f"replace(to_char({column} + interval '{seconds} seconds', "
            f"'YYYY-MM-DD\"T\"HH24:MI:SS.US'), '.000000', '') || '{suffix}'"
        )
        return (
            f"CASE WHEN {column} IS NULL THEN NULL "
            f"WHEN {column} >= {literal(start.isoformat())} "
            f"AND {column} < {literal(end.isoformat())} THEN {steady} ELSE {exact} END"
        )

    read.sql = sql
    return read


@functools.cache
def steady_offset(zone_name, *, years_back=60, years_ahead=30):
    """(start, end, offset seconds, ISO suffix) of the span around now in which `zone_name`
    keeps one UTC offset, found day by day within the years given and then to the second;
    None for an offset that is not whole minutes."""
    zone = zoneinfo.ZoneInfo(zone_name)
    now = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    offset = now.astimezone(zone).utcoffset()
    if offset.total_seconds() % 60:
        return None

    def same(moment):
        return moment.astimezone(zone).utcoffset() == offset

    def edge(step, limit):
        inside = now
        for _day in range(limit):
            beyond = inside + step
            if not same(beyond):
                while abs((beyond - inside).total_seconds()) > 1:  # to the second
                    middle = inside + (beyond - inside) / 2
                    inside, beyond = (middle, beyond) if same(middle) else (inside, middle)
                return inside.replace(microsecond=0)
            inside = beyond
        return inside

    day = datetime.timedelta(days=1)
    start = edge(-day, 366 * years_back)
    end = edge(day, 366 * years_ahead) + datetime.timedelta(seconds=1)
    seconds = int(offset.total_seconds())
    sign, minutes = ("+" if seconds >= 0 else "-"), abs(seconds) // 60
    suffix = "Z" if seconds == 0 else f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"
    return start, end, seconds, suffix


def _plain_sql(field, source):
    """A plain field's value as JSON: text as text, numbers and booleans as themselves,
    dates in ISO form (PostgreSQL's own), decimals as DRF writes them (text by default)."""
    as_text = isinstance(field, drf_fields.CharField | drf_fields.UUIDField) or (
        isinstance(field, drf_fields.DecimalField)
        and getattr(field, "coerce_to_string", api_settings.COERCE_DECIMAL_TO_STRING)
    )
    if isinstance(field, drf_fields.DecimalField) and (
        field.localize or field.normalize_output or field.decimal_places is None
    ):
        raise Unsupported(f"{field.field_name}: a decimal written differently")
    if isinstance(field, drf_fields.DateField) and getattr(
        field, "format", api_settings.DATE_FORMAT
    ) not in (ISO_8601, None):
        raise Unsupported(f"{field.field_name}: a date format")

    def sql(ref, state):
        return f"({ref(source)})::text" if as_text else ref(source)

    return sql


def json_text(value):
    """The JSON text of the SQL value `value`, `null` for NULL: to_json encodes each type as
    json_build_object does."""
    return f"COALESCE(to_json({value})::text, 'null')"


class Members(str):
    """SQL text giving several `"name":value` members of an object at once (a kept run)."""


def json_object(pairs):
    """The text of a JSON object from (name, JSON text expression) pairs, concatenated:
    json_build_object looks up each argument's type on every call, which made it a third
    of the database's time for a page. The punctuation and each name are one literal
    (`',"name":'`): half the concatenations of a literal each. An item may instead be
    `Members`, written as it is."""
    if not pairs:
        return "'{}'"
    return " || ".join([*_member_parts(pairs, first="{"), "'}'"])


def json_members(pairs):
    """The text of `"name":value,...` from (name, JSON text expression) pairs: an object's
    members without its braces."""
    return " || ".join(_member_parts(pairs, first=""))


def _member_parts(pairs, *, first):
    """The concatenation's parts: each member's punctuation and name as one literal, then its
    value; `first` leads the first member, a comma the others."""
    parts = []
    for at, item in enumerate(pairs):
        lead = "," if at else first
        if isinstance(item, Members):
            parts += [literal(lead), item] if lead else [item]
            continue
        name, text = item
        parts += [literal(lead + json.dumps(name, ensure_ascii=False) + ":"), text]
    return parts


def literal(text):
    """`text` as an SQL string literal (standard_conforming_strings, PostgreSQL's default);
    percent signs doubled, as the query goes through parameter substitution."""
    text = str(text)
    if "\x00" in text:
        raise Unsupported("a NUL character")
    return "'" + text.replace("'", "''").replace("%", "%%") + "'"


def _iso_in_current_zone(field):
    output = getattr(field, "format", api_settings.DATETIME_FORMAT)
    return (
        isinstance(output, str)
        and output.lower() == ISO_8601
        and not hasattr(field, "timezone")
        and settings.USE_TZ
    )


def _plain(field):
    """A plain field whose to_representation has not been replaced (our strict text fields
    only change how input is read)."""
    for klass in type(field).__mro__:
        if "to_representation" in vars(klass):
            return klass.__module__.startswith("rest_framework")
    return False


def _overrides(serializer, name):
    from .serializers import PortalModelSerializer

    return getattr(type(serializer), name) is not getattr(PortalModelSerializer, name)


def _model_field(model, name):
    try:
        return model._meta.get_field(name)
    except Exception as error:
        raise Unsupported(f"{name}: not a model field") from error


class LeanPlan:
    """The columns one serializer reads and a builder of its anonymous representation."""

    def __init__(self, serializer):
        hidden = set(getattr(serializer, "staff_only_fields", ()))
        self.readers = []
        columns = ["pk", "updated", "last_removal"]  # last_removal: PortalListViewSet.list
        for field in serializer._readable_fields:
            if field.field_name in hidden:
                continue
            field_columns, read = field_reader(serializer, field)
            columns.extend(c for c in field_columns if c not in columns)
            self.readers.append((field.field_name, read))
        self.columns = columns
        self._json_sql = {}

    def represent(self, rows):
        state = RequestState()
        readers = self.readers
        return [{name: read(row, state) for name, read in readers} for row in rows]

    def runs(self):
        """The fields in runs, in order: (own, [(name, reader)]), `own` when written from
        the row's own columns whatever the language (what a table may keep written,
        portal/api/kept.py), not when they show labels or related records."""
        runs = []
        for name, read in self.readers:
            own = not hasattr(read, "lateral") and not hasattr(read, "json")
            if runs and runs[-1][0] == own:
                runs[-1][1].append((name, read))
            else:
                runs.append((own, [(name, read)]))
        return runs

    @classmethod
    def members_sql(cls, members, state, ref):
        """The JSON text of an own run's members, from the columns `ref` names."""
        return json_members(cls._pairs(members, state, ref, joins=[]))

    def json_sql(self, state, alias, *, kept=None):
        """(expression, joins): one SQL expression writing a row's JSON object as text (what
        `represent` would give, once parsed) from the columns of the `.values()` rows named
        `alias`, in the state's language and time zone; and the LEFT JOIN LATERAL clauses it
        reads related records' objects from, to write after `alias` in the FROM clause.
        `kept`: the column holding the own runs as the table keeps them written (read where
        present, written here where NULL)."""
        key = (state.language, state.zone_name, alias, kept)
        found = self._json_sql.get(key)
        if found is None:

            def ref(column):
                return f'{alias}."{column}"'

            pairs, joins, kept_at = [], [], 0
            for own, members in self.runs():
                if own and kept is not None:
                    kept_at += 1
                    written = self.members_sql(members, state, ref)
                    piece = f"split_part({ref(kept)}, chr(30), {kept_at})"
                    pairs.append(Members(f"COALESCE({piece}, {written})"))
                    continue
                pairs.extend(self._pairs(members, state, ref, joins))
            found = self._json_sql[key] = (json_object(pairs), " ".join(joins))
        return found

    @staticmethod
    def _pairs(members, state, ref, joins):
        pairs = []
        for name, read in members:
            if hasattr(read, "lateral"):
                text, join = read.lateral(ref, state, name)
                joins.append(join)
            elif hasattr(read, "json"):
                text = read.json(ref, state)
            else:
                text = json_text(read.sql(ref, state))
            pairs.append((name, text))
        return pairs


@functools.cache
def plan_for(serializer_class):
    """The serializer's LeanPlan, or None when one of its fields needs the DRF path."""
    serializer = serializer_class(context={})
    try:
        return LeanPlan(serializer)
    except Unsupported:
        return None
