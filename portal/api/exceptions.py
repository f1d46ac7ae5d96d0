"""One JSON error shape for every failure of the API, naming the parameter at fault.

{"status": 400, "code": "invalid", "message": "district：没有找到“999999”…",
 "errors": {"district": ["没有找到“999999”…"]}}
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.settings import api_settings

from .serializers import drf_errors


def flatten(detail, prefix=""):
    """Nested DRF error details as {"field.sub.0": [messages]}."""
    if isinstance(detail, dict):
        flat = {}
        for key, value in detail.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            flat.update(flatten(value, name))
        return flat
    if isinstance(detail, list) and any(isinstance(item, dict | list) for item in detail):
        flat = {}
        for index, value in enumerate(detail):
            if value:
                flat.update(flatten(value, f"{prefix}.{index}" if prefix else str(index)))
        return flat
    items = detail if isinstance(detail, list) else [detail]
    return {prefix or api_settings.NON_FIELD_ERRORS_KEY: [str(item) for item in items]}


def error_body(status_code, code, message, errors=None):
    return {"status": status_code, "code": code, "message": str(message), "errors": errors or {}}


def summary(errors):
    parts = []
    for name, messages in errors.items():
        text = "；".join(messages)
        parts.append(text if name == api_settings.NON_FIELD_ERRORS_KEY else f"{name}：{text}")
    return "；".join(parts)


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(drf_errors(exc))
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound(_("没有找到该记录。"))
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or _("没有权限。"))
    if not isinstance(exc, exceptions.APIException):
        return None
    headers = {}
    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = exc.auth_header
    if getattr(exc, "wait", None) is not None:
        headers["Retry-After"] = str(max(1, int(exc.wait + 0.999)))
    if isinstance(exc, exceptions.ValidationError):
        errors = flatten(exc.detail)
        body = error_body(exc.status_code, "invalid", summary(errors), errors)
    else:
        codes = exc.get_codes()
        code = codes if isinstance(codes, str) else "error"
        body = error_body(exc.status_code, code, exc.detail)
    if isinstance(exc, exceptions.Throttled):
        body["message"] = str(
            _("请求过于频繁，请在 %(seconds)s 秒后重试。") % {"seconds": headers["Retry-After"]}
        )
    return Response(body, status=exc.status_code, headers=headers)


def not_found(request, *args, **kwargs):
    """JSON 404 for any path under /api/ that names no resource."""
    from django.http import JsonResponse

    from .renderers import html_safe_json

    body = error_body(
        status.HTTP_404_NOT_FOUND,
        "not_found",
        _("没有这个接口地址：%(path)s") % {"path": request.path},
    )
    response = JsonResponse(body, status=404, json_dumps_params={"ensure_ascii": False})
    response.content = html_safe_json(response.content)
    return response
