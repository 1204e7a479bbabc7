"""Writes to the payments ledger. Every status change goes through ``payment_apply_result``:
one transaction, compare-and-set on ``version``, a PaymentEvent, and the gateway's event id
recorded once."""

import contextlib
import datetime
import logging
from dataclasses import replace
from typing import NoReturn

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.accounts.models import User
from portal.core.money import CURRENCIES, money_format
from portal.core.reference import reference_generate

from .gateways.base import GatewayResult, GatewayUnavailable, RefundRefused
from .ledger import LATE_SUCCESS, OPEN, SETTLED, SETTLES_FEE, transition_allowed
from .models import FeeSettlement, Payment, PaymentEvent, TillClosure
from .registry import gateway_get
from .selectors import payment_refundable, payment_void_problem, till_figures
from .signals import payment_status_changed

S = Payment.Status
Source = PaymentEvent.Source
logger = logging.getLogger(__name__)


class PaymentRefused(ValidationError):
    """The request cannot be done, with a message to show the person who asked."""


class RefundNotMade(PaymentRefused):
    """The gateway did not make the refund (it refused, or could not be reached)."""


def _receipt_number() -> str:
    while True:
        number = f"R-{reference_generate()}"
        if not Payment.objects.filter(receipt_number=number).exists():
            return number


def _payment_create(
    *,
    application_id: int,
    amount: int,
    currency: str,
    gateway: str,
    office_id: int | None,
    actor: User | None,
    source: str,
) -> Payment:
    """A new attempt to collect the fee, in the ledger with its first event ("created")."""
    with transaction.atomic():
        payment = Payment.objects.create(
            application_id=application_id,
            amount=amount,
            currency=currency,
            gateway=gateway,
            office_id=office_id,
            created_by=actor,
        )
        PaymentEvent.objects.create(
            payment=payment,
            source=source,
            gateway=gateway,
            from_status="",
            to_status=S.CREATED,
            amount=amount,
            actor=actor,
        )
    return payment


def payment_start(
    *,
    application_id: int,
    amount: int,
    currency: str,
    gateway_key: str,
    user: User | None,
    return_url: str,
    office_id: int | None = None,
) -> tuple[Payment, str]:
    """A new attempt to pay the fee online; returns it and the address to send the payer to."""
    gateway = gateway_get(gateway_key)
    if not gateway.online or not gateway.is_enabled() or currency not in gateway.currencies():
        raise PaymentRefused(_("This payment method is not available for this fee."))
    if FeeSettlement.objects.filter(application_id=application_id).exists():
        raise PaymentRefused(_("This fee is paid already."))
    payment = _payment_create(
        application_id=application_id,
        amount=amount,
        currency=currency,
        gateway=gateway.key,
        office_id=office_id,
        actor=user,
        source=Source.USER,
    )
    try:
        started = gateway.start(payment=payment, return_url=return_url)
    except Exception as error:
        payment_apply_result(
            payment_id=payment.pk,
            result=GatewayResult(status=S.FAILED, raw={"error": str(error)[:500]}),
            source=Source.SYSTEM,
        )
        raise PaymentRefused(
            _("The payment service did not answer. Nothing was charged: try again.")
        ) from error
    Payment.objects.filter(pk=payment.pk).update(
        provider_reference=started.provider_reference,
        gateway_data=started.data,
        expires_at=started.expires_at,
    )
    payment = payment_apply_result(
        payment_id=payment.pk,
        result=GatewayResult(status=S.PENDING, provider_reference=started.provider_reference),
        source=Source.USER,
        actor=user,
    )
    if getattr(gateway, "polled", False):
        payment_id = payment.pk
        transaction.on_commit(lambda: payment_poll_later(payment_id=payment_id, attempt=0))
    return payment, started.redirect_url


# How long the task worker waits before asking a QR gateway's bank again, round after round
# (seconds); the last one repeats until the code has expired and QR_LATE_CHECK_MINUTES passed.
POLL_DELAYS = [5, 5, 5, 5, 10, 10, 10, 15, 15, 30, 30, 60, 60, 120, 300]


def _late_until(payment: Payment) -> datetime.datetime | None:
    if payment.expires_at is None:
        return None
    return payment.expires_at + datetime.timedelta(minutes=settings.QR_LATE_CHECK_MINUTES)


