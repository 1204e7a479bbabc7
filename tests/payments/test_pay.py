"""Applicants pay online from their application: choose a method, pay, get a receipt."""

import pytest

from payments.models import Payment, PaymentEvent
from portal.applications.models import Event


def pay_url(application):
    return f"/en/my/applications/{application.reference}/pay/"


@pytest.mark.django_db
def test_the_demo_gateway_pays_and_the_receipt_is_in_the_applicants_language(
    client, application, django_capture_on_commit_callbacks, mailoutbox
):
    detail = client.get(f"/en/my/applications/{application.reference}/").content.decode()
    assert "Pay now" in detail and "USD\u00a025.00" in detail

    choose = client.get(pay_url(application)).content.decode()
    assert "Demo payment" in choose
    assert "Card (Stripe)" not in choose  # not configured

    started = client.post(pay_url(application), {"method": "demo"})
    payment = Payment.objects.get()
    assert started["Location"] == f"/en/payments/demo/{payment.pk}/"
    assert payment.status == Payment.Status.PENDING
    assert payment.amount == 2500 and payment.currency == "USD"
    assert "USD\u00a025.00" in client.get(started["Location"]).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        back = client.post(started["Location"], {"outcome": "succeed"})
    assert back["Location"] == f"/en/my/applications/{application.reference}/pay/return/"
    landed = client.get(back["Location"], follow=True).content.decode()
    payment.refresh_from_db()
    assert payment.status == Payment.Status.PAID
    assert payment.receipt_number.startswith("R-")
    assert f"Your receipt number is {payment.receipt_number}" in landed
    assert "Pay now" not in landed

    receipt = client.get(
        f"/lo/my/applications/{application.reference}/receipts/{payment.pk}/"
    ).content.decode()
    for shown in (payment.receipt_number, application.reference, "USD\u00a025.00", "ໃບຮັບເງິນ"):
        assert shown in receipt, shown

    assert Event.objects.filter(application=application, kind=Event.Kind.FEE_PAID).count() == 1
    [paid_mail] = [mail for mail in mailoutbox if "Payment received" in mail.subject]
    assert payment.receipt_number in paid_mail.body


@pytest.mark.django_db
def test_after_a_failure_the_applicant_pays_again(client, application):
    client.post(pay_url(application), {"method": "demo"})
    failed = Payment.objects.get()
    client.post(f"/en/payments/demo/{failed.pk}/", {"outcome": "fail"})
    landed = client.get(
        f"/en/my/applications/{application.reference}/pay/return/", follow=True
    ).content.decode()
    assert "did not go through" in landed and "Pay now" in landed

    client.post(pay_url(application), {"method": "demo"})
    second = Payment.objects.exclude(pk=failed.pk).get()
    client.post(f"/en/payments/demo/{second.pk}/", {"outcome": "succeed"})
    failed.refresh_from_db()
    second.refresh_from_db()
    assert (failed.status, second.status) == (Payment.Status.FAILED, Payment.Status.PAID)
    # Paid: no third attempt.
    assert client.get(pay_url(application))["Location"].endswith(f"{application.reference}/")


@pytest.mark.django_db
def test_no_method_chosen_is_an_error_next_to_the_choice(client, application):
    response = client.post(pay_url(application), {})
    assert response.status_code == 200
    assert "Select how you want to pay." in response.content.decode()
    assert not Payment.objects.exists()


@pytest.mark.django_db
def test_someone_elses_application_cannot_be_paid_or_its_receipt_seen(client, application):
    from tests.factories import UserFactory

    client.post(pay_url(application), {"method": "demo"})
    payment = Payment.objects.get()
    client.post(f"/en/payments/demo/{payment.pk}/", {"outcome": "succeed"})
    client.force_login(UserFactory())
    assert client.get(pay_url(application)).status_code == 404
    receipt = f"/en/my/applications/{application.reference}/receipts/{payment.pk}/"
    assert client.get(receipt).status_code == 404
    assert client.post(f"/en/payments/demo/{payment.pk}/", {"outcome": "fail"}).status_code == 404


