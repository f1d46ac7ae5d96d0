"""WSGI entry point for gunicorn."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.prod")
# A request's statement waits at most this long (a locked table, a hung database): then 503.
os.environ.setdefault("DB_STATEMENT_TIMEOUT", "10s")

application = get_wsgi_application()

from portal.api.document import build_documents  # noqa: E402 (needs the settings loaded)

build_documents()  # each worker builds the OpenAPI document before it serves (about 2 s)