def payment_poll(
    *, payment_id, attempt: int = 0, now: datetime.datetime | None = None
) -> datetime.datetime | None:
    """Ask the payment's gateway once how it stands, and apply the answer (through
    ``payment_apply_result``: a bank's transaction settles the payment once, however often it
    is reported). A code past its time expires; its bank is still asked for a while after, so
    a late payment is recorded (and flagged). Returns when to ask next, or None: done."""
    now = now or timezone.now()
    payment = Payment.objects.get(pk=payment_id)
    late_until = _late_until(payment)
    still_late = payment.status == S.EXPIRED and late_until is not None and now < late_until
    if payment.status not in OPEN and not still_late:
        return None
    result = gateway_get(payment.gateway).fetch(payment=payment)
    if result is not None and result.problem:
        payment_apply_result(payment_id=payment.pk, result=result, source=Source.POLL)
        result = None
    if (
        result is None
        and payment.status in OPEN
        and payment.expires_at
        and payment.expires_at < now
    ):
        result = GatewayResult(status=S.EXPIRED)
    if result is not None:
        payment = payment_apply_result(payment_id=payment.pk, result=result, source=Source.POLL)
    if payment.status in OPEN or (
        payment.status == S.EXPIRED and late_until is not None and now < late_until
    ):
        return now + datetime.timedelta(seconds=POLL_DELAYS[min(attempt, len(POLL_DELAYS) - 1)])
    return None


def payment_poll_later(*, payment_id, attempt: int, when: datetime.datetime | None = None) -> None:
    """Have the task worker ask about the payment at ``when`` (the first round's delay from
    now by default). A task backend that cannot wait (the tests' immediate one) is not asked:
    the payer's page and the periodic reconciliation ask instead."""
    from .tasks import poll_payment

    if not poll_payment.get_backend().supports_defer:
        return
    when = when or timezone.now() + datetime.timedelta(seconds=POLL_DELAYS[0])
    poll_payment.using(run_after=when).enqueue(str(payment_id), attempt)


def _plan(payment: Payment, result: GatewayResult) -> tuple[list[str], dict, str]:
    """The statuses the payment goes through for this result (maybe none), the other fields
    that change, and a reason to review it (or "")."""
    current = payment.status
    wanted = result.status
    if result.problem:
        # Not applied. A refund we cannot read still means money may have gone back.
        if wanted == S.REFUNDED and current in SETTLED:
            return [], {}, f"A refund was reported that cannot be read ({result.problem})."
        return [], {}, ""
    if wanted == S.PAID:
        amount_differs = result.amount is not None and result.amount != payment.amount
        currency_differs = result.currency and result.currency.upper() != payment.currency
        if amount_differs or currency_differs:
            currency = (result.currency or payment.currency).upper()
            got = (
                money_format(result.amount or 0, currency)
                if currency in CURRENCIES
                else f"{currency} {result.amount} (minor units)"
            )
            return [], {}, f"Reported paid with {got}, but the fee is {payment.amount_display}."
        if not transition_allowed(current, S.PAID):
            return [], {}, ""
        review = ""
        if current in LATE_SUCCESS:
            review = f"Paid after the payment was {current}: check the fee was not paid twice."
        return [S.PAID], {"paid_at": timezone.now()}, review
    if wanted == S.REFUNDED:
        if result.currency and result.currency.upper() != payment.currency:
            return (
                [],
                {},
                f"A refund in {result.currency.upper()} was reported, "
                f"but the payment is in {payment.currency}.",
            )
        refunded = max(result.refunded_amount or payment.amount, payment.refunded_amount)
        if refunded > payment.amount:
            return [], {}, f"A refund of more than the payment was reported ({refunded})."
        steps = []
        if current in OPEN or current in LATE_SUCCESS:
            steps.append(S.PAID)  # a refund proves the money was taken first
        elif current not in SETTLED:
            return [], {}, ""
        target = S.REFUNDED if refunded >= payment.amount else S.PARTIALLY_REFUNDED
        if target == current and refunded == payment.refunded_amount:
            return [], {}, ""
        steps.append(target)
        fields = {"refunded_amount": refunded}
        if S.PAID in steps:
            fields["paid_at"] = timezone.now()
        return steps, fields, ""
    if transition_allowed(current, wanted) and wanted != current:
        return [wanted], {}, ""
    return [], {}, ""


