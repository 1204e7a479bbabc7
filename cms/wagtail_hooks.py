from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from portal.core.admin import PermissionMenuItem

from . import counter


@hooks.register("register_admin_urls")
def register_counter_urls():
    return [
        path("counter/", counter.CounterStartView.as_view(), name="counter"),
        path("counter/<int:page_id>/", counter.CounterFormView.as_view(), name="counter_form"),
        path("counter/slips/<int:pk>/", counter.CounterSlipView.as_view(), name="counter_slip"),
    ]


@hooks.register("register_admin_menu_item")
def register_counter_menu():
    return PermissionMenuItem(
        _("Walk-in application"),
        reverse("counter"),
        icon_name="user",
        order=155,
        permission=counter.PERMISSION,
    )
