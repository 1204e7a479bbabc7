"""What an application does when its fee is paid or refunded (told by the payments ledger)."""

import contextlib

from django.db import transaction
from django.dispatch import receiver
from django.urls import reverse
from django.utils import translation

from payments.models import Payment
from payments.selectors import payment_paid_twice
from payments.services import payment_flag
from payments.signals import payment_status_changed
from portal.core.addresses import page_address
from portal.core.money import money_format

from .models import Application, Event
from .notify import notify_applicant
from .workflow import ActionRefused, payment_stage_pass

S = Payment.Status


@receiver(payment_status_changed)
def record_fee_payment(sender, payment, from_status, to_status, **kwargs):
    """An Event on the application's timeline, and an email to the applicant, in the same
    transaction as the payment's move. A payment that paid the fee a second time (cash
    recorded as the online payment landed) is told as such, not as a second "received", and
    the officers' note on it says so."""
    paid_before = None
    if to_status == S.PAID:
        kind, template = Event.Kind.FEE_PAID, "fee_paid"
        paid_before = payment_paid_twice(payment=payment)
        if paid_before is not None:
            template = "fee_paid_twice"
    elif to_status in (S.REFUNDED, S.PARTIALLY_REFUNDED):
        kind, template = Event.Kind.FEE_REFUNDED, "fee_refunded"
    else:
        return
    application = Application.objects.select_related("applicant").get(pk=payment.application_id)
    Event.objects.create(
        application=application,
        kind=kind,
        actor=payment.created_by if payment.gateway == "counter" else None,
        message=f"{payment.receipt_number or ''} · {payment.amount_display}".strip(" ·"),
        note=(
            f"Paid twice (first: {paid_before.receipt_number}): to be refunded."
            if paid_before is not None
            else ""
        ),
    )
    with translation.override(application.language):
        receipt_url = page_address(application.service_page) + reverse(
            "tracking:receipt", args=[application.reference, payment.pk]
        )
    notify_applicant(
        application,
        template=template,
        context={"payment": payment, "paid_before": paid_before, "receipt_url": receipt_url},
    )
    if to_status == S.PAID:
        problem = _paid_amiss(application, payment)
        if problem:
            payment_flag(payment=payment, reason=problem)
        else:
            _leave_payment_stage(application)


def _paid_amiss(application: Application, payment: Payment) -> str:
    """Why finance must look at a payment that just succeeded ("" when nothing is wrong): the
    application was closed meanwhile, or the fee changed since the payment was started."""
    if payment.review_reason:
        return ""  # the ledger flagged it already (paid twice, late, another amount)
    if application.status in (Application.Status.WITHDRAWN, Application.Status.REJECTED):
        return (
            f"Paid after the application was {application.status}: refund it or keep it, as "
            "the service's rules say."
        )
    fee = application.fee_total
    if fee is not None and (payment.amount != fee or payment.currency != application.fee_currency):
        return (
            f"Paid {payment.amount_display}, but the fee is now "
            f"{money_format(fee, application.fee_currency)}: refund it, and ask for the fee."
        )
    return ""


def _leave_payment_stage(application: Application) -> None:
    """A fee just settled lets the application go on from a payment stage by itself. Inside
    the payment's transaction, in a savepoint: if an officer moved it meanwhile, it stays
    where they put it and the payment is recorded all the same."""
    with contextlib.suppress(ActionRefused), transaction.atomic():
        payment_stage_pass(application=application)