def payment_apply_result(
    *,
    payment_id,
    result: GatewayResult,
    source: str,
    actor: User | None = None,
    note: str = "",
) -> Payment:
    """Apply what a gateway (or a cashier) says to the payment, exactly once per gateway event.

    The same event delivered again, one after another or at the same moment, changes nothing.
    A result that would move the payment backwards is recorded and ignored. A "paid" with
    another amount or currency is never applied: the payment is flagged for review.
    """
    for _attempt in range(10):
        payment = Payment.objects.get(pk=payment_id)
        if (
            result.event_id
            and PaymentEvent.objects.filter(
                gateway=payment.gateway, gateway_event_id=result.event_id
            ).exists()
        ):
            return payment
        steps, fields, review = _plan(payment, result)
        try:
            with transaction.atomic():
                updates = dict(fields)
                if steps:
                    updates["status"] = steps[-1]
                if review and not payment.review_reason:
                    updates["review_reason"] = review
                if S.PAID in steps and not payment.receipt_number:
                    updates["receipt_number"] = _receipt_number()
                if result.provider_reference and not payment.provider_reference:
                    updates["provider_reference"] = result.provider_reference
                moved = Payment.objects.filter(pk=payment.pk, version=payment.version).update(
                    version=F("version") + 1, updated_at=timezone.now(), **updates
                )
                if not moved:
                    continue  # changed meanwhile: read it again
                before = previous = payment.status
                for index, status in enumerate(steps or [previous]):
                    PaymentEvent.objects.create(
                        payment=payment,
                        source=source,
                        gateway=payment.gateway,
                        gateway_event_id=result.event_id if index == 0 else "",
                        reported_status=result.status,
                        from_status=previous,
                        to_status=status,
                        amount=result.refunded_amount or result.amount,
                        actor=actor,
                        note=note
                        or (f"Not applicable: {result.problem}" if result.problem else "")
                        or review
                        or ("" if steps else "No change."),
                        payload=result.raw,
                    )
                    previous = status
                payment.refresh_from_db()
                if steps:
                    _settle(payment)
                    payment_status_changed.send(
                        sender=Payment,
                        payment=payment,
                        from_status=before,
                        to_status=payment.status,
                    )
                return payment
        except IntegrityError:
            # The same gateway event, recorded by a concurrent delivery: nothing to do.
            if result.event_id:
                return Payment.objects.get(pk=payment_id)
            raise
    raise RuntimeError(f"Payment {payment_id} kept changing; result not applied.")


def _settle(payment: Payment) -> None:
    """Keep one settling payment per fee: a second paid one is flagged for a refund."""
    if payment.status in SETTLES_FEE:
        # A concurrent payment may settle the fee first; this one is then flagged just below.
        with contextlib.suppress(IntegrityError), transaction.atomic():
            FeeSettlement.objects.get_or_create(
                application_id=payment.application_id, defaults={"payment": payment}
            )
        settled_by = FeeSettlement.objects.filter(application_id=payment.application_id).first()
        if settled_by and settled_by.payment_id != payment.pk and not payment.review_reason:
            Payment.objects.filter(pk=payment.pk).update(
                review_reason="The fee was paid twice: refund this payment."
            )
            payment.review_reason = "The fee was paid twice: refund this payment."
    elif payment.status in (S.REFUNDED, S.VOIDED):
        FeeSettlement.objects.filter(payment=payment).delete()


def payment_record_cash(
    *,
    application_id: int,
    amount: int,
    fee_amount: int,
    currency: str,
    cashier: User,
    office_id: int | None = None,
) -> Payment:
    """Cash taken at the counter: the amount must be the fee; the cashier's till for today
    must be open. Returns the paid payment with its receipt number."""
    if amount != fee_amount:
        raise PaymentRefused(
            _("The amount must be the fee: %(fee)s.") % {"fee": money_format(fee_amount, currency)}
        )
    if TillClosure.objects.filter(cashier=cashier, day=timezone.localdate()).exists():
        raise PaymentRefused(_("Your till for today is closed."))
    if FeeSettlement.objects.filter(application_id=application_id).exists():
        raise PaymentRefused(_("This fee is paid already."))
    payment = _payment_create(
        application_id=application_id,
        amount=amount,
        currency=currency,
        gateway="counter",
        office_id=office_id,
        actor=cashier,
        source=Source.CASHIER,
    )
    return payment_apply_result(
        payment_id=payment.pk,
        result=GatewayResult(status=S.PAID, amount=amount, currency=currency),
        source=Source.CASHIER,
        actor=cashier,
    )


