"""The security log: sign-ins, failures, lockouts, refusals; UTC and escaped.

Every value that came from a client (usernames, paths) passes through `clean()`, so a
username with a newline or an ANSI escape cannot forge or hide a log line.
"""

import logging
import time
import unicodedata

from django.contrib.auth import signals as auth_signals
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger("portal.security")
MAX_LOGGED = 150


class UTCFormatter(logging.Formatter):
    """ISO 8601 timestamps in UTC with a trailing Z, whatever the server's zone."""

    converter = time.gmtime

    def formatTime(self, record, datefmt=None):
        moment = time.strftime("%Y-%m-%dT%H:%M:%S", self.converter(record.created))
        return f"{moment}.{int(record.msecs):03d}Z"


def clean(value):
    """A client-supplied value made safe for one log line: control characters escaped."""
    text = "" if value is None else str(value)
    if len(text) > MAX_LOGGED:
        text = text[:MAX_LOGGED] + "…"
    out = []
    for char in text:
        if char == "\\":
            out.append("\\\\")
        elif unicodedata.category(char).startswith(("C", "Z")) and char != " ":
            # Control, format, surrogate and line/paragraph separators: shown as escapes.
            out.append(char.encode("unicode_escape").decode("ascii"))
        else:
            out.append(char)
    return '"' + "".join(out).replace('"', '\\"') + '"'


def client_address(request):
    if request is None:
        return "-"
    return clean(request.META.get("REMOTE_ADDR", "-"))


def who(request, username=None):
    if username is None and request is not None:
        user = getattr(request, "user", None)
        username = user.get_username() if user is not None and user.is_authenticated else "-"
    return clean(username)


def event(name, request=None, *, username=None, level=logging.INFO, **fields):
    """One line: `event=<name> user="..." ip="..." key="value" ...`."""
    parts = [f"event={name}", f"user={who(request, username)}", f"ip={client_address(request)}"]
    parts.extend(f"{key}={clean(value)}" for key, value in fields.items())
    logger.log(level, " ".join(parts))


def on_login(sender, request, user, **kwargs):
    event("login", request, username=user.get_username())


def on_logout(sender, request, user, **kwargs):
    if user is not None:
        event("logout", request, username=user.get_username())


def on_login_failed(sender, credentials, request=None, **kwargs):
    event(
        "login_failed",
        request,
        username=credentials.get("username", ""),
        level=logging.WARNING,
    )


def on_locked_out(sender, request, username, ip_address, **kwargs):
    event("lockout", request, username=username, level=logging.WARNING)


def connect():
    from axes.signals import user_locked_out

    auth_signals.user_logged_in.connect(on_login, dispatch_uid="portal-audit-login")
    auth_signals.user_logged_out.connect(on_logout, dispatch_uid="portal-audit-logout")
    auth_signals.user_login_failed.connect(on_login_failed, dispatch_uid="portal-audit-failed")
    user_locked_out.connect(on_locked_out, dispatch_uid="portal-audit-lockout")


def lockout_response(request, original_response=None, credentials=None):
    """What a locked-out sign-in sees: a page in the admin's language, HTTP 429."""
    from django.conf import settings

    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    body = render_to_string(
        "admin/portal/locked_out.html",
        {
            "title": _("登录已暂时锁定"),
            "minutes": minutes,
        },
        request=request,
    )
    return HttpResponse(body, status=429)
