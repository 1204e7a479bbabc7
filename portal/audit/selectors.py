"""Reading the audit trail."""

from django.db.models import Q, QuerySet

from .models import AuditRecord

APPLICATION = "applications.application"


def audit_records_for_application(*, application_id: int, reference: str) -> QuerySet:
    """Everything on record about one application, newest first: its changes, who opened it,
    downloaded its documents, changed its payments, or was refused it (by its id or, on the
    applicant's pages, by its reference)."""
    return AuditRecord.objects.filter(
        Q(application_id=application_id) | Q(object_type=APPLICATION, object_reference=reference)
    ).order_by("-at", "-id")
