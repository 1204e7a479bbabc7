"""Reads of the ledger."""

import datetime
from collections.abc import Sequence

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.accounts.models import User

from .ledger import COLLECTED, SETTLED
from .models import FeeSettlement, Payment, TillClosure

_COLLECTED = Q(status__in=COLLECTED)
_VOIDED = Q(status=Payment.Status.VOIDED)


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


def payment_paid_twice(*, payment: Payment) -> Payment | None:
    """The payment that had settled the fee already, when ``payment`` took money for it a
    second time (to be handed back or refunded); None otherwise."""
    if payment.status not in COLLECTED:
        return None
    settled = settled_payment(application_id=payment.application_id)
    return settled if settled is not None and settled.pk != payment.pk else None


def till_payments(*, cashier: User, day: datetime.date) -> QuerySet[Payment]:
    """The cash a cashier recorded on a day (in the portal's time zone)."""
    return Payment.objects.filter(gateway="counter", created_by=cashier, created_on=day).order_by(
        "created_at"
    )


def payment_refundable(*, payment: Payment) -> bool:
    """Whether some of the payment's money can still be given back."""
    return payment.status in SETTLED and payment.refunded_amount < payment.amount


def payment_void_problem(*, payment: Payment, supervisor: User) -> str:
    """Why this supervisor may not void the payment, or "" when they may: only a paid cash
    record, by someone else, of a day whose till is still open."""
    if payment.gateway != "counter" or payment.status != Payment.Status.PAID:
        return _("Only a paid cash payment can be voided.")
    if payment.created_by_id == supervisor.pk:
        return _("Another supervisor must void a payment you recorded.")
    day = timezone.localdate(payment.created_at)
    if TillClosure.objects.filter(cashier_id=payment.created_by_id, day=day).exists():
        return _("The till of that day is closed: refund the payment instead.")
    return ""


def payment_totals(payments: QuerySet[Payment], *, by: Sequence[str]) -> list[dict]:
    """The payments grouped by the fields ``by`` (in that order), each group with: how many
    ``payments``, how many of them were ``paid`` (whatever was given back since), the
    ``amount`` they asked for, the money ``collected`` by those paid, the money ``refunded``
    of it, and the ``net`` (collected less refunded). Amounts in minor units, of one
    currency only if ``by`` has it."""
    rows = (
        payments.order_by()
        .values(*by)
        .annotate(
            payments=Count("id"),
            paid=Count("id", filter=_COLLECTED),
            asked=Sum("amount"),
            collected=Coalesce(Sum("amount", filter=_COLLECTED), 0),
            refunded=Coalesce(Sum("refunded_amount", filter=_COLLECTED), 0),
        )
        .order_by(*by)
    )
    return [
        {
            **{name: value for name, value in row.items() if name != "asked"},
            "amount": row["asked"],
            "net": row["collected"] - row["refunded"],
        }
        for row in rows
    ]


def till_figures(*, cashier: User, day: datetime.date) -> dict[str, dict[str, int]]:
    """A cashier's day, by currency: the cash ``payments`` taken and the money ``collected``,
    what has been ``refunded`` of them so far, the ``net`` left, and the ``voided`` records
    (``voided_payments`` of them), which took nothing. The till screen and the closed till
    both show these, so they cannot disagree."""
    rows = (
        till_payments(cashier=cashier, day=day)
        .order_by()
        .values("currency")
        .annotate(
            payments=Count("id", filter=_COLLECTED),
            collected=Coalesce(Sum("amount", filter=_COLLECTED), 0),
            refunded=Coalesce(Sum("refunded_amount", filter=_COLLECTED), 0),
            voided_payments=Count("id", filter=_VOIDED),
            voided=Coalesce(Sum("amount", filter=_VOIDED), 0),
        )
        .order_by("currency")
    )
    return {
        row["currency"]: {
            "payments": row["payments"],
            "collected": row["collected"],
            "refunded": row["refunded"],
            "net": row["collected"] - row["refunded"],
            "voided_payments": row["voided_payments"],
            "voided": row["voided"],
        }
        for row in rows
        if row["payments"] or row["voided_payments"]
    }


def payments_to_review() -> QuerySet[Payment]:
    return (
        Payment.objects.exclude(review_reason="")
        .filter(review_resolved_at__isnull=True)
        .order_by("created_at")
    )
