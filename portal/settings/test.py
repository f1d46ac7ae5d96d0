"""Test runs: fast password hashing, plain static storage, the database from DATABASE_URL."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
# Tests make demo records on purpose; the production rule is tested with this turned off.
SHOW_DEMO_DATA = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Serve static files straight from the finders: no collectstatic needed outside production.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Uploaded files of a test run go to a throwaway folder, never the project's media/.
MEDIA_ROOT = Path(tempfile.gettempdir()) / "cqskills-test-media"
