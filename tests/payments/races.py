"""Races between payments, played in a known order."""

from payments.gateways.base import GatewayResult
from payments.models import Payment, PaymentEvent


def online_lands_first(online: Payment, apply_result):
    """A stand-in for ``payments.services.payment_apply_result`` (given as ``apply_result``):
    when a cashier's "paid" is applied, the online payment ``online`` is reported paid just
    before it, as when the payer's webhook lands between the cashier's check that the fee is
    unpaid and the cash's own settling."""

    def apply(*, payment_id, result, source, **kwargs):
        if source == PaymentEvent.Source.CASHIER and result.status == Payment.Status.PAID:
            apply_result(
                payment_id=online.pk,
                result=GatewayResult(status="paid", amount=online.amount, currency=online.currency),
                source=PaymentEvent.Source.WEBHOOK,
            )
        return apply_result(payment_id=payment_id, result=result, source=source, **kwargs)

    return apply
