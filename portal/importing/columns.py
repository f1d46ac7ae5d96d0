"""How a spreadsheet cell becomes a field value, and a field value a cell, as staff write them."""

import datetime
import decimal
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from portal.finding import identifiers
from portal.publishing import access

LIST_SEPARATORS = re.compile(r"[;；、,，|\n]+")
TRUE_WORDS = {"是", "true", "1", "y", "yes", "同意", "√", "✓"}
FALSE_WORDS = {"否", "false", "0", "n", "no", "不同意", "×", ""}


def text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


class Column:
    """A column: its header as staff write it and the model field it fills."""

    is_many = False  # many-to-many columns are written after the record is saved

    def __init__(self, header, field=None, *, required=False, help_text="", get=None):
        self.header = header
        self.field = field
        self.required = required
        self.help_text = help_text
        self.get = get  # for columns that fill no field directly: how to export them

    def parse(self, raw, context):
        """The value for the field, or raise ValidationError with a message for staff."""
        value = text(raw)
        if not value:
            if self.required:
                raise ValidationError(_("必填。"))
            return self.empty()
        return self.to_value(value, raw, context)

    def empty(self):
        return ""

    def to_value(self, value, raw, context):
        return value

    def assign(self, obj, value):
        if self.field:
            setattr(obj, self.field, value)

    def export(self, obj):
        value = self.get(obj) if self.get else getattr(obj, self.field)
        return "" if value is None else value

    def key_lookup(self, value):
        return {self.field: value}


class Text(Column):
    pass


class Integer(Column):
    def empty(self):
        return None

    def to_value(self, value, raw, context):
        try:
            number = decimal.Decimal(value.replace(",", ""))
        except decimal.InvalidOperation:
            raise ValidationError(_("“%(value)s”不是整数。") % {"value": value}) from None
        if number != number.to_integral_value():
            raise ValidationError(_("“%(value)s”不是整数。") % {"value": value})
        return int(number)


class Decimal(Column):
    def empty(self):
        return None

    def to_value(self, value, raw, context):
        try:
            return decimal.Decimal(value.replace(",", "").replace("元", ""))
        except decimal.InvalidOperation:
            raise ValidationError(_("“%(value)s”不是数字。") % {"value": value}) from None


class Date(Column):
    FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日")

    def empty(self):
        return None

    def to_value(self, value, raw, context):
        if isinstance(raw, datetime.datetime):
            return raw.date()
        if isinstance(raw, datetime.date):
            return raw
        for pattern in self.FORMATS:
            try:
                return datetime.datetime.strptime(value, pattern).date()
            except ValueError:
                continue
        raise ValidationError(_("“%(value)s”不是日期，请写成 2025-03-01。") % {"value": value})


class Boolean(Column):
    def empty(self):
        return False

    def to_value(self, value, raw, context):
        word = value.lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise ValidationError(_("“%(value)s”应填“是”或“否”。") % {"value": value})

    def export(self, obj):
        return str(_("是")) if getattr(obj, self.field) else str(_("否"))


class Choice(Column):
    """A choice written as its Chinese label (技师（二级）) or its stored value."""

    def __init__(self, header, field, choices, **kwargs):
        super().__init__(header, field, **kwargs)
        self.choices = choices

    def to_value(self, value, raw, context):
        for stored, label in self.choices.choices:
            if value in (stored, str(label)) or _loose(value) == _loose(str(label)):
                return stored
        labels = "、".join(str(label) for label in self.choices.labels)
        raise ValidationError(
            _("“%(value)s”不是可选项（%(labels)s）。") % {"value": value, "labels": labels}
        )

    def export(self, obj):
        value = getattr(obj, self.field)
        return str(self.choices(value).label) if value else ""


def _loose(label):
    """技师（二级） and 技师(二级) and 技师 all match 技师（二级）."""
    return re.sub(r"[（(].*?[)）]", "", label).strip()


class Ref(Column):
    """A reference written as staff write it: any identifier of the record (code, credit code,
    name…, portal.finding.identifiers); exported as `show` gives it (the name unless told)."""

    def __init__(self, header, field, model, *, show=None, **kwargs):
        super().__init__(header, field, **kwargs)
        self.model = model
        self.show = show or str

    def empty(self):
        return None

    def find(self, value, context, queryset=None):
        queryset = self.model._default_manager.all() if queryset is None else queryset
        try:
            match = identifiers.find(queryset, value)
        except identifiers.NotIdentified as error:
            raise ValidationError(str(error)) from None
        if not access.choosable_queryset(context.user, queryset.filter(pk=match.pk)).exists():
            raise ValidationError(_("“%(value)s”不属于本区县，不能引用。") % {"value": value})
        return match

    def to_value(self, value, raw, context):
        return self.find(value, context)

    def export(self, obj):
        related = self.get(obj) if self.get else getattr(obj, self.field)
        return self.show(related) if related is not None else ""


class RefList(Ref):
    """Several references in one cell, separated by 、 ； or a comma."""

    is_many = True

    def empty(self):
        return []

    def to_value(self, value, raw, context):
        found, problems = [], []
        for part in LIST_SEPARATORS.split(value):
            if not part.strip():
                continue
            try:
                found.append(self.find(part.strip(), context))
            except ValidationError as error:
                problems.extend(error.messages)
        if problems:
            raise ValidationError(problems)
        return found

    def assign(self, obj, value):
        getattr(obj, self.field).set(value)

    def export(self, obj):
        return "、".join(str(self.show(item)) for item in getattr(obj, self.field).all())


class ChoiceList(Column):
    """Several choices in one cell, stored as child rows (a program's target groups)."""

    is_many = True

    def __init__(self, header, *, choices, write, read, **kwargs):
        super().__init__(header, None, **kwargs)
        self.choices = choices
        self.write = write
        self.read = read

    def empty(self):
        return []

    def to_value(self, value, raw, context):
        chosen = []
        for part in LIST_SEPARATORS.split(value):
            part = part.strip()
            if part:
                chosen.append(Choice(self.header, None, self.choices).to_value(part, part, context))
        return chosen

    def assign(self, obj, value):
        self.write(obj, value)

    def export(self, obj):
        return "、".join(str(self.choices(value).label) for value in self.read(obj))
