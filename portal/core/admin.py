"""Small pieces of the Wagtail admin shared by the back-office packages."""

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin


class AdminPage(PermissionRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    """A page of the back office, for staff with ``permission_required``."""

    raise_exception = True


class PermissionMenuItem(MenuItem):
    """A menu item shown only to staff with one permission."""

    def __init__(self, *args, permission: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)
