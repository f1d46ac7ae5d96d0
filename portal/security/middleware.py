"""Request-level guards: the 503 page when the database is away, admin session limits, and the
log line for every refused request."""

import logging
import time

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from . import audit
from .views import DATABASE_DOWN, database_unavailable

STARTED = "portal_session_started"
LAST_SEEN = "portal_session_last_seen"
SEEN_RESOLUTION = 30  # seconds: do not rewrite the session on every click


class RequestSizeLimitMiddleware:
    """413 before a byte of an oversized body is read: anyone may send a form or JSON of up to
    REQUEST_MAX_BYTES; only signed-in staff send more (photos, attachments, spreadsheets), up to
    REQUEST_MAX_BYTES_STAFF. Django's own limit does not cover files, which it writes to disk
    as they arrive."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.REQUEST_MAX_BYTES:
            staff = request.user.is_authenticated and request.user.is_staff
            if not staff or length > settings.REQUEST_MAX_BYTES_STAFF:
                audit.event("request_too_large", request, level=logging.WARNING, bytes=length)
                return HttpResponse(status=413)
        return self.get_response(request)


class PermissionsPolicyMiddleware:
    """Every response denies the browser features the site never uses (camera, microphone,
    geolocation, payment, USB, …), so an injected script or frame cannot ask for them."""

    POLICY = ", ".join(
        f"{feature}=()"
        for feature in (
            "camera",
            "microphone",
            "geolocation",
            "payment",
            "usb",
            "serial",
            "bluetooth",
            "interest-cohort",
        )
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", self.POLICY)
        return response


class DatabaseUnavailableMiddleware:
    """A view that loses the database answers 503 (page or JSON), not 500; the next request
    reconnects on its own (CONN_HEALTH_CHECKS)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_DOWN):
            return database_unavailable(request, exception)
        return None


def mark_session_start(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        now = int(time.time())
        request.session[STARTED] = now
        request.session[LAST_SEEN] = now


class AdminSessionTimeoutMiddleware:
    """Staff are signed out after ADMIN_IDLE_TIMEOUT without a request and after
    ADMIN_SESSION_MAX_AGE in all, whatever they do in between."""

    def __init__(self, get_response):
        self.get_response = get_response
        from django.contrib.auth.signals import user_logged_in

        user_logged_in.connect(mark_session_start, dispatch_uid="portal-session-start")

    def __call__(self, request):
        # Only a request that carries a session can be a signed-in one: an anonymous
        # visitor's request leaves the session untouched (no Vary: Cookie on public pages).
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_staff:
            expired = self.expired(request.session)
            if expired:
                audit.event("session_expired", request, reason=expired)
                logout(request)
                if request.path.startswith(reverse("admin:index")):
                    return redirect(f"{reverse('admin:login')}?next={request.path}")
        return self.get_response(request)

    @staticmethod
    def expired(session):
        now = int(time.time())
        started = session.get(STARTED)
        last_seen = session.get(LAST_SEEN)
        if started is None or last_seen is None:
            session[STARTED] = session[LAST_SEEN] = now
            return None
        if now - started > settings.ADMIN_SESSION_MAX_AGE.total_seconds():
            return "absolute"
        if now - last_seen > settings.ADMIN_IDLE_TIMEOUT.total_seconds():
            return "idle"
        if now - last_seen >= SEEN_RESOLUTION:
            session[LAST_SEEN] = now
        return None


class AuditMiddleware:
    """Every 403 (admin, pages, API) leaves a line in the security log."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 403:
            audit.event(
                "permission_denied",
                request,
                level=logging.WARNING,
                method=request.method,
                path=request.get_full_path(),
            )
        return response
