"""Finance's QR pages in the Wagtail admin (see ``payments.admin_views``)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from portal.core.admin import PermissionMenuItem

from . import admin_views


@hooks.register("register_admin_urls")
def register_qr_urls():
    return [
        path("payments/qr/", admin_views.QRPaymentsView.as_view(), name="payments_qr"),
        path(
            "payments/qr/<uuid:payment_id>/confirm/",
            admin_views.ConfirmByHandView.as_view(),
            name="payments_confirm",
        ),
        path(
            "payments/statements/",
            admin_views.StatementImportView.as_view(),
            name="payments_statement",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_qr_menu_item():
    return PermissionMenuItem(
        _("QR payments"),
        reverse("payments_qr"),
        icon_name="search",
        order=172,
        permission=admin_views.PERMISSION,
    )
