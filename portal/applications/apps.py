from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    name = "portal.applications"
    label = "applications"
    verbose_name = _("Applications")

    def ready(self):
        from . import receivers  # noqa: F401 - connects the payments signal
