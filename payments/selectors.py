"""Reads of the ledger."""

import datetime

from django.db.models import QuerySet

from portal.accounts.models import User

from .models import FeeSettlement, Payment


def fee_is_settled(*, application_id: int) -> bool:
    return FeeSettlement.objects.filter(application_id=application_id).exists()


def payment_in_progress(*, application_id: int) -> bool:
    """Whether a payment of the application's fee is started and not finished yet."""
    from .ledger import OPEN

    return Payment.objects.filter(application_id=application_id, status__in=OPEN).exists()


def payments_for_application(*, application_id: int) -> QuerySet[Payment]:
    return Payment.objects.filter(application_id=application_id).order_by("-created_at")


def settled_payment(*, application_id: int) -> Payment | None:
    settlement = (
        FeeSettlement.objects.select_related("payment")
        .filter(application_id=application_id)
        .first()
    )
    return settlement.payment if settlement else None


def till_payments(*, cashier: User, day: datetime.date) -> QuerySet[Payment]:
    """The cash a cashier recorded on a day (in the portal's time zone)."""
    return Payment.objects.filter(
        gateway="counter", created_by=cashier, created_at__date=day
    ).order_by("created_at")


def payments_to_review() -> QuerySet[Payment]:
    return (
        Payment.objects.exclude(review_reason="")
        .filter(review_resolved_at__isnull=True)
        .order_by("created_at")
    )
