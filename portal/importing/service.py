"""The import service: every row checked, all rows written or none, history kept per row."""

from dataclasses import dataclass, field

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import DatabaseError, transaction
from django.utils.translation import gettext_lazy as _

from portal.publishing import access
from portal.publishing.choices import PublicationState

from .resources import EXPORT_ONLY


@dataclass
class RowReport:
    number: int
    action: str = ""  # "create", "update" or "error"
    pk: object = None
    record: str = ""
    errors: list = field(default_factory=list)  # (column header, message)

    @property
    def action_label(self):
        return {"create": _("新增"), "update": _("更新"), "error": _("错误")}[self.action]


@dataclass
class ImportReport:
    rows: list = field(default_factory=list)
    file_errors: list = field(default_factory=list)  # (column header, message)
    ignored_columns: list = field(default_factory=list)
    committed: bool = False

    @property
    def ok(self):
        return not self.file_errors and not any(row.errors for row in self.rows)

    @property
    def bad_rows(self):
        return [row for row in self.rows if row.errors]

    def count(self, action):
        return sum(1 for row in self.rows if row.action == action)


@dataclass
class Context:
    user: object
    written: dict = field(default_factory=dict)  # pk -> the row number that wrote it


def import_table(*, resource, table, user, commit):
    """Check every row of `table` and, if all are good and `commit`, write them all.

    A dry run (commit=False) does the same writes inside a transaction that is rolled back, so
    the preview reports exactly what confirming would do (including duplicates in the file).
    """
    model = resource.model
    if not access.can_edit_model(user, model):
        raise PermissionDenied(
            _("您的角色不能导入%(model)s。") % {"model": model._meta.verbose_name}
        )
    report = ImportReport()
    _check_header(resource, table, report)
    if report.file_errors:
        return report
    context = Context(user=user)
    with transaction.atomic():
        for number, cells in table.rows:
            report.rows.append(_import_row(resource, number, cells, context))
            context.written[report.rows[-1].pk] = number
        if not (commit and report.ok):
            transaction.set_rollback(True)
        else:
            report.committed = True
    return report


def _check_header(resource, table, report):
    known = set(resource.headers)
    readonly = {str(header) for header in EXPORT_ONLY}
    for column in resource.columns:
        if column.required and column.header not in table.header:
            report.file_errors.append((column.header, _("缺少必填列。")))
    report.ignored_columns = [
        name for name in table.header if name and name not in known and name not in readonly
    ]
    seen = set()
    for name in table.header:
        if name and name in seen:
            report.file_errors.append((name, _("列名重复。")))
        seen.add(name)


def _import_row(resource, number, cells, context):
    row = RowReport(number=number)
    values = {}
    for column in resource.columns:
        if column.header not in cells and not column.required:
            continue
        try:
            values[column.header] = column.parse(cells.get(column.header), context)
        except ValidationError as error:
            row.errors.extend((column.header, message) for message in error.messages)
    if row.errors:
        row.action = "error"
        return row
    try:
        derived = resource.resolve(values, context)
        existing = resource.find_existing(values, derived)
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            row.errors.extend(
                (header, message)
                for header, messages in error.message_dict.items()
                for message in messages
            )
        else:
            row.errors.extend(("—", message) for message in error.messages)
        row.action = "error"
        return row
    user = context.user
    if existing is not None and existing.pk in context.written:
        row.errors.append(
            (
                "—",
                _("与第 %(row)d 行是同一条记录，请合并。") % {"row": context.written[existing.pk]},
            )
        )
        row.action = "error"
        return row
    if existing is not None and not access.can_edit(user, existing):
        row.errors.append(
            ("—", _("已有记录“%(record)s”您无权修改（其他区县或已发布）。") % {"record": existing})
        )
        row.action = "error"
        return row
    obj = existing if existing is not None else resource.model()
    row.action = "update" if existing is not None else "create"
    for column in resource.columns:
        if column.header in values and not column.is_many:
            column.assign(obj, values[column.header])
    for name, value in derived.items():
        setattr(obj, name, value)
    if existing is None and hasattr(obj, "publication_state"):
        obj.publication_state = PublicationState.DRAFT  # imports never publish
    row.errors.extend(_scope_errors(resource, obj, values, user))
    if not row.errors:
        row.errors.extend(_save(resource, obj, values, user))
    row.record = resource.describe(obj) if not row.errors else row.record
    if row.errors:
        row.action = "error"
    else:
        row.pk = obj.pk
    return row


def _scope_errors(resource, obj, values, user):
    """A district editor's rows must stay in its district."""
    if access.is_bureau(user):
        return []
    own = access.staff_district(user)
    path = access.district_path(type(obj))
    header = _header_for(resource, path.split("__")[0]) if path else "—"
    if path == "districts":
        chosen = values.get(header) or []
        if own not in chosen:
            return [(header, _("须包含本区县（%(district)s）。") % {"district": own})]
        return []
    if access.district_of(obj) != own:
        return [(header, _("只能导入本区县（%(district)s）的记录。") % {"district": own})]
    return []


def _header_for(resource, field_name):
    for column in resource.columns:
        if column.field == field_name:
            return column.header
    return resource.derived_headers.get(field_name, "—")


def _save(resource, obj, values, user):
    try:
        obj.full_clean()
    except ValidationError as error:
        return [
            (
                _header_for(resource, name) if name != NON_FIELD_ERRORS else "—",
                message,
            )
            for name, messages in error.message_dict.items()
            for message in messages
        ]
    try:
        with transaction.atomic():
            obj._history_user = user
            obj._change_reason = str(_("导入"))
            obj.save()
            for column in resource.columns:
                if column.header in values and column.is_many:
                    column.assign(obj, values[column.header])
    except DatabaseError as error:
        return [("—", _("数据库拒绝保存：%(error)s") % {"error": error})]
    return []
