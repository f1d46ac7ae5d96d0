"""Error pages that must render without the database."""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import FileResponse, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
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
    """handler500: a database failure anywhere (middleware included) is a 503, not a 500."""
    exception = sys.exc_info()[1]
    if isinstance(exception, DATABASE_DOWN):
        return database_unavailable(request, exception)
    return django_server_error(request)


def program_attachment(request, slug):
    """A published program's PDF: always a download (attachment, nosniff), never inline."""
    from programs.models import Program

    program = get_object_or_404(Program.objects.published().exclude(attachment=""), slug=slug)
    response = FileResponse(
        program.attachment.open("rb"),
        as_attachment=True,
        filename=f"{program.slug}.pdf",
        content_type="application/pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response


def craftsman_photo(request, uid):
    """A public craftsman's (published, consented) re-encoded photo."""
    from talent.models import Craftsman

    person = get_object_or_404(Craftsman.objects.published().exclude(photo=""), uid=uid)
    kind = "image/png" if person.photo.name.endswith(".png") else "image/jpeg"
    response = FileResponse(person.photo.open("rb"), content_type=kind)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response
