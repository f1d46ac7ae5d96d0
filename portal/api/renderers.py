"""CSV for every list (`?format=csv`): UTF-8 with a BOM so Excel opens Chinese correctly."""

import csv
import io

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, negotiation, renderers


def flatten_row(data, prefix=""):
    """{"district": {"identifier": .., "name": ..}} -> {"district.identifier": .., ...};
    lists join their items with "; "."""
    row = {}
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            row.update(flatten_row(value, f"{name}."))
        elif isinstance(value, list):
            if value and all(isinstance(item, dict) for item in value):
                for sub in value[0]:
                    row[f"{name}.{sub}"] = "; ".join(str(item.get(sub, "")) for item in value)
            else:
                row[name] = "; ".join(str(item) for item in value)
        else:
            row[name] = "" if value is None else value
    return row


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
        rows = [flatten_row(record) for record in records]
        columns = []
        for row in rows:
            columns.extend(name for name in row if name not in columns)
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)
        return ("\ufeff" + buffer.getvalue()).encode("utf-8")


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
