"""Server-rendered SVG bar charts: no script, no CDN, readable on a 320 px phone.

Each bar's label sits above the bar so long Chinese names never squeeze the bars; the page shows
the same numbers in a table next to the chart, which is the chart's text equivalent.
"""

from django.db.models import Count
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

WIDTH = 340
ROW = 46
BAR = 16
LABEL_GAP = 20
VALUE_ROOM = 80


def bar_chart(rows, *, title, chart_id, value_format="%(value)s"):
    """An SVG of horizontal bars for `rows` of (label, value); None is drawn as 未公布.

    `value_format` is a translated string such as "%(value)s 人" for the number beside a bar.
    """
    rows = list(rows)
    largest = max((value for _label, value in rows if value), default=0)
    scale = (WIDTH - VALUE_ROOM) / largest if largest else 0
    height = max(ROW * len(rows), ROW)
    bars = []
    for index, (label, value) in enumerate(rows):
        top = index * ROW
        if value is None:
            shown = _("未公布")
            width = 0
        else:
            shown = value_format % {"value": f"{value:,}"}
            width = max(round(value * scale), 2 if value else 0)
        bars.append(
            (
                top + 14,
                label,
                top + LABEL_GAP,
                width,
                width + 6,
                top + LABEL_GAP + BAR - 3,
                shown,
            )
        )
    body = format_html_join(
        "",
        '<text x="0" y="{}" class="chart-label">{}</text>'
        '<rect x="0" y="{}" width="{}" height="' + str(BAR) + '" class="chart-bar"></rect>'
        '<text x="{}" y="{}" class="chart-value">{}</text>',
        bars,
    )
    return format_html(
        '<svg class="chart" id="{id}" role="img" aria-labelledby="{id}-title" '
        'viewBox="0 0 {w} {h}" width="100%" preserveAspectRatio="xMinYMin meet" '
        'xmlns="http://www.w3.org/2000/svg"><title id="{id}-title">{title}</title>{body}</svg>',
        id=chart_id,
        w=WIDTH,
        h=height,
        title=title,
        body=body,
    )


def held(records):
    """The records the portal holds, as its counts show them ("本站收录"): the public records
    given, less the demo ones, whatever the settings show the public."""
    return records.filter(is_demo=False)


def counted(queryset, field, choices):
    """(label, count) for every choice, in the choices' order, zeros included: one query."""
    counts = dict(queryset.values_list(field).annotate(n=Count("pk")).order_by())
    return [(label, counts.get(value, 0)) for value, label in choices]
