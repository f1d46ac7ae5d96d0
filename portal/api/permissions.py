"""Who may write through the API: a write-scoped token whose owner's role permits it.

The role and district rules are portal.publishing.access's, the same the admin asks.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import permissions

from portal.api.models import ApiToken
from portal.publishing import access

from .authentication import token_can

# The same Django model permissions the admin asks for (granted per role by setup_roles).
PERMISSION_FOR = {"POST": "add", "PUT": "change", "PATCH": "change", "DELETE": "delete"}


class ApiPermission(permissions.BasePermission):
    message = _("您的令牌或角色不允许这项操作。")

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS or getattr(view, "action", "") is None:
            return True  # reads are open; a method the view lacks gets its 405
        if not token_can(request, ApiToken.Scope.WRITE):
            if request.auth is not None:
                self.message = _("此令牌只能读取，不能写入。")
            return False
        model = view.queryset.model
        action = PERMISSION_FOR[request.method]
        permission = f"{model._meta.app_label}.{action}_{model._meta.model_name}"
        return access.can_edit_model(request.user, model) and request.user.has_perm(permission)

    def has_object_permission(self, request, view, obj):
        if request.method in permissions.SAFE_METHODS:
            return True
        return access.can_edit(request.user, obj)
