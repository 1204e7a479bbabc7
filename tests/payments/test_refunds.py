"""Refunds asked from the admin: a gateway that refuses one is told to the officer, and
nothing is recorded as refunded."""

import pytest
from django.contrib.auth.models import Permission

from payments.models import Payment, PaymentEvent
from payments.services import payments_reconcile
from tests.factories import OfficerFactory


@pytest.fixture
def paid(application, fake_stripe):
    """A USD 25.00 fee paid through Stripe."""
    from payments.services import payment_start

    payment, _url = payment_start(
        application_id=application.pk,
        amount=2500,
        currency="USD",
        gateway_key="stripe",
        user=application.applicant,
        return_url="/back/",
    )
    fake_stripe.pay(payment.provider_reference)
    payments_reconcile()
    payment.refresh_from_db()
    assert payment.status == Payment.Status.PAID
    return payment


@pytest.fixture
def finance(client, application):
    user = OfficerFactory(offices=[application.office])
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="payments", codename="refund_payment")
    )
    client.force_login(user)
    return user


@pytest.mark.django_db
def test_a_refund_the_gateway_refuses_is_said_on_the_form_and_nothing_is_refunded(
    client, paid, fake_stripe, finance
):
    fake_stripe.refunds_refused = (400, "charge_disputed")
    url = f"/admin/payments/{paid.pk}/refund/"
    response = client.post(url, {"amount": "10.00", "reason": "Only one copy issued"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "The payment service did not make the refund: Charge disputed." in html
    assert "Nothing is recorded as refunded." in html
    assert 'value="10.00"' in html and "Only one copy issued</textarea>" in html
    paid.refresh_from_db()
    assert (paid.status, paid.refunded_amount) == (Payment.Status.PAID, 0)
    last = paid.events.last()
    assert (last.from_status, last.to_status, last.actor, last.amount) == (
        "paid",
        "paid",
        finance,
        1000,
    )
    assert last.note == "Refund of USD\u00a010.00 not made by the gateway: Charge disputed."

    # The payment is not held by the failed attempt: once Stripe takes it, the refund is made.
    fake_stripe.refunds_refused = None
    again = client.post(url, {"amount": "10.00", "reason": "Only one copy issued"})
    assert again.status_code == 302
    paid.refresh_from_db()
    assert (paid.status, paid.refunded_amount) == (Payment.Status.PARTIALLY_REFUNDED, 1000)


@pytest.mark.django_db
def test_a_refund_stripe_cannot_be_reached_for_is_said_on_the_form(
    client, paid, fake_stripe, finance
):
    fake_stripe.everything_refused = (503, "service_unavailable")
    response = client.post(
        f"/admin/payments/{paid.pk}/refund/", {"amount": "25", "reason": "Withdrawn"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    # No answer: the refund may have been made, so the money is not to go back another way.
    assert "The payment service did not answer" in html
    assert "Do not give the money back another way" in html
    paid.refresh_from_db()
    assert (paid.status, paid.refunded_amount) == (Payment.Status.PAID, 0)
    assert paid.flagged and "did not answer" in paid.review_reason
    assert not paid.events.filter(to_status="refunded").exists()
    assert PaymentEvent.objects.filter(payment=paid, note__startswith="Refund of").count() == 1


@pytest.mark.django_db
def test_a_refund_asked_again_after_a_server_error_is_the_same_request(
    client, paid, fake_stripe, finance
):
    """Whether a refund met by a server error was made is not known: asking again must not
    make a second one, so it is the same request (Stripe answers it as it did the first)."""
    url = f"/admin/payments/{paid.pk}/refund/"
    fake_stripe.refunds_refused = (500, "api_error")
    for _attempt in range(2):
        response = client.post(url, {"amount": "25", "reason": "Withdrawn"})
        assert "The payment service did not answer" in response.content.decode()
    refund_keys = [
        key
        for key, (method, path, _params) in zip(
            fake_stripe.idempotency_keys, fake_stripe.requests, strict=True
        )
        if (method, path) == ("post", "/v1/refunds")
    ]
    assert refund_keys == [f"onedoor-refund-{paid.pk}-2500"] * 2


@pytest.mark.django_db
def test_a_refund_asked_again_after_a_refusal_is_a_new_request(client, paid, fake_stripe, finance):
    url = f"/admin/payments/{paid.pk}/refund/"
    fake_stripe.refunds_refused = (402, "balance_insufficient")
    client.post(url, {"amount": "25", "reason": "Withdrawn"})
    fake_stripe.refunds_refused = None
    assert client.post(url, {"amount": "25", "reason": "Withdrawn"}).status_code == 302
    refund_keys = [
        key
        for key, (method, path, _params) in zip(
            fake_stripe.idempotency_keys, fake_stripe.requests, strict=True
        )
        if (method, path) == ("post", "/v1/refunds")
    ]
    assert refund_keys == [f"onedoor-refund-{paid.pk}-2500", f"onedoor-refund-{paid.pk}-2500-1"]
    paid.refresh_from_db()
    assert (paid.status, paid.refunded_amount) == (Payment.Status.REFUNDED, 2500)
