"""The ledger's rules: every status move allowed or refused, cash at the counter, voids,
refunds, the till, and one settled fee however the payments race."""

import threading

import pytest
from django.db import connection

from payments.gateways.base import GatewayResult
from payments.models import FeeSettlement, Payment, PaymentEvent, TillClosure
from payments.services import (
    PaymentRefused,
    payment_apply_result,
    payment_record_cash,
    payment_refund,
    payment_void,
    till_close,
)
from tests.factories import OfficerFactory, submit_application
from tests.payments.races import online_lands_first

S = Payment.Status
REPORTED = ["pending", "paid", "failed", "expired", "cancelled", "refunded", "voided"]
# What a payment in the row's status becomes when told the column's status; "!" marks a late
# success that wins and is flagged for review.
TABLE = {
    "created": ["pending", "paid", "failed", "expired", "cancelled", "refunded", "created"],
    "pending": ["pending", "paid", "failed", "expired", "cancelled", "refunded", "pending"],
    "paid": ["paid", "paid", "paid", "paid", "paid", "refunded", "voided"],
    "failed": ["failed", "paid!", "failed", "failed", "failed", "refunded", "failed"],
    "expired": ["expired", "paid!", "expired", "expired", "expired", "refunded", "expired"],
    "cancelled": [
        "cancelled",
        "paid!",
        "cancelled",
        "cancelled",
        "cancelled",
        "refunded",
        "cancelled",
    ],
    "partially_refunded": ["partially_refunded"] * 5 + ["refunded", "partially_refunded"],
    "refunded": ["refunded"] * 7,
    "voided": ["voided"] * 7,
}


@pytest.mark.django_db
@pytest.mark.parametrize("start", list(TABLE))
@pytest.mark.parametrize("reported", REPORTED)
def test_the_whole_transition_table(application, start, reported):
    payment = Payment.objects.create(
        application=application,
        amount=2500,
        currency="USD",
        gateway="demo",
        status=start,
        refunded_amount=1000 if start == "partially_refunded" else 0,
    )
    result = GatewayResult(
        status=reported,
        amount=2500,
        currency="USD",
        refunded_amount=2500 if reported == "refunded" else None,
    )
    after = payment_apply_result(payment_id=payment.pk, result=result, source="system")
    expected = TABLE[start][REPORTED.index(reported)]
    assert after.status == expected.rstrip("!")
    assert after.flagged == expected.endswith("!")
    # One event per status passed through; one that says so when nothing changed. A refund of
    # a payment never seen paid passes through "paid" first.
    moves = list(after.events.values_list("from_status", "to_status"))
    if after.status == start:
        assert moves == [(start, start)]
    elif reported == "refunded" and start not in ("paid", "partially_refunded"):
        assert moves == [(start, "paid"), ("paid", "refunded")]
    else:
        assert moves == [(start, after.status)]


@pytest.fixture
def cashier(db):
    return OfficerFactory()


def record_cash(application, cashier, amount=2500):
    return payment_record_cash(
        application_id=application.pk,
        amount=amount,
        fee_amount=application.fee_total,
        currency=application.fee_currency,
        cashier=cashier,
        office_id=application.office_id,
    )


@pytest.mark.django_db
def test_cash_must_be_the_fee_and_gets_a_receipt_number(application, cashier):
    with pytest.raises(PaymentRefused) as refused:
        record_cash(application, cashier, amount=2000)
    assert refused.value.messages == ["The amount must be the fee: USD\u00a025.00."]
    payment = record_cash(application, cashier)
    assert payment.status == S.PAID
    assert payment.receipt_number.startswith("R-")
    assert payment.created_by == cashier
    assert list(payment.events.values_list("source", "actor", "from_status", "to_status")) == [
        ("cashier", cashier.pk, "", "created"),
        ("cashier", cashier.pk, "created", "paid"),
    ]
    with pytest.raises(PaymentRefused, match="paid already"):
        record_cash(application, cashier)


@pytest.mark.django_db
def test_a_void_is_a_reversal_with_a_reason_never_a_delete(application, cashier):
    payment = record_cash(application, cashier)
    supervisor = OfficerFactory()
    with pytest.raises(PaymentRefused, match="Say why"):
        payment_void(payment=payment, reason=" ", supervisor=supervisor)
    voided = payment_void(
        payment=payment, reason="Typed the wrong reference", supervisor=supervisor
    )
    assert voided.status == S.VOIDED
    assert Payment.objects.filter(pk=payment.pk).exists()
    last = voided.events.last()
    assert (last.actor, last.note, last.to_status) == (
        supervisor,
        "Typed the wrong reference",
        "voided",
    )
    assert not FeeSettlement.objects.exists()  # the fee is due again
    assert record_cash(application, cashier).status == S.PAID


