"""One row per thing worth answering for later: a sign-in, a refused access, an application
opened, a document downloaded, a change of an application or payment, a change in the admin, an
export.

Rows are only ever added. Nothing points at them and they point at nothing: each keeps its own
copy of the person's id and email and of the object's reference, so deleting a user or an
application takes nothing of the trail with it. The admin lists them read-only, and database
triggers (migration 0002) refuse UPDATE and DELETE on the table. SQLite drops a table's
triggers when a migration rebuilds it: a migration that alters this table makes them again.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditRecord(models.Model):
    class Action(models.TextChoices):
        SIGNED_IN = "signed_in", _("Signed in")
        SIGN_IN_FAILED = "sign_in_failed", _("Sign-in failed")
        SIGNED_OUT = "signed_out", _("Signed out")
        ACCESS_REFUSED = "access_refused", _("Access refused")
        APPLICATION_OPENED = "application_opened", _("Application opened")
        DOCUMENT_DOWNLOADED = "document_downloaded", _("Document downloaded")
        APPLICATION_CHANGED = "application_changed", _("Application changed")
        PAYMENT_CHANGED = "payment_changed", _("Payment changed")
        ADMIN_CHANGE = "admin_change", _("Changed in the admin")
        PERMISSIONS_CHANGED = "permissions_changed", _("Permissions changed")
        DATA_EXPORTED = "data_exported", _("Data exported")
        PERSONAL_DATA_REMOVED = "personal_data_removed", _("Personal data removed")
        ACCOUNT_DELETED = "account_deleted", _("Account deleted")
        API_CALL = "api_call", _("API call")

    at = models.DateTimeField(_("when (UTC)"), default=timezone.now, db_index=True)
    action = models.CharField(_("what"), max_length=32, choices=Action.choices)
    user_id = models.BigIntegerField(_("person's id"), null=True, blank=True)
    user_email = models.CharField(_("person"), max_length=254, blank=True)
    object_type = models.CharField(_("type of object"), max_length=100, blank=True)
    object_id = models.CharField(_("object's id"), max_length=64, blank=True)
    object_reference = models.CharField(_("object"), max_length=255, blank=True)
    application_id = models.BigIntegerField(_("application's id"), null=True, blank=True)
    address = models.GenericIPAddressField(_("from address"), null=True, blank=True)
    detail = models.TextField(_("detail"), blank=True)

    class Meta:
        verbose_name = _("audit record")
        verbose_name_plural = _("audit trail")
        ordering = ["-at", "-id"]
        default_permissions = ("view",)
        indexes = [
            models.Index(fields=["application_id", "at"], name="audit_application"),
            models.Index(fields=["object_reference"], name="audit_object_reference"),
            models.Index(fields=["user_id", "at"], name="audit_person"),
            models.Index(fields=["action", "at"], name="audit_action"),
        ]

    def __str__(self) -> str:
        from .services import audit_text

        return audit_text(
            f"{self.at:%Y-%m-%d %H:%M:%S} UTC {self.action} {self.user_email or '-'} "
            f"{self.object_type}:{self.object_id} {self.object_reference}"
        )