@pytest.mark.django_db
def test_stripe_checkout_with_an_idempotency_key_and_a_return_that_asks_stripe(
    client, application, fake_stripe
):
    choose = client.get(pay_url(application)).content.decode()
    assert "Card (Stripe)" in choose
    started = client.post(pay_url(application), {"method": "stripe"})
    payment = Payment.objects.get()
    assert started["Location"].startswith("https://checkout.stripe.test/c/pay/cs_test")
    [(method, path, params)] = fake_stripe.requests
    assert (method, path) == ("post", "/v1/checkout/sessions")
    assert params["client_reference_id"] == str(payment.pk)
    assert params["metadata[payment_id]"] == str(payment.pk)
    assert params["line_items[0][price_data][unit_amount]"] == "2500"
    assert params["mode"] == "payment"
    assert payment.provider_reference in fake_stripe.sessions

    # Coming back without paying changes nothing: the browser's word is not taken.
    client.get(f"/en/my/applications/{application.reference}/pay/return/")
    payment.refresh_from_db()
    assert payment.status == Payment.Status.PENDING

    fake_stripe.pay(payment.provider_reference)
    client.get(f"/en/my/applications/{application.reference}/pay/return/")
    payment.refresh_from_db()
    assert payment.status == Payment.Status.PAID
    assert payment.events.filter(source=PaymentEvent.Source.POLL, to_status="paid").count() == 1


@pytest.mark.django_db
def test_the_same_stripe_attempt_sent_twice_makes_one_session(application, fake_stripe):
    from payments.registry import gateway_get

    payment = Payment.objects.create(
        application=application, amount=2500, currency="USD", gateway="stripe"
    )
    gateway = gateway_get("stripe")
    first = gateway.start(payment=payment, return_url="/back/")
    again = gateway.start(payment=payment, return_url="/back/")
    assert first.provider_reference == again.provider_reference
    assert len(fake_stripe.sessions) == 1


@pytest.mark.django_db
def test_a_fee_due_on_approval_is_not_asked_for_at_submission(client, usd_service, citizen):
    from tests.factories import submit_application

    usd_service.fee_due = "approval"
    usd_service.save_revision().publish()
    application = submit_application(usd_service, applicant=citizen)
    detail = client.get(f"/en/my/applications/{application.reference}/").content.decode()
    assert "Pay now" not in detail
    assert "when your application is approved" in detail
    assert client.get(pay_url(application)).status_code == 302


@pytest.mark.django_db
def test_the_fee_is_computed_from_the_rule_and_the_answers(service_page):
    service_page.fee_currency = "LAK"
    service_page.fee = [
        {
            "type": "per_quantity",
            "value": {"amount": "10000", "unit": "copy", "quantity_field": "copies"},
        }
    ]
    assert service_page.fee_total({"copies": "3"}) == 3_000_000
    service_page.fee = [
        {
            "type": "options",
            "value": {
                "option_field": "kind",
                "options": [
                    {"label": "Sole trader", "amount": "200000", "value": "sole"},
                    {"label": "Company", "amount": "600000", "value": "company"},
                ],
            },
        }
    ]
    assert service_page.fee_total({"kind": "company"}) == 60_000_000
    assert service_page.fee_total({}) is None
    service_page.fee = []
    assert service_page.fee_total({}) == 0


@pytest.mark.django_db
def test_an_abandoned_demo_payment_expires_and_can_be_retried(client, application):
    import datetime

    from django.utils import timezone

    from payments.services import payments_reconcile

    client.post(pay_url(application), {"method": "demo"})
    payment = Payment.objects.get()
    assert payments_reconcile() == {"checked": 1, "changed": 0}
    later = timezone.now() + datetime.timedelta(hours=2)
    assert payments_reconcile(now=later) == {"checked": 1, "changed": 1}
    payment.refresh_from_db()
    assert payment.status == Payment.Status.EXPIRED
    assert "Pay now" in client.get(f"/en/my/applications/{application.reference}/").content.decode()


@pytest.mark.django_db
def test_cash_cannot_be_started_as_an_online_payment(client, application):
    from payments.services import PaymentRefused, payment_start

    with pytest.raises(PaymentRefused):
        payment_start(
            application_id=application.pk,
            amount=2500,
            currency="USD",
            gateway_key="counter",
            user=application.applicant,
            return_url="/back/",
        )
    response = client.post(pay_url(application), {"method": "counter"})
    assert "Select how you want to pay." in response.content.decode()
    assert not Payment.objects.exists()
