from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TalentConfig(AppConfig):
    name = "talent"
    verbose_name = _("技能人才")

    def ready(self):
        from . import (
            seeds,  # noqa: F401 - registers this app's seed loaders
            services,  # noqa: F401 - registers what a record needs before it is published
            signals,  # noqa: F401 - keeps the honor rolls' sizes
            site,
        )

        site.register()
