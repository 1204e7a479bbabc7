from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component

from portal.core.admin import PermissionMenuItem

from .selectors import dashboard_office_keys, headline
from .tables import revenue_line
from .views import DashboardView


@hooks.register("register_admin_urls")
def register_dashboard_urls():
    return [path("dashboard/", DashboardView.as_view(), name="dashboard")]


@hooks.register("register_admin_menu_item")
def register_dashboard_menu_item():
    return PermissionMenuItem(
        _("Dashboard"),
        reverse("dashboard"),
        icon_name="site",
        order=150,
        permission="dashboard.view_dashboard",
    )


class HeadlinePanel(Component):
    """The headline figures of a manager's offices, on the admin's home page."""

    name = "dashboard_headline"
    order = 50
    template_name = "dashboard/headline_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        figures = headline(office_keys=dashboard_office_keys(self.user))
        return {"figures": figures, "revenue": revenue_line(figures["revenue"])}


@hooks.register("construct_homepage_panels")
def add_headline_panel(request, panels):
    if request.user.has_perm("dashboard.view_dashboard"):
        panels.insert(0, HeadlinePanel(request.user))
