"""Stripe webhooks: verified on the raw body, each event applied once, in any order."""

import datetime
import logging
import threading
import time

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from payments.models import Payment, PaymentEvent
from payments.services import payments_reconcile
from portal.notifications.models import OutboxMessage
from tests.payments.fake_stripe import signed

WEBHOOK = "/payments/stripe/webhook/"


def deliver(client, payload, **options):
    body, signature = signed(payload, **options)
    return client.post(
        WEBHOOK, body, content_type="application/json", HTTP_STRIPE_SIGNATURE=signature
    )


@pytest.fixture
def started(application, fake_stripe):
    """A Stripe payment waiting at Checkout."""
    from payments.services import payment_start

    payment, _url = payment_start(
        application_id=application.pk,
        amount=2500,
        currency="USD",
        gateway_key="stripe",
        user=application.applicant,
        return_url="/back/",
    )
    return payment


def paid_notifications():
    return OutboxMessage.objects.filter(subject__startswith="Payment received").count()


@pytest.mark.django_db
def test_the_same_webhook_ten_times_in_a_row_is_one_transition_and_one_notification(
    client, started, fake_stripe
):
    session = fake_stripe.pay(started.provider_reference)
    event = fake_stripe.event("checkout.session.completed", session)
    for _delivery in range(10):
        assert deliver(client, event).status_code == 200
    started.refresh_from_db()
    assert started.status == Payment.Status.PAID
    assert started.events.filter(to_status="paid").count() == 1
    assert PaymentEvent.objects.filter(gateway_event_id=event["id"]).count() == 1
    assert paid_notifications() == 1


@pytest.mark.django_db(transaction=True)
def test_the_same_webhook_ten_times_at_once_is_one_transition_and_one_notification(
    started, fake_stripe
):
    session = fake_stripe.pay(started.provider_reference)
    event = fake_stripe.event("checkout.session.completed", session)
    body, signature = signed(event)
    barrier = threading.Barrier(10)
    statuses = []

    def deliver_once():
        try:
            barrier.wait()
            response = Client().post(
                WEBHOOK, body, content_type="application/json", HTTP_STRIPE_SIGNATURE=signature
            )
            statuses.append(response.status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=deliver_once) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [200] * 10
    started.refresh_from_db()
    assert started.status == Payment.Status.PAID
    assert started.events.filter(to_status="paid").count() == 1
    assert paid_notifications() == 1


@pytest.mark.django_db
def test_a_refund_reported_before_the_payment_converges_to_refunded(client, started, fake_stripe):
    session = fake_stripe.pay(started.provider_reference)
    refunded = fake_stripe.event("charge.refunded", fake_stripe.charge_refunded(session["id"]))
    completed = fake_stripe.event("checkout.session.completed", session)
    assert deliver(client, refunded).status_code == 200
    assert deliver(client, completed).status_code == 200
    started.refresh_from_db()
    assert started.status == Payment.Status.REFUNDED
    assert started.refunded_amount == 2500
    assert list(started.events.values_list("to_status", flat=True)) == [
        "created",
        "pending",
        "paid",
        "refunded",
        "refunded",  # the late "completed": recorded, changes nothing
    ]


@pytest.mark.django_db
def test_completed_after_expired_wins_and_is_flagged(client, started, fake_stripe):
    expired = fake_stripe.event(
        "checkout.session.expired", fake_stripe.expire(started.provider_reference)
    )
    deliver(client, expired)
    started.refresh_from_db()
    assert started.status == Payment.Status.EXPIRED
    session = fake_stripe.pay(started.provider_reference)
    deliver(client, fake_stripe.event("checkout.session.completed", session))
    started.refresh_from_db()
    assert started.status == Payment.Status.PAID
    assert started.flagged and "after the payment was expired" in started.review_reason


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("amount", "currency"), [(2400, "usd"), (2500, "eur"), (250000, "usd")], ids=str
)
def test_an_amount_or_currency_that_differs_from_the_fee_is_never_marked_paid(
    client, started, fake_stripe, amount, currency
):
    session = fake_stripe.pay(started.provider_reference)
    session = {**session, "amount_total": amount, "currency": currency}
    deliver(client, fake_stripe.event("checkout.session.completed", session))
    started.refresh_from_db()
    assert started.status == Payment.Status.PENDING
    assert started.flagged and "but the fee is USD" in started.review_reason
    assert paid_notifications() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("problem", ["bad signature", "stale signature", "no signature"])