def payment_void(*, payment: Payment, reason: str, supervisor: User) -> Payment:
    """Reverse a mistaken cash record: a voiding event, never a delete."""
    if not reason.strip():
        raise PaymentRefused(_("Say why the payment is voided."))
    problem = payment_void_problem(payment=payment, supervisor=supervisor)
    if problem:
        raise PaymentRefused(problem)
    return payment_apply_result(
        payment_id=payment.pk,
        result=GatewayResult(status=S.VOIDED),
        source=Source.CASHIER,
        actor=supervisor,
        note=reason.strip(),
    )


def payment_refund(*, payment: Payment, amount: int, reason: str, actor: User) -> Payment:
    """Give back all or part of a paid fee: through the gateway when it can refund, otherwise
    recorded as a cash refund at the counter."""
    if not reason.strip():
        raise PaymentRefused(_("Say why the fee is refunded."))
    refundable = payment.amount - payment.refunded_amount
    if not payment_refundable(payment=payment) or not 0 < amount <= refundable:
        raise PaymentRefused(
            _("Enter an amount above zero and at most %(left)s.")
            % {"left": money_format(max(refundable, 0), payment.currency)}
        )
    # Hold the payment: of two refunds asked at once, only one reaches the gateway.
    held = Payment.objects.filter(pk=payment.pk, version=payment.version).update(
        version=F("version") + 1
    )
    if not held:
        raise PaymentRefused(_("The payment changed meanwhile: open it again."))
    payment.refresh_from_db()
    gateway = gateway_get(payment.gateway)
    if gateway.supports_refunds:
        try:
            result = gateway.refund(payment=payment, amount=amount, reason=reason)
        except Exception as error:  # whatever the gateway raised, the officer is told
            _refund_not_made(payment=payment, amount=amount, actor=actor, error=error)
        source = Source.USER
    else:
        result = GatewayResult(status=S.REFUNDED)
        source = Source.CASHIER
    result = replace(result, status=S.REFUNDED, refunded_amount=payment.refunded_amount + amount)
    refunded = payment_apply_result(
        payment_id=payment.pk, result=result, source=source, actor=actor, note=reason.strip()
    )
    if refunded.flagged and refunded.status == S.REFUNDED:
        # Refunded in full, nothing is left to review (unless someone resolved it meanwhile).
        with contextlib.suppress(PaymentRefused):
            refunded = payment_review_resolve(payment=refunded, actor=actor, note=reason)
    return refunded


def _refund_not_made(*, payment: Payment, amount: int, actor: User, error: Exception) -> NoReturn:
    """The gateway did not make a refund: say so in the ledger (nothing changes) and to the
    officer. The payment is not left held: the next attempt reads it afresh."""
    said = str(error) if isinstance(error, RefundRefused | GatewayUnavailable) else ""
    said = said or _("it did not answer")
    asked = money_format(amount, payment.currency)
    logger.warning("Refund of payment %s not made by the gateway", payment.pk, exc_info=error)
    if isinstance(error, RefundRefused):
        # Asked again, it is a new request (see the gateway's refund).
        refused = payment.gateway_data.get("refunds_refused", 0) + 1
        Payment.objects.filter(pk=payment.pk).update(
            gateway_data={**payment.gateway_data, "refunds_refused": refused}
        )
    PaymentEvent.objects.create(
        payment=payment,
        source=Source.USER,
        gateway=payment.gateway,
        from_status=payment.status,
        to_status=payment.status,
        amount=amount,
        actor=actor,
        note=f"Refund of {asked} not made by the gateway: {said}"[:2000],
    )
    said = said if said.endswith(".") else f"{said}."
    if isinstance(error, RefundRefused):
        raise RefundNotMade(
            _(
                "The payment service did not make the refund: %(said)s Nothing is recorded as "
                "refunded. Try again later, or give the money back another way."
            )
            % {"said": said}
        ) from error
    # No answer: the refund may have been made all the same. Asking again is safe (the same
    # request is sent again); giving the money back another way could pay it twice.
    payment_flag(
        payment=payment,
        reason=f"A refund of {asked} was asked and the gateway did not answer: check whether "
        "it was made before refunding again.",
    )
    raise RefundNotMade(
        _(
            "The payment service did not answer: %(said)s The refund may have been made or not. "
            "Do not give the money back another way: try again later (the same refund is asked "
            "again, it cannot be made twice), or wait for the payment service's notice."
        )
        % {"said": said}
    ) from error


