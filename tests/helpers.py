"""Shared model-test assertions: a bad value is refused by validation and by the database."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction


def assert_invalid(obj, field, message):
    """full_clean() — what forms, the API and imports call — refuses with this message."""
    with pytest.raises(ValidationError) as caught:
        obj.full_clean()
    errors = caught.value.message_dict
    assert field in errors, f"expected an error on {field!r}, got {errors}"
    assert any(message in text for text in errors[field]), errors[field]


def assert_database_refuses(obj):
    """Even a write that skips validation is stopped by a database constraint."""
    with pytest.raises(IntegrityError), transaction.atomic():
        obj.save()
