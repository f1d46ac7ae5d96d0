from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgramsConfig(AppConfig):
    name = "programs"
    verbose_name = _("培训与紧缺职业")

    def ready(self):
        from . import (
            seeds,  # noqa: F401 - registers this app's seed loaders
            services,  # noqa: F401 - registers what a record needs before it is published
            site,
        )

        site.register()
