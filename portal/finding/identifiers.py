"""Finding a record by any of its identifiers: the one rule of seeds, filters, imports and the API.

A model names the fields that identify it once, strongest first, as `identifier_fields` on the
model class (("pk",) when it names none): a district is ("code", "slug", "name"), an
organization ("credit_code", "name"). The first non-empty one is the record's identifier in
URLs, API output, filter options and tombstones.

The rule. The value, trimmed, is compared exactly (case included) with each field in that order,
and the first field it equals decides:

- one record: that record is found;
- several records (only a field that is not unique can: an occupation's 2015 code, a person's
  name): the value is ambiguous, and says so; it is never settled by picking one;
- no field: the value is unknown. A value that cannot be a field's value (letters for a year or a
  uuid, longer than the column, a NUL character) simply does not match that field.

Why this rule serves staff importing Excel, citizens typing URLs and integrators alike: codes come
before names, so a code always finds its own record even when another record's name happens to
equal it; a URL or a spreadsheet cell keeps finding the same record as records are added (only a
second record sharing a non-unique value can change that, and then the answer is "ambiguous", not
a silent guess). Exact, not case-insensitive: codes have one spelling, names are Chinese, and exact
comparison is what the unique indexes answer. Each field is asked in turn, so the usual case (the
identifier itself) costs one indexed query.
"""

from django.core.exceptions import ValidationError
from django.db import connection, models
from django.utils.translation import gettext_lazy as _

LONGEST = 200  # no identifier is longer; a longer value is not looked up at all


class NotIdentified(LookupError):
    """`value` names no single record of `model`; str() is the message for staff and users."""

    message = None

    def __init__(self, model, value, field=None):
        self.model = model
        self.value = value
        self.fields = identifier_fields(model)
        self.field = field  # the field several records share (Ambiguous)
        super().__init__(str(self))

    def __str__(self):
        return str(self.message % {"value": self.value, "model": self.model._meta.verbose_name})


class Unknown(NotIdentified):
    message = _("找不到%(model)s“%(value)s”。")


class Ambiguous(NotIdentified):
    message = _("“%(value)s”对应多条%(model)s，请写得更具体。")


def identifier_fields(model):
    return getattr(model, "identifier_fields", ("pk",))


def identifier_of(obj):
    """The record's identifier: its first non-empty identifier field."""
    for name in identifier_fields(type(obj)):
        value = getattr(obj, name)
        if value not in (None, ""):
            return str(value)
    return str(obj.pk)


def find(queryset, value):
    """The one record of `queryset` that `value` identifies; raises Unknown or Ambiguous."""
    text = "" if value is None else str(value).strip()
    model = queryset.model
    for name in identifier_fields(model) if text else ():
        field = model._meta.pk if name == "pk" else model._meta.get_field(name)
        lookup_value = _as_value(field, text)
        if lookup_value is None:
            continue
        matches = {obj.pk: obj for obj in queryset.filter(**{name: lookup_value})[:2]}
        if len(matches) > 1:
            raise Ambiguous(model, text, name)
        if matches:
            return next(iter(matches.values()))
    raise Unknown(model, text)


def _as_value(field, text):
    """`text` as a value of `field`, or None when it cannot be one (so it matches nothing)."""
    longest = field.max_length if isinstance(field, models.CharField) else LONGEST
    if "\x00" in text or len(text) > (longest or LONGEST):
        return None
    try:
        value = field.to_python(text)
    except ValidationError:
        return None
    if isinstance(field, models.IntegerField | models.AutoField):
        low, high = connection.ops.integer_field_range(field.get_internal_type())
        if (low is not None and value < low) or (high is not None and value > high):
            return None
    return value
