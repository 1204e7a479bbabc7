"""An application's fee as the payments ledger sees it: what is due, how it may be paid, and
what was paid."""

from django.utils.translation import gettext as _

from payments.gateways.base import GatewayResult
from payments.ledger import OPEN
from payments.models import Payment, PaymentEvent
from payments.registry import gateway_get, gateways_for
from payments.selectors import payment_in_progress, payments_for_application, settled_payment
from payments.services import payment_apply_result

from .models import Application


def fee_payable_now(application: Application) -> bool:
    """Whether the application has reached the moment its fee is paid (at submission, or on
    approval), settled or not."""
    return application.status not in (
        Application.Status.DRAFT,
        Application.Status.REJECTED,
        Application.Status.WITHDRAWN,
    ) and (
        application.fee_snapshot.get("due", "submission") == "submission"
        or application.status in (Application.Status.APPROVED, Application.Status.COMPLETED)
    )


def fee_settled(application: Application) -> bool:
    """Whether nothing is left to pay: a free service, a fee waived, or a fee paid in full (a
    payment of another amount, started before the office changed the fee, does not settle it:
    finance see it flagged)."""
    if application.fee_total == 0:
        return True
    payment = settled_payment(application_id=application.pk)
    if payment is None:
        return False
    if payment.status == Payment.Status.WAIVED:
        return True
    return payment.amount == application.fee_total and payment.currency == application.fee_currency


def fee_hold_reason(application: Application, *, for_result: bool = False) -> str:
    """Why the fee holds the application where it is, for the officer ("" when it does not).

    An application leaves a payment stage only with a known fee, paid when it is due already;
    it receives its result (``for_result``) only with a known fee that is settled.
    """
    if fee_settled(application):
        return ""
    if application.fee_total is None:
        return _("The fee is not set yet: an officer who may set fees sets it first.")
    if not (for_result or fee_payable_now(application)):
        return ""
    paid = settled_payment(application_id=application.pk)
    if paid is not None:
        # Paid, but not the fee as it stands now (the office changed it meanwhile).
        return _(
            "%(paid)s was paid, but the fee is %(fee)s: finance refund the payment or settle "
            "the difference (Payments to review)."
        ) % {"paid": paid.amount_display, "fee": application.fee_total_display}
    if payment_in_progress(application_id=application.pk):
        return _(
            "A payment of the fee is under way online: the application moves on by itself once "
            "it is paid."
        )
    return _("The fee is not paid yet.")


def fee_status(*, application: Application) -> dict:
    """Everything the applicant's pages say about the fee."""
    snapshot = application.fee_snapshot
    total = application.fee_total
    currency = application.fee_currency
    settled = settled_payment(application_id=application.pk)
    due_now = fee_payable_now(application)
    online = (
        gateways_for(currency=currency) if currency and snapshot.get("pay_online", True) else []
    )
    counter = bool(currency and snapshot.get("pay_at_counter", True)) and bool(
        gateways_for(currency=currency, online=False)
    )
    payments = list(payments_for_application(application_id=application.pk))
    return {
        "total": total,
        "display": application.fee_total_display,
        "currency": currency,
        "free": total == 0,
        "due_now": due_now and bool(total) and settled is None,
        "due_later": not due_now and bool(total) and settled is None,
        "settled": settled,
        "gateways": online,
        "counter": counter,
        "payable_online": due_now and bool(total) and settled is None and bool(online),
        "payments": payments,
        "in_progress": any(payment.status in OPEN for payment in payments),
        "receipts": [payment for payment in payments if payment.receipt_number],
    }


def payment_refresh(*, application_id: int) -> Payment | None:
    """The application's latest online payment, after asking its gateway how it stands."""
    payment = (
        Payment.objects.filter(application_id=application_id)
        .exclude(gateway="counter")
        .order_by("-created_at")
        .first()
    )
    if payment is None or payment.status not in OPEN:
        return payment
    result: GatewayResult | None = gateway_get(payment.gateway).fetch(payment=payment)
    if result is None:
        return payment
    return payment_apply_result(
        payment_id=payment.pk, result=result, source=PaymentEvent.Source.POLL
    )


def receipt_payment(*, application_id: int, payment_id) -> Payment | None:
    """A payment of this application that has a receipt."""
    return (
        Payment.objects.filter(application_id=application_id, pk=payment_id)
        .exclude(receipt_number=None)
        .first()
    )
