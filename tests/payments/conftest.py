"""Payments tests: the Stripe gateway on, talking to our fake; an application with a fee."""

import pytest

from payments.gateways.stripe import StripeGateway
from tests.factories import OfficeFactory, submit_application
from tests.payments.fake_stripe import WEBHOOK_SECRET, FakeStripe


@pytest.fixture
def fake_stripe(settings, monkeypatch):
    settings.STRIPE_SECRET_KEY = "sk_test_onedoor"
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    settings.STRIPE_CURRENCIES = ["USD"]
    fake = FakeStripe()
    monkeypatch.setattr(StripeGateway, "http_client", fake)
    return fake


@pytest.fixture
def usd_service(service_page):
    service_page.fee_currency = "USD"
    service_page.fee = [{"type": "fixed", "value": {"amount": "25.00"}}]
    service_page.save_revision().publish()
    return service_page


@pytest.fixture
def application(usd_service, citizen):
    """A submitted application by the signed-in citizen, with a USD 25.00 fee."""
    return submit_application(usd_service, applicant=citizen, office=OfficeFactory())
