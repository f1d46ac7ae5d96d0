"""Request bodies are bounded before they are read (issue 25, item 5)."""

import io

import pytest
from django.core.files.uploadhandler import TemporaryFileUploadHandler

from portal.publishing.access import Role
from tests.factories import staff_with_role

pytestmark = pytest.mark.django_db

MEGABYTE = 1024 * 1024


def upload(size):
    return io.BytesIO(b"x" * size)


@pytest.fixture
def uploads_written(monkeypatch):
    """The files Django started writing to disk for this request."""
    written = []
    original = TemporaryFileUploadHandler.new_file

    def new_file(self, *args, **kwargs):
        written.append(args)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(TemporaryFileUploadHandler, "new_file", new_file)
    return written


def test_an_anonymous_oversized_upload_to_the_login_form_is_refused_unread(client, uploads_written):
    response = client.post(
        "/admin/login/", {"username": "a", "password": "b", "file": upload(3 * MEGABYTE)}
    )
    assert response.status_code == 413
    assert uploads_written == []


def test_an_ordinary_anonymous_form_is_still_accepted(client):
    response = client.post("/admin/login/", {"username": "a", "password": "b"})
    assert response.status_code != 413


def test_signed_in_staff_may_send_an_upload_larger_than_anyones_limit(client, staff_roles):
    client.force_login(staff_with_role(Role.BUREAU_ADMIN, username="uploader"))
    response = client.post("/admin/", {"file": upload(3 * MEGABYTE)})
    assert response.status_code != 413


def test_even_staff_cannot_send_more_than_the_staff_limit(client, staff_roles, settings):
    settings.REQUEST_MAX_BYTES_STAFF = 2 * MEGABYTE
    client.force_login(staff_with_role(Role.BUREAU_ADMIN, username="uploader"))
    assert client.post("/admin/", {"file": upload(3 * MEGABYTE)}).status_code == 413
