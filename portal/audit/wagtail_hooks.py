from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from portal.core.admin import PermissionMenuItem

from .models import AuditRecord
from .views import AuditRecordPermissionPolicy, AuditRecordViewSet

register_permission_policy(AuditRecord, AuditRecordPermissionPolicy(AuditRecord), exact_class=True)


@hooks.register("register_admin_viewset")
def register_audit_viewset():
    return AuditRecordViewSet("audit_trail")


@hooks.register("register_reports_menu_item")
def register_audit_menu_item():
    return PermissionMenuItem(
        _("Audit trail"),
        reverse("audit_trail:index"),
        icon_name="history",
        order=900,
        permission="audit.view_auditrecord",
    )
