"""CSV for every list (`?format=csv`): UTF-8 with a BOM so Excel opens Chinese correctly."""

import csv
import io

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, negotiation, renderers, serializers


def shape_of(field):
    """What a field reads as in JSON, as far as CSV goes: None for a value, {key: shape} for
    an object, [shape] for a list. From the serializer, not from the rows, so a resource's
    columns are the same on every page whatever its records hold."""
    if isinstance(field, serializers.ListSerializer):
        return [shape_of(field.child)]
    if isinstance(field, serializers.BaseSerializer):
        return {name: shape_of(sub) for name, sub in field.fields.items() if not sub.write_only}
    if isinstance(field, serializers.ManyRelatedField):
        return [shape_of(field.child_relation)]
    if isinstance(field, serializers.ListField):
        return [shape_of(field.child)]
    keys = getattr(field, "json_keys", None)
    if keys is None and isinstance(field, serializers.SerializerMethodField):
        method = getattr(field.parent, field.method_name, None)
        schema = getattr(method, "_spectacular_annotation", {}).get("field")
        keys = schema.get("properties") if isinstance(schema, dict) else None
    return dict.fromkeys(keys) if keys else None


def columns_of(shape, name=""):
    if isinstance(shape, list):
        return columns_of(shape[0], name)
    if isinstance(shape, dict):
        return [column for key, sub in shape.items() for column in columns_of(sub, join(name, key))]
    return [name]


def cells_of(value, shape, name=""):
    """{column: cell} of one value of `shape`; a list's items are joined with "; "."""
    if isinstance(shape, list):
        items = [cells_of(item, shape[0], name) for item in value or []]
        return {
            column: "; ".join(str(item[column]) for item in items if item[column] != "")
            for column in columns_of(shape, name)
        }
    if isinstance(shape, dict):
        cells = {}
        for key, sub in shape.items():
            part = value.get(key) if isinstance(value, dict) else None
            cells.update(cells_of(part, sub, join(name, key)))
        return cells
    if isinstance(value, list):
        return {name: "; ".join(str(item) for item in value)}
    return {name: "" if value is None else formula_safe(value)}


def join(name, key):
    return f"{name}.{key}" if name else key


# A cell a spreadsheet would run as a formula (OWASP, CSV injection) is kept as text: a quote
# goes first, as the spreadsheet programs themselves mark text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value


# <, > and & as JSON escapes: the same JSON, but no input echoed in an error message can ever
# be read as markup, whatever a browser or a proxy makes of the response.
# Replaced in the UTF-8 bytes: no byte of a multi-byte character is below 0x80.
HTML_SAFE = ((b"<", b"\\u003c"), (b">", b"\\u003e"), (b"&", b"\\u0026"))


def html_safe_json(content):
    for char, escape in HTML_SAFE:
        if char in content:
            content = content.replace(char, escape)
    return content


class JSONRenderer(renderers.JSONRenderer):
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return html_safe_json(super().render(data, accepted_media_type, renderer_context))


class CSVRenderer(renderers.BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        if isinstance(data, dict) and "results" in data:
            records = data["results"]
        elif isinstance(data, list):
            records = data
        else:
            records = [data]
        shape = self.shape(renderer_context or {})
        columns = columns_of(shape)
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(cells_of(record, shape) for record in records)
        return ("\ufeff" + buffer.getvalue()).encode("utf-8")

    @staticmethod
    def shape(context):
        """The resource's serializer as the caller reads it (fields kept for token holders
        left out for anyone else)."""
        view, request = context.get("view"), context.get("request")
        shape = shape_of(view.get_serializer())
        staff_only = getattr(view.get_serializer_class(), "staff_only_fields", ())
        if not (request and request.auth):
            for name in staff_only:
                shape.pop(name, None)
        return shape


class PortalContentNegotiation(negotiation.DefaultContentNegotiation):
    """`?format=` must name a format we offer (400 otherwise); an Accept header we cannot
    satisfy gets JSON rather than a 406."""

    def select_renderer(self, request, renderers, format_suffix=None):
        format_query = format_suffix or request.query_params.get(self.settings.URL_FORMAT_OVERRIDE)
        if format_query is not None:
            chosen = [r for r in renderers if r.format == format_query]
            if not chosen:
                offered = ", ".join(r.format for r in renderers)
                raise exceptions.ValidationError(
                    {"format": [_("应为以下之一：%(formats)s。") % {"formats": offered}]}
                )
            return chosen[0], chosen[0].media_type
        try:
            return super().select_renderer(request, renderers, format_suffix)
        except exceptions.NotAcceptable:
            return renderers[0], renderers[0].media_type
