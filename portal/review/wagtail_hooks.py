from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import ObjectList
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from portal.applications.models import Application, Workflow
from portal.core.admin import PermissionMenuItem

from . import actions, cashier, fees, home, personal_data
from .views import ApplicationPermissionPolicy, ApplicationViewSet
from .workflows import WorkflowEditView, WorkflowForm

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
            "applications/<id:pk>/certificate/",
            actions.CertificatePrintView.as_view(),
            name="certificate_print",
        ),
        path(
            "applications/<id:pk>/act/<slug:action>/",
            actions.ApplicationActionView.as_view(),
            name="application_action",
        ),
        path("applications/<id:pk>/fee/", fees.FeeSetView.as_view(), name="application_fee_set"),
        path(
            "applications/<id:pk>/personal-data/",
            personal_data.PersonalDataView.as_view(),
            name="application_personal_data",
        ),
        path(
            "personal-data/",
            personal_data.PersonalDataFindView.as_view(),
            name="personal_data_find",
        ),
        path(
            "applications/<id:pk>/fee/waive/",
            fees.FeeWaiveView.as_view(),
            name="application_fee_waive",
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


# The cashier's and finance pages, each in the menu of the staff who may use it.
MENU_ITEMS = [
    (_("Cashier"), "cashier", "form", 160, "payments.record_cash"),
    (_("My till today"), "cashier_till", "list-ul", 161, "payments.record_cash"),
    (_("Payments to review"), "payments_review", "warning", 170, "payments.refund_payment"),
    (_("Reconciliation"), "payments_reconciliation", "table", 171, "payments.view_reconciliation"),
    (_("Personal data requests"), "personal_data_find", "user", 180, personal_data.PERMISSION),
]

for _label, _url_name, _icon, _order, _permission in MENU_ITEMS:
    hooks.register(
        "register_admin_menu_item",
        lambda label=_label, url_name=_url_name, icon=_icon, order=_order, permission=_permission: (
            PermissionMenuItem(
                label, reverse(url_name), icon_name=icon, order=order, permission=permission
            )
        ),
    )


class WorkflowViewSet(SnippetViewSet):
    """Admins define the back office's workflows: ordered stages, who acts, where, how fast."""

    model = Workflow
    icon = "tasks"
    menu_label = _("Workflows")
    menu_order = 220
    add_to_settings_menu = True
    list_display = ["name", "is_default"]
    edit_handler = ObjectList(Workflow.panels, base_form_class=WorkflowForm)
    edit_view_class = WorkflowEditView
    pk_path_converter = "id"  # bounded: an overlong number is not found, not an error


register_snippet(WorkflowViewSet)


hooks.register("construct_homepage_panels", home.home_panels)