def test_a_webhook_with_a_bad_or_stale_signature_gets_400_and_changes_nothing(
    client, started, fake_stripe, problem
):
    session = fake_stripe.pay(started.provider_reference)
    event = fake_stripe.event("checkout.session.completed", session)
    if problem == "bad signature":
        response = deliver(client, event, secret="whsec_someone_else")
    elif problem == "stale signature":
        response = deliver(client, event, at=int(time.time()) - 600)
    else:
        response = client.post(WEBHOOK, "{}", content_type="application/json")
    assert response.status_code == 400
    started.refresh_from_db()
    assert started.status == Payment.Status.PENDING
    assert not PaymentEvent.objects.filter(gateway_event_id=event["id"]).exists()


@pytest.mark.django_db
def test_an_unknown_event_type_gets_200_and_is_logged(client, started, fake_stripe, caplog):
    event = fake_stripe.event("customer.created", {"id": "cus_1", "object": "customer"})
    with caplog.at_level(logging.INFO, logger="payments.gateways.stripe"):
        assert deliver(client, event).status_code == 200
    assert "customer.created" in caplog.text
    started.refresh_from_db()
    assert started.status == Payment.Status.PENDING


@pytest.mark.django_db
def test_asynchronous_payments_wait_for_their_own_event(client, started, fake_stripe):
    session = fake_stripe.pay(started.provider_reference, asynchronous=True)
    deliver(client, fake_stripe.event("checkout.session.completed", session))
    started.refresh_from_db()
    assert started.status == Payment.Status.PENDING
    failed = fake_stripe.event("checkout.session.async_payment_failed", session)
    deliver(client, failed)
    started.refresh_from_db()
    assert started.status == Payment.Status.FAILED