def payment_review_resolve(*, payment: Payment, actor: User, note: str) -> Payment:
    """Finance looked at a flagged payment and dealt with it. A payment not flagged (or
    resolved meanwhile by someone else) is refused: it is resolved once."""
    with transaction.atomic():
        resolved = (
            Payment.objects.filter(pk=payment.pk, review_resolved_at__isnull=True)
            .exclude(review_reason="")
            .update(review_resolved_at=timezone.now())
        )
        if not resolved:
            raise PaymentRefused(_("Nothing to resolve: this payment is not flagged."))
        PaymentEvent.objects.create(
            payment=payment,
            source=Source.USER,
            gateway=payment.gateway,
            from_status=payment.status,
            to_status=payment.status,
            actor=actor,
            note=f"Review resolved: {note.strip()}"[:2000],
        )
    payment.refresh_from_db()
    return payment


def till_close(*, cashier: User, day: datetime.date | None = None) -> TillClosure:
    """Close a cashier's day with the ledger's figures (``till_figures``: what the till screen
    shows); no cash can be recorded that day after. Closing twice keeps the first closure."""
    day = day or timezone.localdate()
    figures = till_figures(cashier=cashier, day=day)
    closure, _created = TillClosure.objects.get_or_create(
        cashier=cashier,
        day=day,
        defaults={
            "totals": figures,
            "count": sum(currency["payments"] for currency in figures.values()),
        },
    )
    return closure


def payments_reconcile(*, now: datetime.datetime | None = None) -> dict:
    """Ask the gateways about payments still waiting, and expire those past their time."""
    now = now or timezone.now()
    counts = {"checked": 0, "changed": 0}
    waiting = Payment.objects.filter(status__in=OPEN).exclude(gateway="counter")
    for payment in waiting.iterator():
        counts["checked"] += 1
        gateway = gateway_get(payment.gateway)
        try:
            result = gateway.fetch(payment=payment)
        except GatewayUnavailable as error:
            logger.warning("Payment %s: the gateway could not be asked: %s", payment.pk, error)
            result = None
        if result is not None and result.problem:
            logger.warning(
                "Payment %s: the gateway's answer cannot be read: %s", payment.pk, result.problem
            )
            result = None
        if result is None and payment.expires_at and payment.expires_at < now:
            result = GatewayResult(status=S.EXPIRED)
        if result is None:
            continue
        after = payment_apply_result(payment_id=payment.pk, result=result, source=Source.POLL)
        counts["changed"] += after.status != payment.status
    return counts


def payment_flag(*, payment: Payment, reason: str) -> Payment:
    """Ask finance to look at a payment (such as the fee of a withdrawn application): it
    appears among the payments to review with ``reason``, and the ledger records why."""
    with transaction.atomic():
        Payment.objects.filter(pk=payment.pk).update(
            review_reason=reason[:255], review_resolved_at=None
        )
        PaymentEvent.objects.create(
            payment=payment,
            source=Source.SYSTEM,
            gateway=payment.gateway,
            from_status=payment.status,
            to_status=payment.status,
            note=f"Flagged for review: {reason}"[:2000],
        )
    payment.refresh_from_db()
    return payment


def payment_waive(
    *,
    application_id: int,
    amount: int,
    currency: str,
    supervisor: User,
    reason: str,
    office_id: int | None = None,
) -> Payment:
    """Record that a supervisor waived the fee (``amount``, what it would have been): it
    settles the fee without money. Refused when the fee is settled already or a payment of it
    is under way."""
    if not reason.strip():
        raise PaymentRefused(_("Say why the fee is waived."))
    if FeeSettlement.objects.filter(application_id=application_id).exists():
        raise PaymentRefused(_("This fee is paid already."))
    if Payment.objects.filter(application_id=application_id, status__in=OPEN).exists():
        raise PaymentRefused(
            _("A payment of this fee is under way: wait until it is paid or has expired.")
        )
    with transaction.atomic():
        payment = _payment_create(
            application_id=application_id,
            amount=amount,
            currency=currency,
            gateway="waiver",
            office_id=office_id,
            actor=supervisor,
            source=Source.USER,
        )
        return payment_apply_result(
            payment_id=payment.pk,
            result=GatewayResult(status=S.WAIVED),
            source=Source.USER,
            actor=supervisor,
            note=reason.strip(),
        )


