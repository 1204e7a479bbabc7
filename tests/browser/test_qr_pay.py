"""A Cambodian citizen pays by KHQR in Khmer: the page shows the code for the fee, and turns to
"Paid" by itself once the (fake) bank on loopback says the code was paid."""

import pytest

from payments.models import Payment
from tests.factories import OfficeFactory, UserFactory, submit_application
from tests.payments.fake_bank import TOKEN, FakeBank

from .test_apply import at, no_violations, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def fake_bank():
    bank = FakeBank().start()
    yield bank
    bank.stop()


def test_the_khmer_pay_page_shows_the_code_and_turns_to_paid(
    page, service_page, settings, fake_bank
):
    settings.KHQR_ACCOUNT_ID = "onedoor_owso@aclb"
    settings.KHQR_MERCHANT_NAME = "Daun Penh OWSO"
    settings.KHQR_API_URL = fake_bank.url
    settings.KHQR_API_TOKEN = TOKEN
    settings.QR_CHECK_SECONDS = 0
    service_page.fee_currency = "KHR"
    service_page.fee = [{"type": "fixed", "value": {"amount": "600000"}}]
    service_page.save_revision().publish()
    citizen = UserFactory()
    application = submit_application(service_page, applicant=citizen, office=OfficeFactory())
    sign_in(page, citizen)

    page.goto(f"/km/my/applications/{application.reference}/pay/")
    page.check("input[value=khqr]")
    page.click("main form button[type=submit]")
    at(page, "/km/payments/qr/")
    main = page.locator("main")
    assert page.locator("main svg[role=img]").is_visible()
    shown = main.inner_text()
    for said in ("ស្កេនកូដដើម្បីបង់ប្រាក់", "600,000", "Daun Penh OWSO", application.reference,
                 "ពិនិត្យម្តងទៀត"):  # fmt: skip
        assert said in shown, said
    no_violations(page, True)

    payment = Payment.objects.get(gateway="khqr")
    fake_bank.pay(payment.provider_reference, amount=600000, currency="KHR",
                  to="onedoor_owso@aclb")  # fmt: skip
    # The page's script asks every few seconds and shows the page again once it is paid.
    page.wait_for_selector("h1:has-text('បានបង់')", timeout=60_000)
    payment.refresh_from_db()
    assert payment.status == Payment.Status.PAID
    assert payment.receipt_number in main.inner_text()
    assert "/km/payments/qr/" in page.url
    no_violations(page, True)
