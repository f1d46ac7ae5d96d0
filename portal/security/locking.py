"""Optimistic locking on PublishableModel.version: two staff editing the same record cannot
silently overwrite each other (admin form field, API If-Match)."""

from django.core.exceptions import ValidationError
from django.db import router, transaction
from django.utils.translation import gettext_lazy as _

STALE_MESSAGE = _(
    "保存失败：这条记录在您打开之后已被他人修改（当前版本 %(current)s，您编辑的是版本 "
    "%(expected)s）。您的修改没有保存，请重新打开记录后再编辑。"
)


class StaleVersion(ValidationError):
    """The record changed since the editor loaded it; nothing was written."""

    def __init__(self, *, current, expected):
        super().__init__(
            STALE_MESSAGE, code="stale", params={"current": current, "expected": expected}
        )
        self.current = current
        self.expected = expected


def save_versioned(record, save, args, kwargs):
    """Increment `version`; when an expected version is set, check it under a row lock."""
    update_fields = kwargs.get("update_fields")
    if update_fields is not None:
        kwargs["update_fields"] = {*update_fields, "version"}
    from .sanitize import sanitise_record

    sanitise_record(record)
    adding = record._state.adding or record.pk is None
    expected = getattr(record, "_expected_version", None)
    if adding:
        record.version = record.version or 1
        save(*args, **kwargs)
        return
    if expected is None:
        record.version = (record.version or 0) + 1
        save(*args, **kwargs)
        return
    manager = type(record)._default_manager
    with transaction.atomic(using=router.db_for_write(type(record))):
        current = (
            manager.select_for_update().filter(pk=record.pk).values_list("version", flat=True)
        ).first()
        if current is not None and current != expected:
            raise StaleVersion(current=current, expected=expected)
        record.version = (current or expected) + 1
        save(*args, **kwargs)
    record._expected_version = None


def current_version(record):
    return (
        type(record)._default_manager.filter(pk=record.pk).values_list("version", flat=True).first()
    )