def bank_transaction_event_id(transaction_id: str) -> str:
    """The event id a bank transaction is recorded under, whether confirmed by hand or by a
    statement line: the same for both, so the ledger's unique event id per gateway keeps one
    transaction from confirming two payments, even when two officers act at once."""
    return f"txn:{' '.join(transaction_id.split())}"[:255]


def bank_transaction_owner(*, gateway: str, transaction_id: str) -> Payment | None:
    """The payment a bank transaction was recorded for already, if any."""
    used = (
        PaymentEvent.objects.filter(
            gateway=gateway, gateway_event_id=bank_transaction_event_id(transaction_id)
        )
        .select_related("payment")
        .first()
    )
    return used.payment if used else None


def _used_elsewhere(used: Payment) -> PaymentRefused:
    return PaymentRefused(
        _("This bank transaction confirmed another payment already (bill %(bill)s).")
        % {"bill": used.gateway_data.get("bill_number", used.pk)}
    )


def payment_confirm_by_hand(
    *, payment: Payment, transaction_id: str, reason: str, actor: User
) -> Payment:
    """A finance officer confirms a QR payment the bank's API cannot confirm (it has none, or
    it is down), with the bank's transaction id (as the receiving account's history shows it)
    and why. Recorded as confirmed by hand; one bank transaction confirms one payment (by hand
    or by a statement line); the next bank statement must show it (``statement_import`` flags
    it otherwise)."""
    transaction_id, reason = " ".join(transaction_id.split()), reason.strip()
    if not getattr(gateway_get(payment.gateway), "confirmed_by_hand", False):
        raise PaymentRefused(_("Only QR payments are confirmed by hand."))
    if not transaction_id:
        raise PaymentRefused(_("Enter the bank's transaction id."))
    if not reason:
        raise PaymentRefused(_("Say why the payment is confirmed by hand."))
    if payment.status not in OPEN and payment.status not in LATE_SUCCESS:
        raise PaymentRefused(
            _("This payment is %(status)s: there is nothing to confirm.")
            % {"status": payment.get_status_display().lower()}
        )
    event_id = bank_transaction_event_id(transaction_id)
    used = bank_transaction_owner(gateway=payment.gateway, transaction_id=transaction_id)
    if used is not None:
        raise _used_elsewhere(used)
    confirmed = payment_apply_result(
        payment_id=payment.pk,
        result=GatewayResult(
            status=S.PAID,
            amount=payment.amount,
            currency=payment.currency,
            event_id=event_id,
            raw={"bank_transaction_id": transaction_id, "confirmed_by_hand": True},
        ),
        source=Source.BY_HAND,
        actor=actor,
        note=f"Confirmed by hand, bank transaction {transaction_id}: {reason}"[:2000],
    )
    # payment_apply_result does nothing for an event id recorded meanwhile (the unique
    # constraint): say which payment has it, rather than a receipt that was not made.
    recorded = (
        PaymentEvent.objects.filter(gateway=payment.gateway, gateway_event_id=event_id)
        .select_related("payment")
        .first()
    )
    if recorded is None or recorded.payment_id != payment.pk:
        if recorded is not None:
            raise _used_elsewhere(recorded.payment)
        raise PaymentRefused(_("The payment changed meanwhile: open it again."))
    if recorded.to_status != S.PAID or recorded.from_status == S.PAID:  # paid meanwhile
        raise PaymentRefused(
            _("This payment is %(status)s: there is nothing to confirm.")
            % {"status": confirmed.get_status_display().lower()}
        )
    with transaction.atomic():
        held = Payment.objects.select_for_update().get(pk=payment.pk)
        Payment.objects.filter(pk=payment.pk).update(
            gateway_data={
                **held.gateway_data,
                "confirmed_by_hand": {
                    "transaction_id": transaction_id,
                    "by": actor.pk,
                    "at": timezone.now().isoformat(),
                },
            }
        )
    confirmed.refresh_from_db()
    return confirmed
