"""An applicant pays the fee with the demo gateway in Chromium and sees the receipt."""

import pytest

from payments.models import Payment
from tests.factories import OfficeFactory, UserFactory, submit_application

from .test_apply import at, no_violations, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_paying_with_the_demo_gateway_and_printing_the_receipt(page, service_page, settings):
    settings.PAYMENTS_DEMO_ENABLED = True
    citizen = UserFactory()
    application = submit_application(service_page, applicant=citizen, office=OfficeFactory())
    sign_in(page, citizen)

    page.goto(f"/en/my/applications/{application.reference}/")
    assert "LAK\u00a050,000" in page.locator("main").inner_text()
    page.click("text=Pay now")
    at(page, "/pay/")
    no_violations(page, True)
    page.check("input[value=demo]")
    page.click("text=Continue to payment")
    at(page, "/payments/demo/")
    no_violations(page, True)

    page.click("button[value=fail]")
    at(page, f"/my/applications/{application.reference}/")
    assert "did not go through" in page.locator("main").inner_text()

    page.click("text=Pay now")
    page.check("input[value=demo]")
    page.click("text=Continue to payment")
    page.click("button[value=succeed]")
    at(page, f"/my/applications/{application.reference}/")
    paid = Payment.objects.get(status=Payment.Status.PAID)
    assert paid.receipt_number in page.locator("main").inner_text()

    page.click(f"a:has-text('{paid.receipt_number}')")
    at(page, "/receipts/")
    receipt = page.locator("main").inner_text()
    for shown in (paid.receipt_number, application.reference, "LAK 50,000", service_page.title):
        assert shown in receipt.replace("\u00a0", " "), shown
    no_violations(page, True)
    page.emulate_media(media="print")
    assert not page.locator(".govuk-header").is_visible()
