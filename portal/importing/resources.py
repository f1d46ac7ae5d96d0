"""The base class each importable model's resource extends (in `<app>/resources.py`)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Columns an export adds for reading; an import of that file ignores them (no publishing by file).
EXPORT_ONLY = (_("发布状态"), _("更新时间"))


class Resource:
    model = None
    columns = []
    # Headers of the columns that identify an existing record (update instead of create),
    # and fields worked out by `resolve` that also identify it.
    key = ()
    derived_key = ()
    # Which column to name when a derived field is wrong, e.g. {"craftsman": "获得者"}.
    derived_headers = {}
    # Related rows to fetch in one query when exporting.
    select_related = ()
    prefetch_related = ()

    def column(self, header):
        return next(c for c in self.columns if c.header == header)

    @property
    def headers(self):
        return [column.header for column in self.columns]

    def resolve(self, values, context):
        """Fields worked out from several cells (a person by name and organization).

        Returns {field: value}; raises ValidationError({header: [messages]}) naming the column.
        """
        return {}

    def find_existing(self, values, derived):
        """The stored record the row's key columns name, or None."""
        lookup = {}
        for name in self.derived_key:
            value = derived.get(name)
            lookup.update({f"{name}__isnull": True} if value is None else {name: value})
        for header in self.key:
            column = self.column(header)
            value = values.get(header)
            if column.field and value in (None, "") and column.empty() is None:
                lookup[f"{column.field}__isnull"] = True
            else:
                lookup.update(column.key_lookup(value))
        matches = list(self.model._default_manager.filter(**lookup)[:2])
        if len(matches) > 1:
            raise ValidationError(_("文件中的关键列对应多条已有记录，无法判断更新哪一条。"))
        return matches[0] if matches else None

    def describe(self, obj):
        return str(obj)

    def export_queryset(self, queryset):
        return queryset.select_related(*self.select_related).prefetch_related(
            *self.prefetch_related
        )

    def export_header(self):
        return self.headers + [str(header) for header in EXPORT_ONLY]

    def export_row(self, obj):
        row = [column.export(obj) for column in self.columns]
        state = getattr(obj, "get_publication_state_display", None)
        return [*row, state() if state else "", obj.updated]