@pytest.mark.django_db
def test_a_cash_refund_for_a_gateway_that_cannot_refund(application, cashier):
    payment = record_cash(application, cashier)
    with pytest.raises(PaymentRefused) as refused:
        payment_refund(payment=payment, amount=3000, reason="Too much", actor=cashier)
    assert "at most USD\u00a025.00" in refused.value.messages[0]
    refunded = payment_refund(payment=payment, amount=2500, reason="Withdrawn", actor=cashier)
    assert refunded.status == S.REFUNDED
    assert refunded.events.last().source == PaymentEvent.Source.CASHIER


@pytest.mark.django_db
def test_the_till_shows_the_day_and_closes_it(application, cashier):
    record_cash(application, cashier)
    closure = till_close(cashier=cashier)
    assert closure.count == 1
    assert closure.totals == {
        "USD": {
            "payments": 1,
            "collected": 2500,
            "refunded": 0,
            "net": 2500,
            "voided_payments": 0,
            "voided": 0,
        }
    }
    assert TillClosure.objects.count() == 1
    payment = Payment.objects.get()
    with pytest.raises(PaymentRefused, match="till of that day is closed"):
        payment_void(payment=payment, reason="Mistake", supervisor=OfficerFactory())
    other = submit_application(application.service_page.specific)
    with pytest.raises(PaymentRefused, match="till for today is closed"):
        record_cash(other, cashier)


@pytest.mark.django_db(transaction=True)
def test_cash_racing_an_online_payment_leaves_one_settled_fee_and_flags_the_other(
    application, cashier
):
    online = Payment.objects.create(
        application=application, amount=2500, currency="USD", gateway="demo", status="pending"
    )
    barrier = threading.Barrier(2)
    errors = []
    cash = []

    def pay_online():
        try:
            barrier.wait()
            payment_apply_result(
                payment_id=online.pk,
                result=GatewayResult(status="paid", amount=2500, currency="USD"),
                source="webhook",
            )
        except Exception as error:  # reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    def pay_cash():
        try:
            barrier.wait()
            cash.append(record_cash(application, cashier))
        except PaymentRefused as refusal:
            cash.append(refusal)
        except Exception as error:  # reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=pay_online), threading.Thread(target=pay_cash)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    [outcome] = cash
    online.refresh_from_db()
    settled = FeeSettlement.objects.get().payment
    assert online.status == S.PAID
    if isinstance(outcome, PaymentRefused):
        # The online payment settled before the cashier's check: no cash was taken.
        assert outcome.messages == ["This fee is paid already."]
        assert settled == online and not online.flagged
        assert not Payment.objects.filter(gateway="counter").exists()
    else:
        # Both were taken: whichever settled first stands, the other is to be refunded.
        outcome.refresh_from_db()
        assert outcome.status == S.PAID
        assert settled in (online, outcome)
        other = outcome if settled == online else online
        assert other.review_reason == "The fee was paid twice: refund this payment."
        assert other.flagged and not settled.flagged


@pytest.mark.django_db
def test_online_settled_first_the_cash_is_refused(application, cashier):
    online = Payment.objects.create(
        application=application, amount=2500, currency="USD", gateway="demo", status="pending"
    )
    payment_apply_result(
        payment_id=online.pk,
        result=GatewayResult(status="paid", amount=2500, currency="USD"),
        source="webhook",
    )
    with pytest.raises(PaymentRefused) as refusal:
        record_cash(application, cashier)
    assert refusal.value.messages == ["This fee is paid already."]
    assert not Payment.objects.filter(gateway="counter").exists()
    assert FeeSettlement.objects.get().payment == online


@pytest.mark.django_db
def test_online_settled_while_the_cash_is_recorded_flags_the_cash(
    application, cashier, monkeypatch
):
    """The online payment lands between the cashier's check and the cash's own settling."""
    online = Payment.objects.create(
        application=application, amount=2500, currency="USD", gateway="demo", status="pending"
    )
    monkeypatch.setattr(
        "payments.services.payment_apply_result", online_lands_first(online, payment_apply_result)
    )
    cash = record_cash(application, cashier)
    online.refresh_from_db()
    assert (online.status, cash.status) == (S.PAID, S.PAID)
    assert FeeSettlement.objects.get().payment == online
    assert not online.flagged
    assert cash.flagged and cash.review_reason == "The fee was paid twice: refund this payment."
