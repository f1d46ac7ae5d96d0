from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("门户与基础数据")

    def ready(self):
        from portal import site
        from portal.figures import seeds  # noqa: F401 - registers the key figures' seed loader
        from portal.publishing import cache, tombstones

        site.register()
        tombstones.connect()  # also discovers the API resources of every app
        cache.connect()  # writes to public records make the shared response cache stale