@pytest.mark.django_db
def test_reconciling_asks_stripe_about_waiting_payments_and_expires_old_ones(started, fake_stripe):
    from payments.services import payment_start

    abandoned, _url = payment_start(
        application_id=started.application_id,
        amount=2500,
        currency="USD",
        gateway_key="stripe",
        user=started.created_by,
        return_url="/back/",
    )
    Payment.objects.filter(pk=abandoned.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    fake_stripe.pay(started.provider_reference)
    assert payments_reconcile() == {"checked": 2, "changed": 2}
    started.refresh_from_db()
    abandoned.refresh_from_db()
    assert (started.status, abandoned.status) == (Payment.Status.PAID, Payment.Status.EXPIRED)
    for payment, status in ((started, "paid"), (abandoned, "expired")):
        assert list(
            payment.events.filter(source=PaymentEvent.Source.POLL).values_list(
                "from_status", "to_status"
            )
        ) == [("pending", status)]


@pytest.mark.django_db
def test_a_refund_goes_through_stripe(started, fake_stripe, admin_user):
    from payments.services import payment_refund

    fake_stripe.pay(started.provider_reference)
    payments_reconcile()
    started.refresh_from_db()
    partly = payment_refund(payment=started, amount=1000, reason="Overcharged", actor=admin_user)
    assert partly.status == Payment.Status.PARTIALLY_REFUNDED
    assert partly.refunded_amount == 1000
    assert ("post", "/v1/refunds") in [(m, p) for m, p, _params in fake_stripe.requests]
    rest = payment_refund(payment=partly, amount=1500, reason="Withdrawn", actor=admin_user)
    assert rest.status == Payment.Status.REFUNDED


@pytest.mark.django_db
def test_a_signed_event_of_another_integration_is_ignored_with_200(client, started, fake_stripe):
    session = {**fake_stripe.pay(started.provider_reference), "client_reference_id": "order-77"}
    assert (
        deliver(client, fake_stripe.event("checkout.session.completed", session)).status_code == 200
    )
    started.refresh_from_db()
    assert started.status == Payment.Status.PENDING


def without(obj: dict, *names: str, **changes) -> dict:
    """The Stripe object without the fields ``names`` and with ``changes``."""
    return {key: value for key, value in obj.items() if key not in names} | changes


ODD_SESSIONS = {
    "no payment_status": lambda session: without(session, "payment_status"),
    "an unknown payment_status": lambda session: without(session, payment_status="settled"),
    "no payment_intent": lambda session: without(session, "payment_intent"),
    "an empty payment_intent": lambda session: without(session, payment_intent=None),
    "no currency": lambda session: without(session, "currency"),
    "an empty currency": lambda session: without(session, currency=""),
    "a currency of no letters": lambda session: without(session, currency="840"),
    "a currency of two letters": lambda session: without(session, currency="us"),
    "a currency that is a number": lambda session: without(session, currency=840),
    "no amount": lambda session: without(session, "amount_total"),
    "an amount in words": lambda session: without(session, amount_total="twenty-five"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("odd", list(ODD_SESSIONS))
def test_a_signed_completed_event_that_lacks_what_we_need_is_recorded_as_not_applicable(
    client, started, fake_stripe, caplog, odd
):
    session = ODD_SESSIONS[odd](fake_stripe.pay(started.provider_reference))
    event = fake_stripe.event("checkout.session.completed", session)
    with caplog.at_level(logging.WARNING, logger="payments.views"):
        for _delivery in range(2):
            response = deliver(client, event)
            assert (response.status_code, response.content) == (200, b"not applicable")
    assert event["id"] in caplog.text
    started.refresh_from_db()
    assert started.status == Payment.Status.PENDING and not started.flagged
    [recorded] = PaymentEvent.objects.filter(gateway_event_id=event["id"])
    assert (recorded.from_status, recorded.to_status) == ("pending", "pending")
    assert recorded.note.startswith("Not applicable: ")
    assert paid_notifications() == 0


ODD_CHARGES = {
    "no amount refunded": lambda charge: without(charge, "amount_refunded"),
    "nothing refunded": lambda charge: without(charge, amount_refunded=0),
    "no currency": lambda charge: without(charge, "currency"),
    "an odd currency": lambda charge: without(charge, currency="u$d"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("odd", list(ODD_CHARGES))
def test_a_signed_refund_event_that_lacks_what_we_need_is_recorded_as_not_applicable(
    client, started, fake_stripe, odd
):
    session = fake_stripe.pay(started.provider_reference)
    deliver(client, fake_stripe.event("checkout.session.completed", session))
    charge = ODD_CHARGES[odd](fake_stripe.charge_refunded(session["id"]))
    event = fake_stripe.event("charge.refunded", charge)
    response = deliver(client, event)
    assert (response.status_code, response.content) == (200, b"not applicable")
    started.refresh_from_db()
    assert (started.status, started.refunded_amount) == (Payment.Status.PAID, 0)
    [recorded] = PaymentEvent.objects.filter(gateway_event_id=event["id"])
    assert recorded.note.startswith("Not applicable: ")
    # Money may have gone back all the same: finance looks at it.
    assert started.flagged
    assert started.review_reason.startswith("A refund was reported that cannot be read (")


@pytest.mark.django_db
def test_a_refund_reported_in_another_currency_is_flagged_not_applied(client, started, fake_stripe):
    session = fake_stripe.pay(started.provider_reference)
    deliver(client, fake_stripe.event("checkout.session.completed", session))
    charge = without(fake_stripe.charge_refunded(session["id"]), currency="eur")
    assert deliver(client, fake_stripe.event("charge.refunded", charge)).status_code == 200
    started.refresh_from_db()
    assert (started.status, started.refunded_amount) == (Payment.Status.PAID, 0)
    assert started.review_reason == "A refund in EUR was reported, but the payment is in USD."


@pytest.mark.django_db
def test_a_refund_event_of_a_payment_intent_stripe_does_not_know_is_ignored(
    client, started, fake_stripe
):
    session = fake_stripe.pay(started.provider_reference)
    charge = fake_stripe.charge_refunded(session["id"]) | {"payment_intent": "pi_unknown"}
    response = deliver(client, fake_stripe.event("charge.refunded", charge))
    assert (response.status_code, response.content) == (200, b"ignored")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "payload",
    [
        [],
        "completed",
        {"id": "evt_1", "object": "event"},
        {"id": "evt_2", "object": "event", "type": "checkout.session.completed"},
        {"id": "evt_3", "type": "checkout.session.completed", "data": {}},
        {"id": "evt_4", "type": "checkout.session.completed", "data": {"object": "cs_1"}},
        {"id": 4, "type": "checkout.session.completed", "data": {"object": {"id": "cs_1"}}},
    ],
    ids=str,
)
def test_a_signed_body_that_is_no_event_gets_400(client, started, fake_stripe, payload):
    response = deliver(client, payload)
    assert (response.status_code, response.content) == (400, b"not an event")
    started.refresh_from_db()
    assert started.status == Payment.Status.PENDING


@pytest.mark.django_db
def test_a_card_payment_landing_after_cash_settled_the_fee_is_told_as_paid_twice(
    client, started, fake_stripe, application
):
    from payments.services import payment_record_cash
    from tests.factories import OfficerFactory

    cash = payment_record_cash(
        application_id=application.pk,
        amount=2500,
        fee_amount=2500,
        currency="USD",
        cashier=OfficerFactory(),
    )
    session = fake_stripe.pay(started.provider_reference)
    assert (
        deliver(client, fake_stripe.event("checkout.session.completed", session)).status_code == 200
    )
    started.refresh_from_db()
    assert started.status == Payment.Status.PAID
    assert started.review_reason == "The fee was paid twice: refund this payment."
    assert paid_notifications() == 1  # the cash's
    [twice] = OutboxMessage.objects.filter(subject__startswith="Fee paid twice")
    assert (
        f"The second payment, receipt {started.receipt_number}, will be refunded to you the way "
        "you paid it." in twice.body
    )
    assert cash.receipt_number in twice.body
