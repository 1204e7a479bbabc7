from django.apps import AppConfig
from django.urls import register_converter
from django.utils.translation import gettext_lazy as _

from .ids import IdConverter

# ``<id:...>`` in every route of ours that takes a row's id. Registered when the app is loaded,
# before any app's models are imported: Wagtail builds a page's routes (``@path``) with its class.
register_converter(IdConverter, "id")


class CoreConfig(AppConfig):
    name = "portal.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from . import admin_chrome, checks, csrf_tokens  # noqa: F401 (checks: the deploy checks)

        admin_chrome.install()
        csrf_tokens.install()
