from django.contrib.admin.apps import AdminConfig


class PortalAdminConfig(AdminConfig):
    """django.contrib.admin, whose default site asks for a TOTP code when settings require it."""

    default_site = "portal.security.admin_site.PortalAdminSite"

    def ready(self):
        super().ready()
        from . import audit

        audit.connect()
