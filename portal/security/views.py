"""Error pages that must render without the database."""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import FileResponse, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.defaults import server_error as django_server_error

logger = logging.getLogger("portal.security")
RETRY_AFTER = "30"


def _database_down_errors():
    errors = [OperationalError, InterfaceError]
    try:  # a few psycopg calls (closing a server-side cursor) escape Django's error wrapper
        import psycopg

        errors += [psycopg.OperationalError, psycopg.InterfaceError]
    except ImportError:
        pass
    return tuple(errors)


DATABASE_DOWN = _database_down_errors()


def database_unavailable(request, exception=None):
    """503 in the site's style (JSON under /api/), asking the client to retry shortly."""
    logger.error("event=database_unavailable error=%s", type(exception).__name__)
    if request.path.startswith("/api/"):
        body = {
            "status": 503,
            "code": "unavailable",
            "message": _("服务暂时不可用，请稍后重试。"),
            "errors": {},
        }
        response = JsonResponse(body, status=503, json_dumps_params={"ensure_ascii": False})
    else:
        # The base layout reads no user, message or session: it renders without the database.
        response = HttpResponse(render_to_string("503.html", request=request), status=503)
    response["Retry-After"] = RETRY_AFTER
    response["Cache-Control"] = "no-store"
    return response


def server_error(request):
    """handler500: a database failure anywhere (middleware included) is a 503, not a 500;
    under /api/ the error is JSON like every other API error, and never kept by a cache."""
    exception = sys.exc_info()[1]
    if isinstance(exception, DATABASE_DOWN):
        return database_unavailable(request, exception)
    if request.path.startswith("/api/"):
        body = {
            "status": 500,
            "code": "server_error",
            "message": _("服务器内部错误，已记录，请稍后重试。"),
            "errors": {},
        }
        response = JsonResponse(body, status=500, json_dumps_params={"ensure_ascii": False})
    else:
        response = django_server_error(request)
    response["Cache-Control"] = "no-store"
    return response


def sandboxed_file(file, *, content_type, download_as=None):
    """An uploaded file as its own response: the type we checked it to be, never sniffed,
    sandboxed so a crafted file cannot run script on the site; a download when named."""
    response = FileResponse(
        file.open("rb"),
        as_attachment=download_as is not None,
        filename=download_as or "",
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response
