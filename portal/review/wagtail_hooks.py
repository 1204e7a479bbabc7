from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from portal.applications.models import Application, Workflow
from portal.core.admin import PermissionMenuItem

from . import actions, cashier
from .views import ApplicationPermissionPolicy, ApplicationViewSet

register_permission_policy(Application, ApplicationPermissionPolicy(Application), exact_class=True)


@hooks.register("register_admin_viewset")
def register_application_viewset():
    return ApplicationViewSet("applications")


@hooks.register("register_admin_urls")
def register_cashier_urls():
    return [
        path("cashier/", cashier.CashierView.as_view(), name="cashier"),
        path(
            "applications/take-next/",
            actions.TakeNextView.as_view(),
            name="applications_take_next",
        ),
        path(
            "applications/<int:pk>/certificate/",
            actions.CertificatePrintView.as_view(),
            name="certificate_print",
        ),
        path(
            "applications/<int:pk>/act/<slug:action>/",
            actions.ApplicationActionView.as_view(),
            name="application_action",
        ),
        path("cashier/till/", cashier.TillView.as_view(), name="cashier_till"),
        path(
            "cashier/receipts/<uuid:payment_id>/",
            cashier.ReceiptPrintView.as_view(),
            name="cashier_receipt",
        ),
        path("payments/review/", cashier.ReviewListView.as_view(), name="payments_review"),
        path("payments/<uuid:payment_id>/void/", cashier.VoidView.as_view(), name="payment_void"),
        path(
            "payments/<uuid:payment_id>/refund/",
            cashier.RefundView.as_view(),
            name="payment_refund",
        ),
        path(
            "payments/<uuid:payment_id>/resolve/",
            cashier.ResolveView.as_view(),
            name="payment_resolve",
        ),
        path(
            "payments/reconciliation/",
            cashier.ReconciliationView.as_view(),
            name="payments_reconciliation",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_cashier_menu():
    return PermissionMenuItem(
        _("Cashier"),
        reverse("cashier"),
        icon_name="form",
        order=160,
        permission="payments.record_cash",
    )


@hooks.register("register_admin_menu_item")
def register_till_menu():
    return PermissionMenuItem(
        _("My till today"),
        reverse("cashier_till"),
        icon_name="list-ul",
        order=161,
        permission="payments.record_cash",
    )


@hooks.register("register_admin_menu_item")
def register_payments_review_menu():
    return PermissionMenuItem(
        _("Payments to review"),
        reverse("payments_review"),
        icon_name="warning",
        order=170,
        permission="payments.refund_payment",
    )


@hooks.register("register_admin_menu_item")
def register_reconciliation_menu():
    return PermissionMenuItem(
        _("Reconciliation"),
        reverse("payments_reconciliation"),
        icon_name="table",
        order=171,
        permission="payments.view_reconciliation",
    )


class WorkflowViewSet(SnippetViewSet):
    """Admins define the back office's workflows: ordered stages, who acts, where, how fast."""

    model = Workflow
    icon = "tasks"
    menu_label = _("Workflows")
    menu_order = 220
    add_to_settings_menu = True
    list_display = ["name", "is_default"]


register_snippet(WorkflowViewSet)
